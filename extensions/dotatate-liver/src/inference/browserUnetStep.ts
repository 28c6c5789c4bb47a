import type { BackendId } from './backends/types';
import { createBrowserOpeners } from './backends/browserOpeners';
import type { OrtWebOptions } from './backends/onnxWeb';
import { DeviceEnvironment, currentDeviceEnvironment, probeDevice } from './device';
import { ByteReader, fetchBytes, loadModel } from './loadModel';
import { UnetDetectorStep, createUnetDetectorStep } from './unetDetectorStep';

export interface BrowserUnetOptions extends OrtWebOptions {
  /** URL of the model manifest: the extension's shipped one, or a hospital's own (configuration). */
  manifestUrl: string;
  exclude?: readonly BackendId[];
  batchSize?: number;
  /** For tests; default: the current page or worker. */
  environment?: DeviceEnvironment;
  readBytes?: ByteReader;
}

/**
 * The viewer's entry point: fetch and sha256-check the model, probe the device, open the best
 * backend (WebGPU on a real adapter, WebGL on a hardware renderer, else WASM with the threads
 * cross-origin isolation allows) and return the U-Net step; `step.backend` says which ran and why.
 * Rejects with ModelUnavailableError (missing, corrupt, no backend): offer the classical detector.
 */
export async function createBrowserUnetStep(options: BrowserUnetOptions): Promise<UnetDetectorStep> {
  const model = await loadModel(options.manifestUrl, options.readBytes ?? fetchBytes);
  const probe = await probeDevice(options.environment ?? currentDeviceEnvironment());
  const openers = await createBrowserOpeners(probe, { wasmPaths: options.wasmPaths });
  return createUnetDetectorStep({ model, openers, device: probe, exclude: options.exclude, batchSize: options.batchSize });
}
