/**
 * The U-Net inside the detection worker: loads the model named by the request (manifest, then the
 * sha256-checked weights), probes the worker's device (WebGPU adapter, WebGL2 on an OffscreenCanvas,
 * cross-origin isolation for WASM threads), opens the best backend once and keeps it for later runs.
 * onnxruntime-web's glue script and WASM binary come from the extension's dist (`ort/`): the binary
 * is shipped gzipped and inflated here, and only when an onnxruntime backend actually opens.
 */
import type { BackendOpeners } from '../inference/chooseBackend';
import { createBrowserOpeners } from '../inference/backends/browserOpeners';
import { importOnnxRuntimeWeb, type OrtWebLike } from '../inference/backends/onnxWeb';
import type { SessionOpener } from '../inference/backends/types';
import { currentDeviceEnvironment, probeDevice } from '../inference/device';
import { fetchBytes, loadModel } from '../inference/loadModel';
import { createUnetDetectorStep, type UnetDetectorStep } from '../inference/unetDetectorStep';
import type { ModelLocation } from './protocol';

/** onnxruntime-web's JSEP build: one binary for its WASM (CPU) and WebGPU execution providers. */
export const ORT_GLUE_FILE = 'ort-wasm-simd-threaded.jsep.mjs';
export const ORT_BINARY_FILE = 'ort-wasm-simd-threaded.jsep.wasm.gz';

interface OrtWasmEnvironment {
  wasmPaths?: string | Record<string, string>;
  wasmBinary?: ArrayBufferLike | Uint8Array;
}

/** Fetches and inflates the gzipped WASM binary (DecompressionStream: Chromium 80+, Firefox 113+, Safari 16.4+). */
async function fetchGzippedBinary(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`onnxruntime-web's WASM binary ${url} could not be read (HTTP ${response.status}).`);
  const inflated = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

/**
 * Points onnxruntime-web at the runtime files under `runtimeUrl` (the extension's `ort/`); returns
 * the function to await before a session opens: the binary is fetched and inflated on first call only.
 */
export function shippedRuntimeFiles(runtime: OrtWebLike, runtimeUrl: string): () => Promise<void> {
  const wasmEnvironment = runtime.env.wasm as OrtWasmEnvironment;
  let binary: Promise<void> | null = null;
  return () =>
    (binary ??= fetchGzippedBinary(new URL(ORT_BINARY_FILE, runtimeUrl).href).then((bytes) => {
      wasmEnvironment.wasmBinary = bytes;
      wasmEnvironment.wasmPaths = { mjs: new URL(ORT_GLUE_FILE, runtimeUrl).href };
    }));
}

/** Wraps an opener so the runtime files are in place before it runs. */
export function withRuntimeFiles(opener: SessionOpener | undefined, ready: () => Promise<void>): SessionOpener | undefined {
  if (!opener) return undefined;
  return async (modelBytes, manifest) => {
    await ready();
    return opener(modelBytes, manifest);
  };
}

export async function openUnetInWorker(location: ModelLocation, options: { batchSize?: number } = {}): Promise<UnetDetectorStep> {
  const model = await loadModel(location.manifestUrl, fetchBytes);
  const probe = await probeDevice(currentDeviceEnvironment());
  const ready = shippedRuntimeFiles(await importOnnxRuntimeWeb(), location.runtimeUrl);
  const openers: BackendOpeners = await createBrowserOpeners(probe);
  return createUnetDetectorStep({
    model,
    device: probe,
    batchSize: options.batchSize,
    openers: { ...openers, webgpu: withRuntimeFiles(openers.webgpu, ready), wasm: withRuntimeFiles(openers.wasm, ready) },
  });
}

/** One U-Net per worker and model: a later run with the same manifest reuses the open session. */
export function createUnetCache(open: (location: ModelLocation) => Promise<UnetDetectorStep> = openUnetInWorker) {
  let cached: { manifestUrl: string; step: Promise<UnetDetectorStep> } | null = null;
  return async (location: ModelLocation): Promise<UnetDetectorStep> => {
    if (cached?.manifestUrl !== location.manifestUrl) {
      const previous = cached;
      cached = { manifestUrl: location.manifestUrl, step: open(location) };
      void previous?.step.then((step) => step.release()).catch(() => undefined);
    }
    const current = cached;
    try {
      return await current.step;
    } catch (error) {
      // A failed load is not kept: the next run tries again (the file may have been fixed).
      if (cached === current) cached = null;
      throw error;
    }
  };
}
