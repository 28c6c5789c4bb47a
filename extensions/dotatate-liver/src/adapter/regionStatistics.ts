/**
 * Lesion statistics and voxel regions for reader edits, on the PET volume the detection ran on.
 * The maths is the core's (lesionStatistics, labelComponents3D); this file only shapes inputs.
 */
import { lesionStatistics } from '../core/stats/lesionStatistics';
import { labelComponents3D } from '../core/volume/labelComponents3D';
import { lpsToIjk } from '../core/volume/lpsToIjk';
import type { LesionStatistics, PetVolume, Vec3 } from '../core/types';
import type { ReviewCandidate } from '../state/reviewTypes';
import { paintRegion, type VoxelRegion } from '../state/voxelRegion';

/**
 * Statistics of one region on `pet` (SUV in the PET's units, centroid LPS mm). The id is the
 * edited candidate's (the store sets a new lesion's id); the score is kept from the candidate,
 * and a reader-drawn lesion scores 1 (the reader is certain).
 */
export function statisticsOfRegion(pet: PetVolume, region: VoxelRegion, previous: ReviewCandidate | null): LesionStatistics {
  const [nx, ny, nz] = pet.dimensions;
  if (region.dimensions[0] !== nx || region.dimensions[1] !== ny || region.dimensions[2] !== nz) {
    throw new Error('the region is not on the PET grid');
  }
  const labels = new Uint16Array(pet.voxels.length);
  paintRegion(region, labels, 1);
  const [statistics] = lesionStatistics(pet, labels);
  if (!statistics) throw new Error('the region has no voxel');
  return { ...statistics, id: previous?.id ?? 0, score: previous ? previous.statistics.score : 1 };
}

/** Builds a region from strictly increasing linear voxel indices. */
export function regionFromSortedIndices(dimensions: Vec3, indices: readonly number[]): VoxelRegion {
  const runs: number[] = [];
  for (const index of indices) {
    const last = runs.length - 2;
    if (last >= 0 && runs[last] + runs[last + 1] === index) runs[last + 1]++;
    else runs.push(index, 1);
  }
  return { dimensions: [...dimensions], runs };
}

export interface GrowOptions {
  /** The hottest voxel within this distance (mm) of the click seeds the region. */
  searchRadiusMm?: number;
  /** The region stays inside a box of ± this (mm) around the seed, so it cannot leak into organs. */
  maxExtentMm?: number;
}

/**
 * A missed lesion grown from a click (LPS, mm): the hottest voxel within `searchRadiusMm` of the
 * click, then its 26-connected voxels at or above `threshold` (the PERCIST threshold, in the
 * PET's units) inside a box of ± `maxExtentMm`. Throws a reader-facing Error when the click is
 * outside the PET or nothing near it reaches the threshold.
 */
export function growLesionAtThreshold(pet: PetVolume, clickLPS: Vec3, threshold: number, options: GrowOptions = {}): VoxelRegion {
  const { searchRadiusMm = 10, maxExtentMm = 40 } = options;
  const [nx, ny, nz] = pet.dimensions;
  const [ci, cj, ck] = lpsToIjk(pet, clickLPS).map(Math.round);
  if (ci < 0 || cj < 0 || ck < 0 || ci >= nx || cj >= ny || ck >= nz) throw new Error('The click lies outside the PET volume.');
  const reach = pet.spacing.map((s) => Math.max(0, Math.floor(searchRadiusMm / s)));
  let seed = -1;
  let seedValue = -Infinity;
  for (let k = Math.max(0, ck - reach[2]); k <= Math.min(nz - 1, ck + reach[2]); k++)
    for (let j = Math.max(0, cj - reach[1]); j <= Math.min(ny - 1, cj + reach[1]); j++)
      for (let i = Math.max(0, ci - reach[0]); i <= Math.min(nx - 1, ci + reach[0]); i++) {
        const distanceMm = Math.hypot((i - ci) * pet.spacing[0], (j - cj) * pet.spacing[1], (k - ck) * pet.spacing[2]);
        const index = i + nx * (j + ny * k);
        if (distanceMm <= searchRadiusMm && pet.voxels[index] > seedValue) {
          seedValue = pet.voxels[index];
          seed = index;
        }
      }
  if (seed < 0 || !(seedValue >= threshold)) {
    throw new Error(
      `No uptake reaches the PERCIST threshold (${threshold.toFixed(2)}) within ${searchRadiusMm} mm of the click (highest ${seedValue.toFixed(2)}).`,
    );
  }
  const si = seed % nx;
  const sj = Math.floor(seed / nx) % ny;
  const sk = Math.floor(seed / (nx * ny));
  const half = pet.spacing.map((s) => Math.ceil(maxExtentMm / s));
  const min: Vec3 = [Math.max(0, si - half[0]), Math.max(0, sj - half[1]), Math.max(0, sk - half[2])];
  const max: Vec3 = [Math.min(nx - 1, si + half[0]), Math.min(ny - 1, sj + half[1]), Math.min(nz - 1, sk + half[2])];
  const box: Vec3 = [max[0] - min[0] + 1, max[1] - min[1] + 1, max[2] - min[2] + 1];
  const mask = new Uint8Array(box[0] * box[1] * box[2]);
  for (let k = 0; k < box[2]; k++)
    for (let j = 0; j < box[1]; j++)
      for (let i = 0; i < box[0]; i++) {
        const value = pet.voxels[min[0] + i + nx * (min[1] + j + ny * (min[2] + k))];
        mask[i + box[0] * (j + box[1] * k)] = value >= threshold ? 1 : 0;
      }
  const { labels } = labelComponents3D({ dimensions: box, spacing: pet.spacing, origin: pet.origin, direction: pet.direction, voxels: mask }, 26);
  const seedLabel = labels[si - min[0] + box[0] * (sj - min[1] + box[1] * (sk - min[2]))];
  const indices: number[] = [];
  for (let k = 0; k < box[2]; k++)
    for (let j = 0; j < box[1]; j++)
      for (let i = 0; i < box[0]; i++) {
        if (labels[i + box[0] * (j + box[1] * k)] === seedLabel) indices.push(min[0] + i + nx * (min[1] + j + ny * (min[2] + k)));
      }
  return regionFromSortedIndices(pet.dimensions, indices);
}
