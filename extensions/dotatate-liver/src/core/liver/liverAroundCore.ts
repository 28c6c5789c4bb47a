import type { IjkBox, MaskVolume, ScalarVolume, Vec3 } from '../types';
import { boxMean3 } from '../volume/boxMean3';
import { dilateMaskMm } from '../volume/dilateMaskMm';
import { boundingBoxOfMask } from '../volume/boundingBoxOfMask';
import { expandBox } from '../volume/expandBox';
import { cropVolume } from '../volume/cropVolume';
import { pasteIntoVolume } from '../volume/pasteIntoVolume';
import { quantile } from '../stats/quantile';
import { largestComponent } from './largestComponent';
import { closeMaskMm } from './closeMaskMm';
import { fillHolesPerSlice } from './fillHolesPerSlice';
import { upsampleMaskByTwo } from './downsampleByTwo';
import { closeWithinBand } from './closeWithinBand';
import { findHotOrgans } from './hotOrgans';
import { maskWhere, softTissueOnCt, type CoarseOrgans } from './coarseOrgans';
import { openedBestComponent, TIE_BREAK } from './openedBestComponent';

/** The band and organ rules applied around a liver core; fractions are of the core's median uptake. */
export interface LiverBandOptions {
  ctOnPetGrid?: ScalarVolume;
  openingRadiusMm: number;
  lowerFraction: number;
  upperFraction: number;
  hotFraction: number;
  minimumEnclosure: number;
  closingRadiusMm: number;
}

/**
 * The liver around its core (a mask on the coarse grid of `stage`, e.g. the opened organ on the
 * patient's right, or the one reached from the reader's click): the core's median uptake sets the
 * band [lowerFraction, upperFraction] × median; (3) hot regions (above `hotFraction` × median)
 * that are not wrapped in liver-band uptake are organs, not lesions: they and one coarse voxel
 * around them leave the band; (4) the band is opened and the component holding most of the core
 * kept (the opening cuts thin partial-volume bridges to kidney, adrenal or spleen); then the fine
 * stage at full resolution (with `coarseFirst`) or the closing on the coarse grid. Returns a mask
 * on the grid of `pet`; empty when the core is.
 */
export function liverAroundCore(pet: ScalarVolume, stage: CoarseOrgans, core: MaskVolume, options: LiverBandOptions): MaskVolume {
  const { coarse, coarseCt, coarseFirst } = stage;
  const { openingRadiusMm, lowerFraction, upperFraction, hotFraction, minimumEnclosure, closingRadiusMm, ctOnPetGrid } = options;
  const values = coarse.voxels;
  const coreValues: number[] = [];
  for (let index = 0; index < core.voxels.length; index++) if (core.voxels[index]) coreValues.push(values[index]);
  const coreBox = boundingBoxOfMask(core);
  if (!coreValues.length || !coreBox) return { ...pet, voxels: new Uint8Array(pet.voxels.length) };
  const liverMedian = quantile(coreValues, 0.5);
  const low = lowerFraction * liverMedian;
  const high = upperFraction * liverMedian;

  // Hot organs beside the liver (kidney, adrenal, spleen) are hotter than normal liver but, unlike
  // lesions, not wrapped in it. Their uptake may still fall in the band (a kidney at 1.5–1.8 ×
  // liver), so they and a partial-volume layer of one coarse voxel are kept out of the band.
  const coarseVoxelMm = Math.min(coarse.spacing[0], coarse.spacing[1]) * 1.01;
  const coarseOpeningMm = Math.max(openingRadiusMm, coarseVoxelMm);
  const hotLevel = hotFraction * liverMedian;
  const hotOrgans = findHotOrgans(coarse, { liverLow: low, hot: hotLevel }, { minimumEnclosure, within: expandBox(coreBox, coarse, coarseVoxelMm) }).organs;
  const nearHotOrgans = dilateWithinBox(hotOrgans, coarseVoxelMm);
  const bandOutsideOrgans = maskWhere(coarse, (index) => values[index] >= low && values[index] <= high && !nearHotOrgans.voxels[index] && softTissueOnCt(coarseCt, index));
  const coarseLiver = openedBestComponent(bandOutsideOrgans, coarseFirst ? coarseOpeningMm : openingRadiusMm / 2, (index) => (core.voxels[index] ? 1 : TIE_BREAK));
  return coarseFirst
    ? refineAtFullResolution(pet, coarseLiver, { low, high, hotLevel, closingRadiusMm, ctOnPetGrid, hotOrgans, nearHotOrgans })
    : closeWithinBand(coarseLiver, values, { low, high, closingRadiusMm }, forbiddenNearOrgans(hotOrgans.voxels, nearHotOrgans.voxels, values, hotLevel), { keepLargestComponent: true });
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
  const ct = band.ctOnPetGrid && cropVolume(band.ctOnPetGrid, box);
  const forbidden = forbiddenNearOrgans(
    upsampleMaskByTwo(band.hotOrgans.voxels, band.hotOrgans.dimensions, box),
    upsampleMaskByTwo(band.nearHotOrgans.voxels, band.nearHotOrgans.dimensions, box),
    smooth,
    band.hotLevel,
  );
  const voxels = new Uint8Array(smooth.length);
  for (let index = 0; index < voxels.length; index++) {
    const value = smooth[index];
    voxels[index] = allowed[index] && !forbidden[index] && value >= band.low && value <= band.high && softTissueOnCt(ct, index) ? 1 : 0;
  }
  const liver = closeWithinBand(largestComponent({ ...crop, voxels }), smooth, band, forbidden, { keepLargestComponent: true });
  pasteIntoVolume(liver, box, full);
  return full;
}
