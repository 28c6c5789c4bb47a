import type { DetectorInput, DetectorStep } from '../core/detectors/DetectorStep';
import type { UnetDetectorStep, UnetProbabilityMap } from './unetDetectorStep';

/**
 * Presents the U-Net step as the core's DetectorStep, so `detect()` can run it like the classical
 * detector. The full result (backend and why, resampling note, warnings) goes to `onResult`, for
 * the panel or the CLI to show; the core only receives the probability map on the crop grid.
 */
export function asCoreDetectorStep(step: UnetDetectorStep, onResult?: (result: UnetProbabilityMap) => void): DetectorStep {
  return {
    name: 'unet',
    version: step.model.version,
    parameters: {
      model: step.model.name,
      variant: step.model.variant,
      sha256: step.model.sha256,
      backend: step.backend.backend,
      backendDetail: step.backend.detail,
    },
    async run(input: DetectorInput, context) {
      if (context.isCancelled?.()) throw new Error('Detection was cancelled before the U-Net ran.');
      const result = await step.run({ pet: input.pet, liver: input.liver }, (_stage, fraction) => context.onProgress?.(fraction));
      onResult?.(result);
      return result.probability.voxels;
    },
  };
}

/**
 * U-Net and another detector (the classical one) combined: each voxel takes the larger of the
 * two maps, so a lesion either finds survives binarisation. Both run on the same crop.
 */
export function fusedDetectorStep(first: DetectorStep, second: DetectorStep): DetectorStep {
  return {
    name: `fusion(${first.name},${second.name})`,
    version: `${first.version}+${second.version}`,
    parameters: { combine: 'max', ...prefixed(first), ...prefixed(second) },
    async run(input, context) {
      const a = await first.run(input, { ...context, onProgress: (f) => context.onProgress?.(f / 2) });
      const b = await second.run(input, { ...context, onProgress: (f) => context.onProgress?.(0.5 + f / 2) });
      const fused = new Float32Array(a.length);
      for (let n = 0; n < a.length; n++) fused[n] = Math.max(a[n], b[n]);
      return fused;
    },
  };
}

function prefixed(step: DetectorStep): Record<string, number | string | boolean> {
  return Object.fromEntries(Object.entries(step.parameters).map(([key, value]) => [`${step.name}.${key}`, value]));
}
