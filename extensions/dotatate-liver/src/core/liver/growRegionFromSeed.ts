import type { IjkBox, MaskVolume, ScalarVolume, Vec3 } from '../types';
import { lpsToIjk } from '../volume/lpsToIjk';
import { boxMean3 } from '../volume/boxMean3';
import { boundingBoxOfMask } from '../volume/boundingBoxOfMask';
import { expandBox } from '../volume/expandBox';
import { cropVolume } from '../volume/cropVolume';
import { pasteIntoVolume } from '../volume/pasteIntoVolume';
import { dilateMaskMm } from '../volume/dilateMaskMm';
import { quantile } from '../stats/quantile';
import { largestComponent } from './largestComponent';
import { erodeMaskMm } from '../volume/erodeMaskMm';
import { findHotOrgans } from './hotOrgans';
import { closeWithinBand } from './closeWithinBand';

export interface SeedGrowingOptions {
  /** Accepted band around the seed's local liver level, as fractions of it (PET units cancel). */
  lowerFraction?: number;
  upperFraction?: number;
  /** Uptake above this multiple of the liver level is hotter than liver: a lesion if wrapped in liver, else an organ. */
  hotFraction?: number;
  /** A hot region counts as a lesion when at least this fraction of a ring 10–20 mm around it is liver. */
  minimumEnclosure?: number;
  /** Radius (mm) of the opening that cuts thin partial-volume bridges to touching organs. */
  openingRadiusMm?: number;
  /** Closing radius (mm) that pulls edge lesions back into the liver. */
  closingRadiusMm?: number;
}

/** Radius (mm) of the neighbourhood whose median uptake sets the liver level (robust to a lesion under the seed). */
const SEED_NEIGHBOURHOOD_MM = 15;

/**
 * Liver mask grown from one point inside the liver (LPS, mm), with the rules of the automatic
 * liver mask: the liver level is the median of the 3×3×3-smoothed PET within 15 mm of the seed;
 * hot regions (above `hotFraction` × level) not wrapped in liver-band uptake are neighbouring
 * organs (spleen, kidney, adrenal) and, with the hot voxels one voxel around them, may not be
 * entered; 6-connected voxels in [lowerFraction, upperFraction] × level are grown from the seed;
 * an opening (`openingRadiusMm`) cuts thin partial-volume bridges to touching organs; a closing
 * and per-slice hole filling then take back the lesions, adding only voxels at or above the
 * band's lower edge and never the hot organs. Voxels are IJK of `pet`; only ratios of
 * its values are used. Throws a reader-facing error when the seed lies outside the volume or
 * on a voxel with no uptake.
 */
export function growRegionFromSeed(pet: ScalarVolume, seedLPS: Vec3, options: SeedGrowingOptions = {}): MaskVolume {
  const { lowerFraction = 0.55, upperFraction = 1.8, hotFraction = 1.25, minimumEnclosure = 0.5, openingRadiusMm = 8, closingRadiusMm = 10 } = options;
  const [nx, ny, nz] = pet.dimensions;
  const [si, sj, sk] = lpsToIjk(pet, seedLPS).map(Math.round);
  if (si < 0 || sj < 0 || sk < 0 || si >= nx || sj >= ny || sk >= nz) {
    throw new Error(`The liver seed (${seedLPS.map((v) => v.toFixed(1)).join(', ')}) LPS mm lies outside the PET volume.`);
  }
  const smoothVolume = boxMean3(pet);
  const smooth = smoothVolume.voxels;
  const seedIndex = si + nx * (sj + ny * sk);
  if (!(smooth[seedIndex] > 0)) throw new Error('The liver seed lies on a voxel without uptake; place it inside the liver.');
  const level = seedLevel(smoothVolume, [si, sj, sk]);
  const low = level * lowerFraction;
  const high = level * upperFraction;
  const hot = level * hotFraction;
  const inBand = (index: number) => smooth[index] >= low && smooth[index] <= high;

  // A first growth without the organ rule bounds where hot organs can touch the liver.
  const firstGrowth = grow(pet.dimensions, seedIndex, inBand);
  const reach = boundingBoxOfMask({ ...pet, voxels: firstGrowth });
  const voxelMm = Math.max(...pet.spacing) * 1.01;
  const forbidden = reach ? forbiddenOrgans(smoothVolume, reach, { liverLow: low, hot }, minimumEnclosure, voxelMm) : new Uint8Array(smooth.length);
  const grown = grow(pet.dimensions, seedIndex, (index) => inBand(index) && !forbidden[index]);
  const liver = opened({ ...pet, voxels: grown }, openingRadiusMm);
  return closeWithinBand(liver, smooth, { low, high, closingRadiusMm }, forbidden, { keepLargestComponent: false });
}

