import type { IjkBox, MaskVolume, ScalarVolume, Vec3 } from '../types';
import { boxMean3 } from '../volume/boxMean3';
import { erodeMaskMm } from '../volume/erodeMaskMm';
import { dilateMaskMm } from '../volume/dilateMaskMm';
import { boundingBoxOfMask } from '../volume/boundingBoxOfMask';
import { expandBox } from '../volume/expandBox';
import { cropVolume } from '../volume/cropVolume';
import { pasteIntoVolume } from '../volume/pasteIntoVolume';
import { voxelVolumeMl } from '../volume/voxelIndex';
import { quantile } from '../stats/quantile';
import { largestComponent } from './largestComponent';
import { closeMaskMm } from './closeMaskMm';
import { fillHolesPerSlice } from './fillHolesPerSlice';
import { downsampleByTwo, upsampleMaskByTwo } from './downsampleByTwo';
import { LiverNotFoundError } from './LiverNotFoundError';
import { closeWithinBand } from './closeWithinBand';
import { findHotOrgans } from './hotOrgans';
import { labelComponents3D } from '../volume/labelComponents3D';

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
  /**
   * Uptake above this multiple of the liver's median is hotter than normal liver: a lesion when
   * normal liver surrounds it, else a neighbouring organ kept out of the mask.
   */
  hotFraction?: number;
  /** A hot region counts as a lesion when at least this fraction of a ring 10–20 mm around it is liver. */
  minimumEnclosure?: number;
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
 * without a liver segmentation. On 68Ga-DOTATATE the liver is the large organ in the right upper
 * abdomen whose uptake stands well above the body's soft tissue; the spleen (≈ 3 × liver) lies on
 * the left, the kidneys (≈ 2 × liver, some patients barely above it) behind it.
 * Coarse stage (half resolution, block means calm the noise): (1) organs = voxels above
 * `organToBodyRatio` × the body's median; (2) an opening (`openingRadiusMm`, at least one coarse
 * voxel) and, of its components, the one with the most volume on the patient's right of the
 * body's midline (LPS x below the body's mean x) give the liver's core and its median uptake;
 * (3) hot regions (above `hotFraction` × that median) that are not wrapped in liver-band uptake
 * (`minimumEnclosure` of a ring 10–20 mm around them) are organs, not lesions: they and one coarse
 * voxel around them leave the band; (4) the band [lowerFraction, upperFraction] × median is opened
 * again and the component holding most of the core kept: the opening cuts the thin partial-volume
 * bridges to the kidney, adrenal or spleen.
 * Fine stage (full resolution, only around the coarse liver): the 3×3×3-smoothed band within
 * one coarse voxel of the coarse liver (its holes filled: lesions), minus the hot organs and the
 * hot voxels next to them, its largest component, then a closing and per-slice hole filling that
 * may only add voxels at or above the band's lower edge and outside the hot organs (lesions are
 * hot; cold vessels, the gallbladder fossa and gaps to neighbouring organs stay out). With a CT on
 * the PET grid, voxels below −150 HU or above 300 HU are excluded.
 * Throws LiverNotFoundError when nothing liver-sized remains.
 */
