import type { MaskVolume, ScalarVolume, Vec3 } from '../types';
import { lpsToIjk } from '../volume/lpsToIjk';
import { erodeMaskMm } from '../volume/erodeMaskMm';
import { labelComponents3D } from '../volume/labelComponents3D';
import { quantile } from '../stats/quantile';
import { coarseOrgans, maskWhere, softTissueOnCt } from './coarseOrgans';
import { liverAroundCore } from './liverAroundCore';
import { openedBestComponent } from './openedBestComponent';

export interface SeedGrowingOptions {
  /** CT in Hounsfield units resampled onto the PET grid; excludes lung, air and bone. */
  ctOnPetGrid?: ScalarVolume;
  /** Organ uptake must exceed this multiple of the body's median uptake. */
  organToBodyRatio?: number;
  /** Accepted band around the liver level, as fractions of it (PET units cancel). */
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

/** How far (mm) from the click the search may cross uptake below the organ level (a cold vessel, a liver edge). */
const CLICK_REACH_MM = 10;
/** Radius (mm) of the neighbourhood whose median uptake sets the liver level when no organ is reached. */
const SEED_NEIGHBOURHOOD_MM = 15;

/**
 * Liver mask grown from the reader's click (LPS, mm) inside the liver, by the rules of the
 * automatic liver mask (`automaticLiverMask`) with the click choosing the organ:
 * (1) on the coarse grid the organs above `organToBodyRatio` × the body's median are opened
 * (`openingRadiusMm`), as in the automatic mask; (2) the liver's core is the opened component
 * reached first from the click, walking through organ voxels (and anything within 10 mm of the
 * click): a click on a hot lesion walks out of the lesion into the liver around it, and a click
 * in a liver joined to a neighbour by a thin bridge takes the liver's side, however large the
 * neighbour; (3) around that core the band, hot-organ, opening and fine-stage rules of the
 * automatic mask apply unchanged (`liverAroundCore`), so wherever the click lands in the liver
 * the result equals the automatic mask built on the same core.
 * When no organ is reached (a liver whose uptake is not clearly above the body), the liver level
 * is the median uptake within 15 mm of the click, the band [lowerFraction, upperFraction] ×
 * level replaces the organ mask in (1)–(2), and (3) follows.
 * Voxels are IJK of `pet`; only ratios of its values are used. Throws a reader-facing error when
 * the click lies outside the volume, on a voxel with no uptake, or nothing liver-like is reached.
 */
export function growRegionFromSeed(pet: ScalarVolume, seedLPS: Vec3, options: SeedGrowingOptions = {}): MaskVolume {
  const {
    ctOnPetGrid,
    organToBodyRatio = 2.5,
    lowerFraction = 0.55,
    upperFraction = 1.8,
    hotFraction = 1.25,
    minimumEnclosure = 0.5,
    openingRadiusMm = 8,
    closingRadiusMm = 10,
  } = options;
  const [nx, ny, nz] = pet.dimensions;
  const [si, sj, sk] = lpsToIjk(pet, seedLPS).map(Math.round);
  if (si < 0 || sj < 0 || sk < 0 || si >= nx || sj >= ny || sk >= nz) {
    throw new Error(`The liver seed (${seedLPS.map((v) => v.toFixed(1)).join(', ')}) LPS mm lies outside the PET volume.`);
  }
  const stage = coarseOrgans(pet, { ctOnPetGrid, organToBodyRatio, coarseFirst: true });
  const { coarse } = stage;
  const seed = lpsToIjk(coarse, seedLPS).map((value, axis) => Math.min(coarse.dimensions[axis] - 1, Math.max(0, Math.round(value)))) as Vec3;
  const seedIndex = seed[0] + coarse.dimensions[0] * (seed[1] + coarse.dimensions[1] * seed[2]);
  if (!(coarse.voxels[seedIndex] > 0)) throw new Error('The liver seed lies on a voxel without uptake; place it inside the liver.');
  const openingMm = Math.max(openingRadiusMm, Math.min(coarse.spacing[0], coarse.spacing[1]) * 1.01);

  let core = coreReachedFromSeed(stage.organs, seed, openingMm);
  if (!core) {
    // The liver is not among the organs: its level comes from the click's neighbourhood.
    const level = neighbourhoodMedian(coarse, seed, SEED_NEIGHBOURHOOD_MM);
    const band = maskWhere(coarse, (index) => coarse.voxels[index] >= lowerFraction * level && coarse.voxels[index] <= upperFraction * level && softTissueOnCt(stage.coarseCt, index));
    core = coreReachedFromSeed(band, seed, openingMm);
  }
  const nothingFound = () => new Error(`Nothing liver-like was found around the liver seed (${seedLPS.map((v) => v.toFixed(1)).join(', ')}) LPS mm; place it well inside the liver.`);
  if (!core) throw nothingFound();
  const liver = liverAroundCore(pet, stage, core, { ctOnPetGrid, openingRadiusMm, lowerFraction, upperFraction, hotFraction, minimumEnclosure, closingRadiusMm });
  if (!liver.voxels.some((value) => value)) throw nothingFound();
  return liver;
}

/**
 * The opened component of `candidates` (opening radius `openingMm`) that a breadth-first walk
 * from `seed` (IJK of the mask's grid) meets first, walking through candidate voxels and any
 * voxel within CLICK_REACH_MM of the seed; undefined when the walk meets none.
 */
function coreReachedFromSeed(candidates: MaskVolume, seed: Vec3, openingMm: number): MaskVolume | undefined {
  const [nx, ny, nz] = candidates.dimensions;
  const { labels } = labelComponents3D(erodeMaskMm(candidates, openingMm, { borderIsInside: true }), 6);
  const nearSeed = (index: number) => {
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    const [sx, sy, sz] = candidates.spacing;
    return ((i - seed[0]) * sx) ** 2 + ((j - seed[1]) * sy) ** 2 + ((k - seed[2]) * sz) ** 2 <= CLICK_REACH_MM ** 2;
  };
  const seedIndex = seed[0] + nx * (seed[1] + ny * seed[2]);
  const visited = new Uint8Array(labels.length);
  const queue = new Int32Array(labels.length);
  let tail = 0;
  visited[seedIndex] = 1;
  queue[tail++] = seedIndex;
  let reached = 0;
  for (let head = 0; head < tail && !reached; head++) {
    const index = queue[head];
    if (labels[index]) {
      reached = labels[index];
      break;
    }
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    const neighbours = [i > 0 && index - 1, i < nx - 1 && index + 1, j > 0 && index - nx, j < ny - 1 && index + nx, k > 0 && index - nx * ny, k < nz - 1 && index + nx * ny];
    for (const next of neighbours) {
      if (next === false || visited[next]) continue;
      if (!candidates.voxels[next] && !nearSeed(next)) continue;
      visited[next] = 1;
      queue[tail++] = next;
    }
  }
  if (!reached) return undefined;
  // The reached component, grown back within the candidates: the opening's result for that component.
  const core = openedBestComponent(candidates, openingMm, (index) => (labels[index] === reached ? 1 : 0));
  return core.voxels.some((value) => value) ? core : undefined;
}

/** Median uptake within `radiusMm` of `seed` (IJK of `volume`), ignoring empty voxels. */
function neighbourhoodMedian(volume: ScalarVolume, seed: Vec3, radiusMm: number): number {
  const [nx, ny, nz] = volume.dimensions;
  const reach = volume.spacing.map((s) => Math.max(1, Math.round(radiusMm / s)));
  const values: number[] = [];
  for (let k = Math.max(0, seed[2] - reach[2]); k <= Math.min(nz - 1, seed[2] + reach[2]); k++)
    for (let j = Math.max(0, seed[1] - reach[1]); j <= Math.min(ny - 1, seed[1] + reach[1]); j++)
      for (let i = Math.max(0, seed[0] - reach[0]); i <= Math.min(nx - 1, seed[0] + reach[0]); i++) {
        const mm2 = ((i - seed[0]) * volume.spacing[0]) ** 2 + ((j - seed[1]) * volume.spacing[1]) ** 2 + ((k - seed[2]) * volume.spacing[2]) ** 2;
        const value = volume.voxels[i + nx * (j + ny * k)];
        if (mm2 <= radiusMm ** 2 && value > 0) values.push(value);
      }
  return quantile(values, 0.5);
}
