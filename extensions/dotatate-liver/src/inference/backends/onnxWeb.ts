import type { OrtRuntimeLike } from './onnxRuntimeSession';
import { createOrtSessionOpener } from './onnxRuntimeSession';
import type { SessionOpener } from './types';

/** The slice of onnxruntime-web's module we configure: the runtime plus its global `env.wasm`. */
export interface OrtWebLike extends OrtRuntimeLike {
  env: { wasm: { numThreads?: number; wasmPaths?: string | Record<string, string> } };
}

export interface OrtWebOptions {
  /** Where the runtime's .wasm/.mjs files are served from (the extension ships them); default: the package's own. */
  wasmPaths?: string;
}

/** Loads onnxruntime-web on first use, so importing the inference layer costs nothing until it runs. */
export async function importOnnxRuntimeWeb(): Promise<OrtWebLike> {
  const runtime = await import('onnxruntime-web');
  return runtime as unknown as OrtWebLike;
}

/**
 * WASM opener. The thread count is global to onnxruntime-web and takes effect only before its first
 * session on a page: set it once, from `wasmThreadCount` below.
 */
export function createOrtWasmOpener(runtime: OrtWebLike, threads: number, options: OrtWebOptions = {}): SessionOpener {
  runtime.env.wasm.numThreads = threads;
  if (options.wasmPaths) runtime.env.wasm.wasmPaths = options.wasmPaths;
  return createOrtSessionOpener(
    runtime,
    'wasm',
    { executionProviders: ['wasm'], graphOptimizationLevel: 'all' },
    `${threads} thread${threads === 1 ? '' : 's'}`,
  );
}

export function createOrtWebGpuOpener(runtime: OrtWebLike, options: OrtWebOptions = {}): SessionOpener {
  if (options.wasmPaths) runtime.env.wasm.wasmPaths = options.wasmPaths;
  return createOrtSessionOpener(runtime, 'webgpu', { executionProviders: ['webgpu'], graphOptimizationLevel: 'all' });
}
