import type { BackendOpeners } from '../chooseBackend';
import type { DeviceProbe } from '../device';
import { OrtWebOptions, createOrtWasmOpener, createOrtWebGpuOpener, importOnnxRuntimeWeb } from './onnxWeb';

/**
 * The runtimes of the extension bundle: onnxruntime-web's WebGPU and WASM backends, WASM with as
 * many threads as the probe allows. WebGL is left out: onnxruntime-web's WebGL provider handles only
 * fixed shapes and is slow and inexact for this net, and the TF.js WebGL runtime is not built yet.
 */
export async function createBrowserOpeners(probe: DeviceProbe, options: OrtWebOptions = {}): Promise<BackendOpeners> {
  const runtime = await importOnnxRuntimeWeb();
  return {
    webgpu: createOrtWebGpuOpener(runtime, options),
    wasm: createOrtWasmOpener(runtime, probe.wasmThreads, options),
  };
}
