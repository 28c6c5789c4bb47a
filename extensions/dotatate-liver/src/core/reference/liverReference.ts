import type { LiverReference, MaskVolume, ScalarVolume, Vec3 } from '../types';
import { meanAndSd } from '../stats/meanAndSd';
import { measureSphere } from './measureSphere';
import { percistThreshold } from './percistThreshold';

/**
 * The modified PERCIST liver reference from spheres at the given centres (LPS, mm): each
 * sphere's own mean and SD, and the pooled mean and sample SD of all their liver voxels
 * (volume units), with threshold = 1.5 × mean + 2 × SD. Throws when no sphere holds a voxel.
 */
export function liverReference(pet: ScalarVolume, liver: MaskVolume, centresLPS: Vec3[], radiusMm = 15): LiverReference {
  const spheres = centresLPS.map((centre) => measureSphere(pet, centre, radiusMm, liver));
  if (spheres.every((sphere) => sphere.voxelCount === 0)) throw new Error('The reference spheres hold no liver voxel; place them inside the liver.');
  const { mean, sd } = pooledMoments(spheres);
  return { spheres, mean, sd, threshold: percistThreshold(mean, sd) };
}

/**
 * Pooled mean and sample SD of groups given by (count, mean, sample SD): exactly the moments
 * of all their values together, without revisiting the voxels.
 */
export function pooledMoments(groups: { voxelCount: number; mean: number; sd: number }[]): { mean: number; sd: number } {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (const group of groups) {
    if (group.voxelCount === 0) continue;
    n += group.voxelCount;
    sum += group.voxelCount * group.mean;
    squares += (group.voxelCount - 1) * group.sd ** 2 + group.voxelCount * group.mean ** 2;
  }
  if (n === 0) return meanAndSd([]);
  const mean = sum / n;
  const variance = n > 1 ? (squares - n * mean * mean) / (n - 1) : 0;
  return { mean, sd: Math.sqrt(Math.max(0, variance)) };
}
