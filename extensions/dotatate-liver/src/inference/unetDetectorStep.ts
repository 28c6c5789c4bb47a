import type { MaskVolume, ProgressCallback, ScalarVolume } from '../core/types';
import type { BackendId, SliceModelSession } from './backends/types';
import { BackendOpeners, BackendReport, openBestBackend } from './chooseBackend';
import { DeviceEnvironment, DeviceProbe, currentDeviceEnvironment, probeDevice } from './device';
import type { LoadedModel } from './loadModel';
import type { ModelManifest } from './manifest';
import { ResamplingNote, describeResampling, pasteWindow, placeWindow, sampleWindow } from './sliceWindow';

/** The liver crop the detector chain hands to a probability-map step. */
export interface DetectorStepInput {
  /** PET on the liver crop, in SUVbw (or relative units, see `units`). */
  pet: ScalarVolume;
  /** Liver mask (0/1) on the same grid as `pet`. */
  liver: MaskVolume;
}

export interface UnetProbabilityMap {
  /** Lesion probability in [0, 1] on the crop's grid; 0 outside the liver and on slices without liver. */
  probability: ScalarVolume;
  model: { name: string; version: string; variant: ModelManifest['variant']; sha256: string };
  /** The model's default post-processing (binarise, pixel-area filter). */
  thresholds: ModelManifest['thresholds'];
  backend: BackendReport;
  resampling: ResamplingNote;
  slicesRun: number;
  batches: number;
  milliseconds: number;
  /** Anything the reader should know about this run, in plain words. */
  warnings: string[];
}

export interface UnetDetectorStep {
  readonly name: 'unet';
  readonly model: UnetProbabilityMap['model'];
  readonly backend: BackendReport;
  run(input: DetectorStepInput, onProgress?: ProgressCallback): Promise<UnetProbabilityMap>;
  release(): Promise<void>;
}

export interface UnetDetectorStepOptions {
  /** A model loaded and sha256-checked by `loadModel`. */
  model: LoadedModel;
  /** Runtimes available to this build (browser: webgpu/webgl/wasm; CLI adds node). */
  openers: BackendOpeners;
  /** A probe, or the environment to probe; default: the current page/worker. */
  device?: DeviceProbe | DeviceEnvironment;
  exclude?: readonly BackendId[];
  /** Slices per forward pass (default 8). */
  batchSize?: number;
}

function isProbe(device: DeviceProbe | DeviceEnvironment): device is DeviceProbe {
  return 'wasmThreads' in device;
}

function checkGrid(input: DetectorStepInput): void {
  const { pet, liver } = input;
  if (pet.dimensions.some((d, axis) => d !== liver.dimensions[axis])) {
    throw new Error(`The liver mask (${liver.dimensions.join('×')}) is not on the PET crop's grid (${pet.dimensions.join('×')}).`);
  }
  if (pet.voxels.length !== pet.dimensions[0] * pet.dimensions[1] * pet.dimensions[2]) {
    throw new Error('The PET crop holds a different number of voxels than its dimensions say.');
  }
}

function sliceHasLiver(liver: MaskVolume, k: number): boolean {
  const size = liver.dimensions[0] * liver.dimensions[1];
  for (let index = k * size; index < (k + 1) * size; index++) if (liver.voxels[index]) return true;
  return false;
}

async function predict(
  session: SliceModelSession,
  manifest: ModelManifest,
  input: DetectorStepInput,
  batchSize: number,
  onProgress?: ProgressCallback,
): Promise<Omit<UnetProbabilityMap, 'model' | 'thresholds' | 'backend' | 'milliseconds'>> {
  const { pet, liver } = input;
  const slices = pet.dimensions[2];
  const window = placeWindow(liver, manifest);
  const resampling = describeResampling(pet, manifest);
  const { channels, width, height, sliceOffsets } = manifest.input;
  const pixels = width * height;
  const liverSlices = Array.from({ length: slices }, (_, k) => k).filter((k) => sliceHasLiver(liver, k));
  const output = new Float32Array(pet.voxels.length);
  let outside = 0;
  let batches = 0;
  for (let start = 0; start < liverSlices.length; start += batchSize) {
    const batch = liverSlices.slice(start, start + batchSize);
    const tensor = new Float32Array(batch.length * channels * pixels);
    batch.forEach((k, b) => {
      sliceOffsets.forEach((offset, c) => {
        const neighbour = Math.min(Math.max(k + offset, 0), slices - 1);
        sampleWindow(pet, liver, neighbour, window, manifest, tensor, (b * channels + c) * pixels);
      });
    });
    const probabilities = await session.run(tensor, batch.length);
    batch.forEach((k, b) => {
      outside += pasteWindow(probabilities, b * pixels, liver, k, window, output);
    });
    batches++;
    onProgress?.('unet', Math.min(1, (start + batch.length) / liverSlices.length));
  }
  const warnings: string[] = [];
  if (resampling.resampled) warnings.push(resampling.message);
  if (outside > 0) {
    warnings.push(
      `${outside} liver voxels lie outside the model's ${width}×${height} px window at ${manifest.input.spacingMm.join(' × ')} mm and were not analysed.`,
    );
  }
  if (channels > 1 && slices < 2) warnings.push('The 2.5D model saw a single slice, repeated as its neighbours.');
  const probability: ScalarVolume = { ...pet, voxels: output };
  return { probability, resampling, slicesRun: liverSlices.length, batches, warnings };
}

/**
 * Builds the U-Net step of the detector chain: opens the best backend for this device once, then
 * turns each liver crop into a lesion probability map on the crop's grid. Slices with liver go in
 * batches; the window, spacing and normalisation come from the model's manifest.
 */
export async function createUnetDetectorStep(options: UnetDetectorStepOptions): Promise<UnetDetectorStep> {
  const { manifest, modelBytes } = options.model;
  const device = options.device ?? currentDeviceEnvironment();
  const probe = isProbe(device) ? device : await probeDevice(device);
  const { session, report } = await openBestBackend(modelBytes, manifest, probe, options.openers, { exclude: options.exclude });
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 8));
  const model = { name: manifest.name, version: manifest.version, variant: manifest.variant, sha256: manifest.sha256 };
  return {
    name: 'unet',
    model,
    backend: report,
    async run(input, onProgress) {
      checkGrid(input);
      const started = performance.now();
      const result = await predict(session, manifest, input, batchSize, onProgress);
      return {
        ...result,
        model,
        thresholds: manifest.thresholds,
        backend: report,
        milliseconds: performance.now() - started,
      };
    },
    release: () => session.release(),
  };
}
