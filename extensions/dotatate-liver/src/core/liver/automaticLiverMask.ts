import type { MaskVolume, ScalarVolume } from '../types';
import { boxMean3 } from '../volume/boxMean3';
import { erodeMaskMm } from '../volume/erodeMaskMm';
import { dilateMaskMm } from '../volume/dilateMaskMm';
import { voxelVolumeMl } from '../volume/voxelIndex';
import { quantile } from '../stats/quantile';
import { largestComponent } from './largestComponent';
import { closeMaskMm } from './closeMaskMm';
import { fillHolesPerSlice } from './fillHolesPerSlice';
import { LiverNotFoundError } from './LiverNotFoundError';

export interface AutomaticLiverOptions {
  /** CT in Hounsfield units resampled onto the PET grid; excludes lung, air and bone. */
  ctOnPetGrid?: ScalarVolume;
  /** Organ uptake must exceed this multiple of the body's median uptake. */
  organToBodyRatio?: number;
  /** Radius (mm) of the opening that separates the liver from touching organs. */
  openingRadiusMm?: number;
  /** Accepted band around the liver's median uptake, as fractions of it. */
  lowerFraction?: number;
  upperFraction?: number;
  closingRadiusMm?: number;
  /** Plausible liver volume (ml); outside it the result is refused. */
  minimumVolumeMl?: number;
}

/**
 * Automatic liver mask from a PET volume (any units: only ratios are used), for studies
 * without a liver segmentation. On 68Ga-DOTATATE the liver is the largest organ whose uptake
 * stands well above the body's soft tissue: (1) smooth 3×3×3; (2) organs = voxels above
 * `organToBodyRatio` × the body's median; (3) opening by `openingRadiusMm` and the largest
 * component give the liver's core; (4) its median uptake defines a band that is opened and
 * kept as the largest component again; (5) closing and per-slice hole filling keep hot lesions
 * inside. With a CT on the PET grid, voxels below −150 HU or above 300 HU are excluded.
 * Throws LiverNotFoundError when nothing liver-sized remains.
 */
export function automaticLiverMask(pet: ScalarVolume, options: AutomaticLiverOptions = {}): MaskVolume {
  const {
    ctOnPetGrid,
    organToBodyRatio = 2.5,
    openingRadiusMm = 8,
    lowerFraction = 0.55,
    upperFraction = 1.8,
    closingRadiusMm = 10,
    minimumVolumeMl = 300,
  } = options;
  const smooth = boxMean3(pet).voxels;
  const peak = quantile(sample(smooth, 200_000), 0.999);
  if (!(peak > 0)) throw new LiverNotFoundError('the PET volume has no uptake');
  const bodyValues: number[] = [];
  for (let index = 0; index < smooth.length; index += 7) if (smooth[index] > 0.02 * peak) bodyValues.push(smooth[index]);
  const bodyMedian = quantile(bodyValues, 0.5);
  const allowedByCt = (index: number) => !ctOnPetGrid || (ctOnPetGrid.voxels[index] > -150 && ctOnPetGrid.voxels[index] < 300);

  const organs = maskWhere(pet, (index) => smooth[index] > organToBodyRatio * bodyMedian && allowedByCt(index));
  const core = opened(organs, openingRadiusMm);
  const coreValues: number[] = [];
  for (let index = 0; index < core.voxels.length; index++) if (core.voxels[index]) coreValues.push(smooth[index]);
  if (coreValues.length === 0) throw new LiverNotFoundError('no organ with uptake clearly above the body background');
  const liverMedian = quantile(coreValues, 0.5);

  const band = maskWhere(pet, (index) => smooth[index] >= lowerFraction * liverMedian && smooth[index] <= upperFraction * liverMedian && allowedByCt(index));
  const liver = fillHolesPerSlice(closeMaskMm(opened(band, openingRadiusMm / 2), closingRadiusMm));
  let count = 0;
  for (let index = 0; index < liver.voxels.length; index++) count += liver.voxels[index];
  const volumeMl = count * voxelVolumeMl(pet);
  if (volumeMl < minimumVolumeMl) {
    throw new LiverNotFoundError(`the largest organ found holds ${volumeMl.toFixed(0)} ml, less than a liver (${minimumVolumeMl} ml)`);
  }
  return liver;
}

/** Opening followed by the largest component, grown back within the original mask. */
function opened(mask: MaskVolume, radiusMm: number): MaskVolume {
  const core = largestComponent(erodeMaskMm(mask, radiusMm, { borderIsInside: true }));
  const regrown = dilateMaskMm(core, radiusMm);
  const voxels = new Uint8Array(mask.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = regrown.voxels[index] & mask.voxels[index];
  return largestComponent({ ...mask, voxels });
}

function maskWhere(geometry: ScalarVolume, keep: (index: number) => boolean): MaskVolume {
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
