import type { BackendOpeners } from '../chooseBackend';
import type { DeviceProbe } from '../device';
import { createTfjsWebGlOpener } from '../tfjs/tfjsOpener';
import { OrtWebOptions, createOrtWasmOpener, createOrtWebGpuOpener, importOnnxRuntimeWeb } from './onnxWeb';

/**
 * The runtimes of the extension bundle: onnxruntime-web's WebGPU and WASM backends (WASM with as
 * many threads as the probe allows) and TF.js for WebGL, all reading the same ONNX file.
 */
export async function createBrowserOpeners(probe: DeviceProbe, options: OrtWebOptions = {}): Promise<BackendOpeners> {
  const runtime = await importOnnxRuntimeWeb();
  return {
    webgpu: createOrtWebGpuOpener(runtime, options),
    webgl: createTfjsWebGlOpener(),
    wasm: createOrtWasmOpener(runtime, probe.wasmThreads, options),
  };
}
