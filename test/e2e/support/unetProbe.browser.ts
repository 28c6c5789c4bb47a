/**
 * Runs in a Chromium page (bundled by unetProbePage.ts): opens the shipped U-Net on one named
 * backend — onnxruntime-web WASM (n threads), onnxruntime-web WebGPU, TF.js WebGL — bypassing the
 * automatic choice, so tests and benchmarks can compare every backend that starts in one page.
 * Uses the extension's own inference code and the runtime files its build ships in dist.
 */
import { createOrtWasmOpener, createOrtWebGpuOpener, importOnnxRuntimeWeb } from '../../../extensions/dotatate-liver/src/inference/backends/onnxWeb';
import type { SessionOpener, SliceModelSession } from '../../../extensions/dotatate-liver/src/inference/backends/types';
import type { MaskVolume, ScalarVolume, Vec3 } from '../../../extensions/dotatate-liver/src/core/types';
import { currentDeviceEnvironment, probeDevice, type DeviceProbe } from '../../../extensions/dotatate-liver/src/inference/device';
import { fetchBytes, loadModel, type LoadedModel } from '../../../extensions/dotatate-liver/src/inference/loadModel';
import { createTfjsWebGlOpener } from '../../../extensions/dotatate-liver/src/inference/tfjs/tfjsOpener';
import { createUnetDetectorStep } from '../../../extensions/dotatate-liver/src/inference/unetDetectorStep';
import { shippedRuntimeFiles, withRuntimeFiles } from '../../../extensions/dotatate-liver/src/worker/unetInWorker';

export type ProbeBackend = 'wasm' | 'webgpu' | 'webgl';

export interface ProbeApi {
  device(): Promise<DeviceProbe>;
  /** Opens `backend` (WASM with `threads`, fixed for the page at the first WASM session); `size` px square input. */
  open(backend: ProbeBackend, threads: number, size: number): Promise<{ detail: string; openMs: number }>;
  /** One forward pass of the open session on NCHW `input`; returns its probabilities and the time taken. */
  run(input: number[], batch: number): Promise<{ output: number[]; ms: number }>;
  /** The U-Net detector step on a synthetic 45-slice liver crop (as the Node benchmark), on the open backend. */
  wholeLiver(batchSize: number): Promise<{ ms: number; slices: number }>;
}

declare global {
  interface Window {
    unetProbe: ProbeApi;
    unetProbeConfig: { manifestUrl: string; runtimeUrl: string };
  }
}

/** A 128 × 128 × 60 crop at 4.6875 mm with a liver over 45 slices, as benchmarks/inference.ts uses. */
function syntheticLiverCrop(): { pet: ScalarVolume; liver: MaskVolume } {
  const dimensions: Vec3 = [128, 128, 60];
  const spacing: Vec3 = [4.6875, 4.6875, 3.27];
  const count = dimensions[0] * dimensions[1] * dimensions[2];
  const pet = new Float32Array(count);
  const liver = new Uint8Array(count);
  for (let k = 0, index = 0; k < dimensions[2]; k++) {
    for (let j = 0; j < dimensions[1]; j++) {
      for (let i = 0; i < dimensions[0]; i++, index++) {
        const inside = ((i - 64) / 35) ** 2 + ((j - 64) / 28) ** 2 + ((k - 30) / 22.5) ** 2 < 1;
        liver[index] = inside ? 1 : 0;
        pet[index] = inside ? 7 + Math.sin(i * 0.7 + j * 1.3 + k) : 1;
      }
    }
  }
  const geometry = { dimensions, spacing, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as ScalarVolume['direction'] };
  return { pet: { ...geometry, voxels: pet }, liver: { ...geometry, voxels: liver } };
}

let model: LoadedModel | null = null;
let session: { backend: ProbeBackend; opener: SessionOpener; threads: number; session: SliceModelSession; size: number } | null = null;
let ready: (() => Promise<void>) | null = null;

async function opener(backend: ProbeBackend, threads: number): Promise<SessionOpener> {
  if (backend === 'webgl') return createTfjsWebGlOpener();
  const runtime = await importOnnxRuntimeWeb();
  ready ??= shippedRuntimeFiles(runtime, window.unetProbeConfig.runtimeUrl);
  const base = backend === 'wasm' ? createOrtWasmOpener(runtime, threads) : createOrtWebGpuOpener(runtime);
  return withRuntimeFiles(base, ready) as SessionOpener;
}

window.unetProbe = {
  device: () => probeDevice(currentDeviceEnvironment()),
  async open(backend, threads, size) {
    model ??= await loadModel(window.unetProbeConfig.manifestUrl, fetchBytes);
    await session?.session.release();
    const started = performance.now();
    const open = await opener(backend, threads);
    const manifest = { ...model.manifest, input: { ...model.manifest.input, width: size, height: size } };
    const opened = await open(model.modelBytes, manifest);
    session = { backend, opener: open, threads, session: opened, size };
    return { detail: opened.detail, openMs: performance.now() - started };
  },
  async run(input, batch) {
    if (!session) throw new Error('open a backend first');
    const started = performance.now();
    const output = await session.session.run(Float32Array.from(input), batch);
    return { output: Array.from(output), ms: performance.now() - started };
  },
  async wholeLiver(batchSize) {
    if (!session || !model) throw new Error('open a backend first');
    const { opener: open, backend } = session;
    const device = await probeDevice(currentDeviceEnvironment());
    // The forced backend only, software renderers included (the automatic choice would skip them).
    const forced: DeviceProbe = { ...device, webgpu: { ...device.webgpu, software: false }, webgl: { ...device.webgl, software: false } };
    const step = await createUnetDetectorStep({ model, openers: { [backend]: open }, device: forced, batchSize });
    const crop = syntheticLiverCrop();
    const result = await step.run(crop);
    await step.release();
    return { ms: result.milliseconds, slices: result.slicesRun };
  },
};