export function automaticLiverMask(pet: ScalarVolume, options: AutomaticLiverOptions = {}): MaskVolume {
  const {
    ctOnPetGrid,
    organToBodyRatio = 2.5,
    openingRadiusMm = 8,
    lowerFraction = 0.55,
    upperFraction = 1.8,
    hotFraction = 1.25,
    minimumEnclosure = 0.5,
    closingRadiusMm = 10,
    minimumVolumeMl = 300,
    coarseFirst = true,
  } = options;
  const coarse = coarseFirst ? downsampleByTwo(pet) : boxMean3(pet);
  const coarseCt = ctOnPetGrid && (coarseFirst ? downsampleByTwo(ctOnPetGrid) : ctOnPetGrid);
  const values = coarse.voxels;
  const peak = quantile(sample(values, 50_000), 0.999);
  if (!(peak > 0)) throw new LiverNotFoundError('the PET volume has no uptake');
  const body = maskWhere(coarse, (index) => values[index] > 0.02 * peak);
  const bodyValues: number[] = [];
  for (let index = 0; index < values.length; index += 5) if (body.voxels[index]) bodyValues.push(values[index]);
  const bodyMedian = quantile(bodyValues, 0.5);
  const onPatientsRight = patientsRightOf(body);
  const allowedByCt = (ct: ScalarVolume | undefined, index: number) => !ct || (ct.voxels[index] > -150 && ct.voxels[index] < 300);

  // At least one coarse voxel in-plane, so the opening still removes something on the coarse grid.
  const coarseVoxelMm = Math.min(coarse.spacing[0], coarse.spacing[1]) * 1.01;
  const coarseOpeningMm = Math.max(openingRadiusMm, coarseVoxelMm);
  const organs = maskWhere(coarse, (index) => values[index] > organToBodyRatio * bodyMedian && allowedByCt(coarseCt, index));
  // The liver lies in the right upper abdomen: of the organs left after the opening, take the
  // one with the most volume on the patient's right (the spleen lies on the left).
  const core = opened(organs, coarseOpeningMm, (index) => (onPatientsRight[index] ? 1 : TIE_BREAK));
  const coreValues: number[] = [];
  for (let index = 0; index < core.voxels.length; index++) if (core.voxels[index]) coreValues.push(values[index]);
  if (coreValues.length === 0) throw new LiverNotFoundError('no organ with uptake clearly above the body background');
  const liverMedian = quantile(coreValues, 0.5);
  const low = lowerFraction * liverMedian;
  const high = upperFraction * liverMedian;
  const inBand = (value: number) => value >= low && value <= high;

  // Hot organs beside the liver (kidney, adrenal, spleen) are hotter than normal liver but, unlike
  // lesions, not wrapped in it. Their uptake may still fall in the band (a kidney at 1.5–1.8 ×
  // liver), so they and a partial-volume layer of one coarse voxel are kept out of the band.
  const hotLevel = hotFraction * liverMedian;
  const coreBox = boundingBoxOfMask(core) as IjkBox;
  const hotOrgans = findHotOrgans(coarse, { liverLow: low, hot: hotLevel }, { minimumEnclosure, within: expandBox(coreBox, coarse, coarseVoxelMm) }).organs;
  const nearHotOrgans = dilateWithinBox(hotOrgans, coarseVoxelMm);
  const bandOutsideOrgans = maskWhere(coarse, (index) => inBand(values[index]) && !nearHotOrgans.voxels[index] && allowedByCt(coarseCt, index));
  const coarseLiver = opened(bandOutsideOrgans, coarseFirst ? coarseOpeningMm : openingRadiusMm / 2, (index) => (core.voxels[index] ? 1 : TIE_BREAK));
  const liver = coarseFirst
    ? refineAtFullResolution(pet, coarseLiver, { low, high, hotLevel, closingRadiusMm, ctOnPetGrid, hotOrgans, nearHotOrgans })
    : closeWithinBand(coarseLiver, values, { low, high, closingRadiusMm }, forbiddenNearOrgans(hotOrgans.voxels, nearHotOrgans.voxels, values, hotLevel), { keepLargestComponent: true });

  let count = 0;
  for (let index = 0; index < liver.voxels.length; index++) count += liver.voxels[index];
  const volumeMl = count * voxelVolumeMl(pet);
  if (volumeMl < minimumVolumeMl) {
    throw new LiverNotFoundError(`the largest organ found holds ${volumeMl.toFixed(0)} ml, less than a liver (${minimumVolumeMl} ml)`);
  }
  return liver;
}

/** Score of a voxel outside the preferred region: breaks ties by size, never outweighs one preferred voxel per 1000. */
const TIE_BREAK = 1e-3;

/**
 * 1 for voxels on the patient's right of the body's midline. LPS x grows toward the patient's
 * left, whatever the IJK axes' direction cosines, so the test is on LPS x of each voxel centre
 * against the mean LPS x of the body.
 */