/** Median smoothed uptake within SEED_NEIGHBOURHOOD_MM of the seed (IJK), ignoring empty voxels. */
function seedLevel(smooth: ScalarVolume, seed: Vec3): number {
  const [nx, ny, nz] = smooth.dimensions;
  const reach = smooth.spacing.map((s) => Math.max(1, Math.round(SEED_NEIGHBOURHOOD_MM / s)));
  const values: number[] = [];
  for (let k = Math.max(0, seed[2] - reach[2]); k <= Math.min(nz - 1, seed[2] + reach[2]); k++)
    for (let j = Math.max(0, seed[1] - reach[1]); j <= Math.min(ny - 1, seed[1] + reach[1]); j++)
      for (let i = Math.max(0, seed[0] - reach[0]); i <= Math.min(nx - 1, seed[0] + reach[0]); i++) {
        const mm2 = ((i - seed[0]) * smooth.spacing[0]) ** 2 + ((j - seed[1]) * smooth.spacing[1]) ** 2 + ((k - seed[2]) * smooth.spacing[2]) ** 2;
        const value = smooth.voxels[i + nx * (j + ny * k)];
        if (mm2 <= SEED_NEIGHBOURHOOD_MM ** 2 && value > 0) values.push(value);
      }
  return quantile(values, 0.5);
}

/**
 * Hot organs reaching into `reach` (findHotOrgans), plus the hot voxels within one voxel of them
 * (their partial-volume layer, which otherwise bridges the liver to them). 1 = may not be taken.
 */
function forbiddenOrgans(
  smooth: ScalarVolume,
  reach: IjkBox,
  levels: { liverLow: number; hot: number },
  minimumEnclosure: number,
  voxelMm: number,
): Uint8Array {
  const organs = findHotOrgans(smooth, levels, { minimumEnclosure, within: expandBox(reach, smooth, voxelMm) }).organs;
  const near = new Uint8Array(organs.voxels.length);
  const box = boundingBoxOfMask(organs);
  if (box) {
    const grownBox = expandBox(box, organs, voxelMm);
    const nearMask: MaskVolume = { ...organs, voxels: near };
    pasteIntoVolume(dilateMaskMm(cropVolume(organs, grownBox), voxelMm), grownBox, nearMask);
  }
  const forbidden = new Uint8Array(organs.voxels.length);
  for (let index = 0; index < forbidden.length; index++) forbidden[index] = organs.voxels[index] || (near[index] && smooth.voxels[index] > levels.hot) ? 1 : 0;
  return forbidden;
}

/**
 * Opening by `radiusMm` on the box around the mask: the largest eroded component grown back
 * within the mask, so bridges thinner than the ball (to a kidney or adrenal) are cut.
 */
function opened(mask: MaskVolume, radiusMm: number): MaskVolume {
  const out: MaskVolume = { ...mask, voxels: new Uint8Array(mask.voxels.length) };
  const box = boundingBoxOfMask(mask);
  if (!box) return out;
  const crop = cropVolume(mask, expandBox(box, mask, radiusMm));
  const core = largestComponent(erodeMaskMm(crop, radiusMm, { borderIsInside: true }));
  // A mask thinner than the ball everywhere keeps its own shape rather than vanishing.
  if (!core.voxels.some((value) => value)) return mask;
  const regrown = dilateMaskMm(core, radiusMm);
  const kept = largestComponent({ ...crop, voxels: Uint8Array.from(crop.voxels, (value, index) => value & regrown.voxels[index]) });
  pasteIntoVolume(kept, expandBox(box, mask, radiusMm), out);
  return out;
}

/** 6-connected voxels reachable from `seedIndex` through voxels that `accept`s. */
function grow(dimensions: Vec3, seedIndex: number, accept: (index: number) => boolean): Uint8Array {
  const [nx, ny, nz] = dimensions;
  const voxels = new Uint8Array(nx * ny * nz);
  const queue = new Int32Array(voxels.length);
  let tail = 0;
  voxels[seedIndex] = 1;
  queue[tail++] = seedIndex;
  const visit = (next: number) => {
    if (!voxels[next] && accept(next)) {
      voxels[next] = 1;
      queue[tail++] = next;
    }
  };
  for (let head = 0; head < tail; head++) {
    const index = queue[head];
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    if (i > 0) visit(index - 1);
    if (i < nx - 1) visit(index + 1);
    if (j > 0) visit(index - nx);
    if (j < ny - 1) visit(index + nx);
    if (k > 0) visit(index - nx * ny);
    if (k < nz - 1) visit(index + nx * ny);
  }
  return voxels;
}

