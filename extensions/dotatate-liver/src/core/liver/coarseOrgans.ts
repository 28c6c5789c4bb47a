import type { MaskVolume, ScalarVolume } from '../types';
import { boxMean3 } from '../volume/boxMean3';
import { quantile } from '../stats/quantile';
import { downsampleByTwo } from './downsampleByTwo';
import { LiverNotFoundError } from './LiverNotFoundError';

/** The coarse grid the liver is first found on, and the organs standing above the body on it. */
export interface CoarseOrgans {
  /** PET on the coarse grid (2 × 2 × 2 block means, or the 3 × 3 × 3-smoothed full grid); PET units. */
  coarse: ScalarVolume;
  /** CT (HU) on the same grid, when given. */
  coarseCt?: ScalarVolume;
  /** Body voxels: uptake above 2 % of the 99.9th percentile. */
  body: MaskVolume;
  /** Voxels above `organToBodyRatio` × the body's median uptake, within the CT's soft-tissue range. */
  organs: MaskVolume;
  coarseFirst: boolean;
}

/** Soft tissue on CT (HU): lung and air lie below, bone above. */
export function softTissueOnCt(ct: ScalarVolume | undefined, index: number): boolean {
  return !ct || (ct.voxels[index] > -150 && ct.voxels[index] < 300);
}

/**
 * The coarse stage's first step, shared by the automatic and the seeded liver: the PET on half
 * resolution (`coarseFirst`, block means calm the noise) or smoothed 3 × 3 × 3, the body, and the
 * organs above `organToBodyRatio` × the body's median uptake (on 68Ga-DOTATATE: liver, spleen,
 * kidneys, adrenals, lesions). Throws LiverNotFoundError for a PET without uptake.
 */
export function coarseOrgans(pet: ScalarVolume, options: { ctOnPetGrid?: ScalarVolume; organToBodyRatio: number; coarseFirst: boolean }): CoarseOrgans {
  const { ctOnPetGrid, organToBodyRatio, coarseFirst } = options;
  const coarse = coarseFirst ? downsampleByTwo(pet) : boxMean3(pet);
  const coarseCt = ctOnPetGrid && (coarseFirst ? downsampleByTwo(ctOnPetGrid) : ctOnPetGrid);
  const values = coarse.voxels;
  const peak = quantile(sample(values, 50_000), 0.999);
  if (!(peak > 0)) throw new LiverNotFoundError('the PET volume has no uptake');
  const body = maskWhere(coarse, (index) => values[index] > 0.02 * peak);
  const bodyValues: number[] = [];
  for (let index = 0; index < values.length; index += 5) if (body.voxels[index]) bodyValues.push(values[index]);
  const bodyMedian = quantile(bodyValues, 0.5);
  const organs = maskWhere(coarse, (index) => values[index] > organToBodyRatio * bodyMedian && softTissueOnCt(coarseCt, index));
  return { coarse, coarseCt, body, organs, coarseFirst };
}

export function maskWhere(geometry: ScalarVolume | MaskVolume, keep: (index: number) => boolean): MaskVolume {
  const voxels = new Uint8Array(geometry.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = keep(index) ? 1 : 0;
  return { dimensions: geometry.dimensions, spacing: geometry.spacing, origin: geometry.origin, direction: geometry.direction, voxels };
}

/** Every n-th value, so quantiles of big volumes stay cheap. */
function sample(values: Float32Array, target: number): Float32Array {
  const step = Math.max(1, Math.floor(values.length / target));
  const out = new Float32Array(Math.ceil(values.length / step));
  for (let n = 0, index = 0; index < values.length; index += step, n++) out[n] = values[index];
  return out;
}