function patientsRightOf(body: MaskVolume): Uint8Array {
  const [nx, ny, nz] = body.dimensions;
  const { origin, spacing, direction: d } = body;
  const stepI = spacing[0] * d[0];
  const rowX = (j: number, k: number) => origin[0] + j * spacing[1] * d[3] + k * spacing[2] * d[6];
  let sum = 0;
  let count = 0;
  let index = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) {
      const x0 = rowX(j, k);
      for (let i = 0; i < nx; i++, index++)
        if (body.voxels[index]) {
          sum += x0 + i * stepI;
          count++;
        }
    }
  const midline = count ? sum / count : origin[0];
  const right = new Uint8Array(body.voxels.length);
  index = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) {
      const x0 = rowX(j, k);
      for (let i = 0; i < nx; i++, index++) right[index] = x0 + i * stepI < midline ? 1 : 0;
    }
  return right;
}

/** Dilation by `radiusMm` computed only on the box around the mask (the rest stays empty). */
function dilateWithinBox(mask: MaskVolume, radiusMm: number): MaskVolume {
  const out: MaskVolume = { ...mask, voxels: new Uint8Array(mask.voxels.length) };
  const box = boundingBoxOfMask(mask);
  if (!box) return out;
  const grown = expandBox(box, mask, radiusMm);
  pasteIntoVolume(dilateMaskMm(cropVolume(mask, grown), radiusMm), grown, out);
  return out;
}

/** Voxels the liver may not take: the hot organs, and voxels near them that are hot too. */
function forbiddenNearOrgans(organs: Uint8Array, nearOrgans: Uint8Array, smooth: Float32Array, hotLevel: number): Uint8Array {
  const forbidden = new Uint8Array(organs.length);
  for (let index = 0; index < forbidden.length; index++) forbidden[index] = organs[index] || (nearOrgans[index] && smooth[index] > hotLevel) ? 1 : 0;
  return forbidden;
}

/**
 * The fine stage on the box around the coarse liver (plus room for the closing): band voxels of
 * the 3×3×3-smoothed PET within one coarse voxel of the coarse liver, largest component,
 * then the hot-only closing and hole filling. Returns a mask on the full PET grid.
 */
function refineAtFullResolution(
  pet: ScalarVolume,
  coarseLiver: MaskVolume,
  band: {
    low: number;
    high: number;
    hotLevel: number;
    closingRadiusMm: number;
    ctOnPetGrid?: ScalarVolume;
    hotOrgans: MaskVolume;
    nearHotOrgans: MaskVolume;
  },
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
  const forbidden = forbiddenNearOrgans(
    upsampleMaskByTwo(band.hotOrgans.voxels, band.hotOrgans.dimensions, box),
    upsampleMaskByTwo(band.nearHotOrgans.voxels, band.nearHotOrgans.dimensions, box),
    smooth,
    band.hotLevel,
  );
  const voxels = new Uint8Array(smooth.length);
  for (let index = 0; index < voxels.length; index++) {
    const value = smooth[index];
    voxels[index] = allowed[index] && !forbidden[index] && value >= band.low && value <= band.high && (!ct || (ct[index] > -150 && ct[index] < 300)) ? 1 : 0;
  }
  const liver = closeWithinBand(largestComponent({ ...crop, voxels }), smooth, band, forbidden, { keepLargestComponent: true });
  pasteIntoVolume(liver, box, full);
  return full;
}


/**
 * Opening followed by the best component (highest sum of `score` over its voxels), grown back
 * within the original mask, and its best component again.
 */
function opened(mask: MaskVolume, radiusMm: number, score: (index: number) => number): MaskVolume {
  const core = bestComponent(erodeMaskMm(mask, radiusMm, { borderIsInside: true }), score);
  const regrown = dilateMaskMm(core, radiusMm);
  const voxels = new Uint8Array(mask.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = regrown.voxels[index] & mask.voxels[index];
  return bestComponent({ ...mask, voxels }, score);
}

/** The 6-connected component with the highest sum of `score` over its voxels (empty stays empty). */
function bestComponent(mask: MaskVolume, score: (index: number) => number): MaskVolume {
  const { labels, count } = labelComponents3D(mask, 6);
  const totals = new Float64Array(count + 1);
  for (let index = 0; index < labels.length; index++) if (labels[index]) totals[labels[index]] += score(index);
  let best = 0;
  for (let label = 1; label <= count; label++) if (!best || totals[label] > totals[best]) best = label;
  const voxels = new Uint8Array(labels.length);
  if (best) for (let index = 0; index < labels.length; index++) voxels[index] = labels[index] === best ? 1 : 0;
  return { ...mask, voxels };
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
