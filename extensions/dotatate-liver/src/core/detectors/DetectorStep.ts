import type { CancellationCheck, LiverReference, MaskVolume, PetVolume } from '../types';

/** What a detector sees: everything on the liver crop's grid. */
export interface DetectorInput {
  /** PET crop, in `pet.units` (SUVbw or relative). */
  pet: PetVolume;
  /** Liver mask on the same grid (holes filled). */
  liver: MaskVolume;
  reference: LiverReference;
}

/** What a running step may use to report progress and learn it should stop. */
export interface StepContext {
  /** fraction in [0, 1] of this step. */
  onProgress?: (fraction: number) => void;
  isCancelled?: CancellationCheck;
}

/**
 * A detector: a named, versioned step producing a per-voxel map in [0, 1] on the crop grid
 * (a probability for a network, a score for the classical detector), synchronously or as a
 * promise (a network runs asynchronously on a GPU). Its parameters are recorded in results.
 */
export interface DetectorStep {
  name: string;
  version: string;
  parameters: Readonly<Record<string, number | string | boolean>>;
  run(input: DetectorInput, context: StepContext): Float32Array | Promise<Float32Array>;
}
