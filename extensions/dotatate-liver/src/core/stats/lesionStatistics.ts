import type { LesionStatistics, ScalarVolume, Vec3 } from '../types';
import { ijkToLps } from '../volume/ijkToLps';
import { voxelVolumeMl } from '../volume/voxelIndex';
import { suvPeak } from './suvPeak';
import { longestAxialDiameterMm } from './longestAxialDiameterMm';

export interface LesionStatisticsOptions {
  /** Per-voxel detector map in [0, 1] on the same grid; a lesion's score is its maximum. */
  scores?: Float32Array;
  /** Added to slice indices, so a crop reports slices of the full volume. */
  sliceOffset?: number;
}

/**
 * Statistics of each labelled lesion (labels 1..n on the PET grid): SUVmax, SUVmean, SUVpeak
 * (PERCIST), voxel count, volume (ml), total lesion activity (SUVmean × ml), longest axial
 * diameter (mm), slice range (k, inclusive, plus sliceOffset), centroid (LPS, mm: the mean of
 * voxel centres) and score. SUV values are in the PET's units. Lesions come out by label.
 */
export function lesionStatistics(pet: ScalarVolume, labels: Uint16Array, options: LesionStatisticsOptions = {}): LesionStatistics[] {
  const { scores, sliceOffset = 0 } = options;
  const [nx, ny] = pet.dimensions;
  const members = new Map<number, number[]>();
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    if (!label) continue;
    const list = members.get(label);
    if (list) list.push(index);
    else members.set(label, [index]);
  }
  const ml = voxelVolumeMl(pet);
  return [...members.keys()].sort((a, b) => a - b).map((label) => {
    const voxels = members.get(label) as number[];
    let sum = 0;
    let max = -Infinity;
    let score = 0;
    let firstSlice = Infinity;
    let lastSlice = -Infinity;
    const centre: Vec3 = [0, 0, 0];
    for (const index of voxels) {
      const value = pet.voxels[index];
      sum += value;
      if (value > max) max = value;
      if (scores && scores[index] > score) score = scores[index];
      const i = index % nx;
      const j = Math.floor(index / nx) % ny;
      const k = Math.floor(index / (nx * ny));
      centre[0] += i;
      centre[1] += j;
      centre[2] += k;
      if (k < firstSlice) firstSlice = k;
      if (k > lastSlice) lastSlice = k;
    }
    const count = voxels.length;
    const suvMean = sum / count;
    const volumeMl = count * ml;
    return {
      id: label,
      centroidLPS: ijkToLps(pet, [centre[0] / count, centre[1] / count, centre[2] / count]),
      voxels: count,
      volumeMl,
      suvMax: max,
      suvMean,
      suvPeak: suvPeak(pet, voxels),
      totalLesionActivity: suvMean * volumeMl,
      longestAxialDiameterMm: longestAxialDiameterMm(voxels, pet.dimensions, pet.spacing),
      sliceRange: [firstSlice + sliceOffset, lastSlice + sliceOffset],
      score,
    };
  });
}
