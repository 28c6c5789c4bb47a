import type { MaskVolume, ScalarVolume } from '../types';
import { voxelVolumeMl } from '../volume/voxelIndex';
import { LiverNotFoundError } from './LiverNotFoundError';
import { coarseOrgans } from './coarseOrgans';
import { liverAroundCore } from './liverAroundCore';
import { openedBestComponent, TIE_BREAK } from './openedBestComponent';

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
  const stage = coarseOrgans(pet, { ctOnPetGrid, organToBodyRatio, coarseFirst });
  const onPatientsRight = patientsRightOf(stage.body);
  // At least one coarse voxel in-plane, so the opening still removes something on the coarse grid.
  const coarseVoxelMm = Math.min(stage.coarse.spacing[0], stage.coarse.spacing[1]) * 1.01;
  // The liver lies in the right upper abdomen: of the organs left after the opening, take the
  // one with the most volume on the patient's right (the spleen lies on the left).
  const core = openedBestComponent(stage.organs, Math.max(openingRadiusMm, coarseVoxelMm), (index) => (onPatientsRight[index] ? 1 : TIE_BREAK));
  if (!core.voxels.some((value) => value)) throw new LiverNotFoundError('no organ with uptake clearly above the body background');
  const liver = liverAroundCore(pet, stage, core, { ctOnPetGrid, openingRadiusMm, lowerFraction, upperFraction, hotFraction, minimumEnclosure, closingRadiusMm });

  let count = 0;
  for (let index = 0; index < liver.voxels.length; index++) count += liver.voxels[index];
  const volumeMl = count * voxelVolumeMl(pet);
  if (volumeMl < minimumVolumeMl) {
    throw new LiverNotFoundError(`the largest organ found holds ${volumeMl.toFixed(0)} ml, less than a liver (${minimumVolumeMl} ml)`);
  }
  return liver;
}

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
