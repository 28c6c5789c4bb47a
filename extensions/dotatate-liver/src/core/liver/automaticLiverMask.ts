import type { IjkBox, MaskVolume, ScalarVolume, Vec3 } from '../types';
import { boxMean3 } from '../volume/boxMean3';
import { erodeMaskMm } from '../volume/erodeMaskMm';
import { dilateMaskMm } from '../volume/dilateMaskMm';
import { boundingBoxOfMask } from '../volume/boundingBoxOfMask';
import { cropVolume } from '../volume/cropVolume';
import { pasteIntoVolume } from '../volume/pasteIntoVolume';
import { voxelVolumeMl } from '../volume/voxelIndex';
import { quantile } from '../stats/quantile';
import { largestComponent } from './largestComponent';
import { closeMaskMm } from './closeMaskMm';
import { fillHolesPerSlice } from './fillHolesPerSlice';
import { downsampleByTwo, upsampleMaskByTwo } from './downsampleByTwo';
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
  /**
   * Find the organ on a grid of half the resolution (2 × 2 × 2 block means), then refine its
   * boundary at full resolution around it (default true: ~10× faster, same boundary).
   */
  coarseFirst?: boolean;
}

/**
 * Automatic liver mask from a PET volume (any units: only ratios are used), for studies
 * without a liver segmentation. On 68Ga-DOTATATE the liver is the largest organ whose uptake
 * stands well above the body's soft tissue.
 * Coarse stage (half resolution, block means calm the noise): (1) organs = voxels above
 * `organToBodyRatio` × the body's median; (2) an opening (`openingRadiusMm`, at least one coarse
 * voxel) and the largest component give the liver's core and its median uptake; (3) the band
 * [lowerFraction, upperFraction] × that median is opened again and its largest component kept:
 * the opening cuts the thin partial-volume bridges to the kidney, adrenal or spleen.
 * Fine stage (full resolution, only around the coarse liver): the 3×3×3-smoothed band within
 * one coarse voxel of the coarse liver (its holes filled: lesions), its largest component,
 * then a closing and per-slice hole filling that may only add
 * voxels at or above the band's lower edge (lesions are hot; cold vessels, the gallbladder fossa
 * and gaps to neighbouring organs stay out). With a CT on the PET grid, voxels below −150 HU or above 300 HU are excluded.
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
    coarseFirst = true,
  } = options;
  const coarse = coarseFirst ? downsampleByTwo(pet) : boxMean3(pet);
  const coarseCt = ctOnPetGrid && (coarseFirst ? downsampleByTwo(ctOnPetGrid) : ctOnPetGrid);
  const values = coarse.voxels;
  const peak = quantile(sample(values, 50_000), 0.999);
  if (!(peak > 0)) throw new LiverNotFoundError('the PET volume has no uptake');
  const bodyValues: number[] = [];
  for (let index = 0; index < values.length; index += 5) if (values[index] > 0.02 * peak) bodyValues.push(values[index]);
  const bodyMedian = quantile(bodyValues, 0.5);
  const allowedByCt = (ct: ScalarVolume | undefined, index: number) => !ct || (ct.voxels[index] > -150 && ct.voxels[index] < 300);

  // At least one coarse voxel in-plane, so the opening still removes something on the coarse grid.
  const coarseOpeningMm = Math.max(openingRadiusMm, Math.min(coarse.spacing[0], coarse.spacing[1]) * 1.01);
  const organs = maskWhere(coarse, (index) => values[index] > organToBodyRatio * bodyMedian && allowedByCt(coarseCt, index));
  const core = opened(organs, coarseOpeningMm);
  const coreValues: number[] = [];
  for (let index = 0; index < core.voxels.length; index++) if (core.voxels[index]) coreValues.push(values[index]);
  if (coreValues.length === 0) throw new LiverNotFoundError('no organ with uptake clearly above the body background');
  const liverMedian = quantile(coreValues, 0.5);
  const low = lowerFraction * liverMedian;
  const high = upperFraction * liverMedian;
  const inBand = (value: number) => value >= low && value <= high;

  const coarseLiver = opened(maskWhere(coarse, (index) => inBand(values[index]) && allowedByCt(coarseCt, index)), coarseFirst ? coarseOpeningMm : openingRadiusMm / 2);
  const liver = coarseFirst ? refineAtFullResolution(pet, coarseLiver, { low, high, closingRadiusMm, ctOnPetGrid }) : finish(coarseLiver, values, low, high, closingRadiusMm);

  let count = 0;
  for (let index = 0; index < liver.voxels.length; index++) count += liver.voxels[index];
  const volumeMl = count * voxelVolumeMl(pet);
  if (volumeMl < minimumVolumeMl) {
    throw new LiverNotFoundError(`the largest organ found holds ${volumeMl.toFixed(0)} ml, less than a liver (${minimumVolumeMl} ml)`);
  }
  return liver;
}

/**
 * The fine stage on the box around the coarse liver (plus room for the closing): band voxels of
 * the 3×3×3-smoothed PET within one coarse voxel of the coarse liver, largest component,
 * then the hot-only closing and hole filling. Returns a mask on the full PET grid.
 */
