import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as ortNode from 'onnxruntime-node';
import type { DetectorStep } from 'ohif-extension-dotatate-liver/src/core/detectors/DetectorStep';
import {
  BackendId,
  BackendOpeners,
  ByteReader,
  DeviceProbe,
  OrtRuntimeLike,
  UnetDetectorStep,
  UnetProbabilityMap,
  asCoreDetectorStep,
  createOrtSessionOpener,
  createOrtWasmOpener,
  createUnetDetectorStep,
  fusedDetectorStep,
  importOnnxRuntimeWeb,
  loadModel,
} from 'ohif-extension-dotatate-liver/src/inference';

/** The shipped 2D model's manifest, used when `--model` is not given. */
export const DEFAULT_MANIFEST_PATH = path.resolve(__dirname, '../../../../extensions/dotatate-liver/models/unet-2d.manifest.json');

/** Reads a local file (or a file: URL); the loader turns a rejection into a clear "missing" message. */
export const readFileBytes: ByteReader = async (location) => {
  const filePath = location.startsWith('file:') ? new URL(location) : location;
  return new Uint8Array(await readFile(filePath));
};

/** onnxruntime-node on the CPU with `threads` intra-op threads. */
export function createNodeOpener(threads = 1) {
  return createOrtSessionOpener(
    ortNode as unknown as OrtRuntimeLike,
    'node',
    { executionProviders: ['cpu'], intraOpNumThreads: threads, graphOptimizationLevel: 'all' },
    `${threads} thread${threads === 1 ? '' : 's'}`,
  );
}

/** Node has no GPU API: the probe says so, and WASM may use the CPU's threads. */
export function nodeDeviceProbe(wasmThreads = 1): DeviceProbe {
  return {
    webgpu: { available: false, software: false, description: 'Node has no WebGPU' },
    webgl: { available: false, software: false, renderer: 'Node has no WebGL' },
    crossOriginIsolated: true,
    hardwareConcurrency: wasmThreads,
    wasmThreads,
  };
}

/** Node-side openers: onnxruntime-node first, onnxruntime-web WASM as its fallback. */
export async function createNodeOpeners(threads = 1): Promise<BackendOpeners> {
  return { node: createNodeOpener(threads), wasm: createOrtWasmOpener(await importOnnxRuntimeWeb(), threads) };
}

export interface CliUnetOptions {
  /** Manifest path or URL; default: the shipped 2D model. */
  manifest?: string;
  threads?: number;
  batchSize?: number;
  exclude?: readonly BackendId[];
}

/**
 * What `dotatate-liver detect --detector unet|fusion` calls: loads and checks the model, opens
 * onnxruntime-node (or WASM if it fails), and returns the step that maps a liver crop to
 * probabilities. A missing or corrupt model rejects with ModelUnavailableError, whose message
 * says the classical detector is offered instead.
 */
export async function createCliUnetStep(options: CliUnetOptions = {}): Promise<UnetDetectorStep> {
  const model = await loadModel(options.manifest ?? DEFAULT_MANIFEST_PATH, readFileBytes);
  const threads = options.threads ?? 1;
  return createUnetDetectorStep({
    model,
    openers: await createNodeOpeners(threads),
    device: nodeDeviceProbe(threads),
    exclude: options.exclude,
    batchSize: options.batchSize,
  });
}

/**
 * The detector steps behind `dotatate-liver detect --detector unet|fusion`, as the core's
 * DetectorStep: `unet` is the U-Net alone; `fusion` takes the voxel-wise maximum of the U-Net and
 * the classical detector passed in. `onResult` receives the backend report, resampling note and
 * warnings to print.
 */
export async function createCliDetector(
  kind: 'unet' | 'fusion',
  classical: DetectorStep,
  options: CliUnetOptions & { onResult?: (result: UnetProbabilityMap) => void } = {},
): Promise<{ detector: DetectorStep; unet: UnetDetectorStep }> {
  const unet = await createCliUnetStep(options);
  const unetDetector = asCoreDetectorStep(unet, options.onResult);
  return { detector: kind === 'unet' ? unetDetector : fusedDetectorStep(unetDetector, classical), unet };
}