function refineAtFullResolution(
  pet: ScalarVolume,
  coarseLiver: MaskVolume,
  band: { low: number; high: number; closingRadiusMm: number; ctOnPetGrid?: ScalarVolume },
): MaskVolume {
  const full: MaskVolume = { ...pet, voxels: new Uint8Array(pet.voxels.length) };
  const coarseBox = boundingBoxOfMask(coarseLiver);
  if (!coarseBox) return full;
  // Lesions are holes of the coarse band: close and fill them, so the fine stage may look there.
  const filled = fillHolesPerSlice(closeMaskMm(coarseLiver, band.closingRadiusMm));
  const near = dilateMaskMm(filled, Math.max(...coarseLiver.spacing.slice(0, 2)) * 1.01);
  const nearBox = boundingBoxOfMask(near) as IjkBox;
  const marginVoxels = pet.spacing.map((s) => Math.ceil(band.closingRadiusMm / s)) as Vec3;
  const box: IjkBox = {
    min: [0, 1, 2].map((axis) => Math.max(0, 2 * nearBox.min[axis] - marginVoxels[axis])) as Vec3,
    max: [0, 1, 2].map((axis) => Math.min(pet.dimensions[axis] - 1, 2 * nearBox.max[axis] + 1 + marginVoxels[axis])) as Vec3,
  };
  const crop = cropVolume(pet, box);
  const smooth = boxMean3(crop).voxels;
  const allowed = upsampleMaskByTwo(near.voxels, near.dimensions, box);
  const ct = band.ctOnPetGrid && cropVolume(band.ctOnPetGrid, box).voxels;
  const voxels = new Uint8Array(smooth.length);
  for (let index = 0; index < voxels.length; index++) {
    const value = smooth[index];
    voxels[index] = allowed[index] && value >= band.low && value <= band.high && (!ct || (ct[index] > -150 && ct[index] < 300)) ? 1 : 0;
  }
  const liver = finish(largestComponent({ ...crop, voxels }), smooth, band.low, band.high, band.closingRadiusMm);
  pasteIntoVolume(liver, box, full);
  return full;
}

/**
 * Closing and per-slice hole filling that only add voxels at or above the band's lower edge
 * (lesions are hot), and holes only when they hold such voxels.
 */
function finish(mask: MaskVolume, smooth: Float32Array, low: number, high: number, closingRadiusMm: number): MaskVolume {
  const closed = closeMaskMm(mask, closingRadiusMm);
  for (let index = 0; index < closed.voxels.length; index++) if (!mask.voxels[index] && smooth[index] < low) closed.voxels[index] = 0;
  return fillHolesPerSlice(largestComponent(closed), (hole) => {
    let warm = 0;
    for (const index of hole) {
      if (smooth[index] > high) return true;
      if (smooth[index] >= low) warm++;
    }
    return warm * 2 >= hole.length;
  });
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
