import type { LiverReference, ReferenceSphere, Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import { percistThreshold } from 'ohif-extension-dotatate-liver/src/core/reference/percistThreshold';
import { meanAndSd } from 'ohif-extension-dotatate-liver/src/core/stats/meanAndSd';
import { labelComponents3D } from 'ohif-extension-dotatate-liver/src/core/volume/labelComponents3D';
import { Grid, voxelCentre } from './grid';
import type { Lesion } from './lesions';
import { Random } from './random';

/** Modified PERCIST reference: three spheres of 3 cm diameter in normal liver. */
export const REFERENCE_SPHERE_RADIUS_MM = 15;
const REFERENCE_SPHERE_COUNT = 3;

/**
 * Places three 3 cm spheres in normal liver (inside the mask, away from every lesion and from each
 * other) and computes the modified PERCIST threshold, 1.5 × mean + 2 × SD of the PET (SUV) voxels
 * whose centres lie in the spheres. Sphere centres are in LPS mm.
 * Not the core's placeReferenceSpheres / measureSphere: the phantom draws centres at random and
 * needs each sphere's containment fraction (voxels outside the grid included), which they do not give.
 */
export function measureLiverReference(grid: Grid, pet: Float32Array, liverMask: Uint8Array, lesions: Lesion[], random: Random): LiverReference {
  const liverIndices: number[] = [];
  for (let n = 0; n < liverMask.length; n++) if (liverMask[n]) liverIndices.push(n);
  if (liverIndices.length === 0) throw new Error('the liver mask is empty: no PERCIST reference can be placed');
  const [nx, ny] = grid.dimensions;
  const centres: Vec3[] = [];
  const sphereVoxels: number[][] = [];
  // Demand full containment first; relax to 90 % if the liver is too small for three whole spheres.
  for (const requiredFraction of [1, 0.9, 0.7]) {
    for (let attempt = 0; attempt < 4000 && centres.length < REFERENCE_SPHERE_COUNT; attempt++) {
      const index = liverIndices[random.integer(0, liverIndices.length - 1)];
      const centre = voxelCentre(grid, index % nx, Math.floor(index / nx) % ny, Math.floor(index / (nx * ny)));
      const farFromLesions = lesions.every((lesion) => distance(lesion.centreLPS, centre) > lesion.diameterMm / 2 + REFERENCE_SPHERE_RADIUS_MM + 10);
      const farFromSpheres = centres.every((other) => distance(other, centre) > 2 * REFERENCE_SPHERE_RADIUS_MM + 2);
      if (!farFromLesions || !farFromSpheres) continue;
      const { inside, total } = sphereIndices(grid, centre, liverMask);
      if (total === 0 || inside.length / total < requiredFraction) continue;
      centres.push(centre);
      sphereVoxels.push(inside);
    }
    if (centres.length === REFERENCE_SPHERE_COUNT) break;
  }
  if (centres.length === 0) throw new Error('no 3 cm reference sphere fits in normal liver');
  const spheres: ReferenceSphere[] = centres.map((centre, n) => {
    const { mean, sd } = meanAndSd(sphereVoxels[n].map((index) => pet[index]));
    return { centreLPS: centre, radiusMm: REFERENCE_SPHERE_RADIUS_MM, mean, sd, voxelCount: sphereVoxels[n].length };
  });
  const pooled = meanAndSd(sphereVoxels.flat().map((index) => pet[index]));
  return { spheres, mean: pooled.mean, sd: pooled.sd, threshold: percistThreshold(pooled.mean, pooled.sd) };
}

function sphereIndices(grid: Grid, centre: Vec3, liverMask: Uint8Array): { inside: number[]; total: number } {
  const [nx, ny, nz] = grid.dimensions;
  const inside: number[] = [];
  let total = 0;
  const reach = [0, 1, 2].map((a) => Math.ceil(REFERENCE_SPHERE_RADIUS_MM / grid.spacing[a]));
  const ci = [0, 1, 2].map((a) => Math.round((centre[a] - grid.origin[a]) / grid.spacing[a]));
  for (let k = ci[2] - reach[2]; k <= ci[2] + reach[2]; k++) {
    for (let j = ci[1] - reach[1]; j <= ci[1] + reach[1]; j++) {
      for (let i = ci[0] - reach[0]; i <= ci[0] + reach[0]; i++) {
        if (distance(voxelCentre(grid, i, j, k), centre) > REFERENCE_SPHERE_RADIUS_MM) continue;
        total += 1;
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
        const index = i + j * nx + k * nx * ny;
        if (liverMask[index]) inside.push(index);
      }
    }
  }
  return { inside, total };
}

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Result of the gold-standard delineation of one true lesion. */
export interface GoldLesion {
  id: number;
  /** Highest SUV near the lesion on the noisy PET. */
  suvMax: number;
  aboveThreshold: boolean;
  /** SUV level of the gradient edge (0 when the lesion is under the threshold). */
  edgeLevel: number;
  voxelCount: number;
}

/**
 * The paper-style gold standard: a true lesion is kept only if its SUVmax on the noisy PET exceeds
 * the PERCIST threshold; its boundary is where the SUV gradient is steepest along 26 rays from its
 * hottest voxel (as gradient-based "PET Edge" tools do), and its region is the connected set of
 * voxels at or above that edge level, near the lesion and inside the liver. Writes each kept
 * lesion's id into `gold` (on the PET grid) and returns what was found for every lesion.
 */
export function delineateGoldStandard(
  grid: Grid,
  pet: Float32Array,
  liverMask: Uint8Array,
  lesions: Lesion[],
  threshold: number,
  psfFwhmMm: number,
  gold: Uint16Array,
): GoldLesion[] {
  const [nx, ny] = grid.dimensions;
  return lesions.map((lesion) => {
    const searchRadius = Math.max(...lesion.semiAxesMm) + psfFwhmMm;
    // The search box (IJK, clipped to the grid) and, in box-local order, which of its voxels are
    // liver within the search radius of the lesion centre.
    const reach = [0, 1, 2].map((a) => Math.ceil(searchRadius / grid.spacing[a]));
    const ci = [0, 1, 2].map((a) => Math.round((lesion.centreLPS[a] - grid.origin[a]) / grid.spacing[a]));
    const low = [0, 1, 2].map((a) => Math.max(0, ci[a] - reach[a]));
    const high = [0, 1, 2].map((a) => Math.min(grid.dimensions[a] - 1, ci[a] + reach[a]));
    const box: Vec3 = [high[0] - low[0] + 1, high[1] - low[1] + 1, high[2] - low[2] + 1];
    const boxCount = Math.max(0, box[0]) * Math.max(0, box[1]) * Math.max(0, box[2]);
    const globalIndex = new Int32Array(boxCount);
    const inRegion = new Uint8Array(boxCount);
    let hottest = -1;
    let hottestLocal = -1;
    let local = 0;
    for (let k = low[2]; k <= high[2]; k++) {
      for (let j = low[1]; j <= high[1]; j++) {
        for (let i = low[0]; i <= high[0]; i++, local++) {
          const index = i + j * nx + k * nx * ny;
          globalIndex[local] = index;
          if (!liverMask[index] || distance(voxelCentre(grid, i, j, k), lesion.centreLPS) > searchRadius) continue;
          inRegion[local] = 1;
          if (hottest < 0 || pet[index] > pet[hottest]) {
            hottest = index;
            hottestLocal = local;
          }
        }
      }
    }
    const suvMax = hottest >= 0 ? pet[hottest] : 0;
    if (hottest < 0 || suvMax <= threshold) {
      return { id: lesion.id, suvMax, aboveThreshold: false, edgeLevel: 0, voxelCount: 0 };
    }
    const seed: Vec3 = [hottest % nx, Math.floor(hottest / nx) % ny, Math.floor(hottest / (nx * ny))];
    const edgeLevel = gradientEdgeLevel(grid, pet, seed, searchRadius);
    // The region is the face-connected (6-neighbour) component of region voxels at or above the
    // edge level that holds the hottest voxel (kept even if the edge level should exceed it).
    const atOrAboveEdge = new Uint8Array(boxCount);
    for (let n = 0; n < boxCount; n++) atOrAboveEdge[n] = inRegion[n] && pet[globalIndex[n]] >= edgeLevel ? 1 : 0;
    atOrAboveEdge[hottestLocal] = 1;
    const { labels } = labelComponents3D({ ...grid, dimensions: box, voxels: atOrAboveEdge }, 6);
    const lesionComponent = labels[hottestLocal];
    let count = 0;
    for (let n = 0; n < boxCount; n++) {
      // A voxel already claimed by an earlier (overlapping) lesion keeps its id.
      if (labels[n] !== lesionComponent || gold[globalIndex[n]] !== 0) continue;
      gold[globalIndex[n]] = lesion.id;
      count += 1;
    }
    return { id: lesion.id, suvMax, aboveThreshold: true, edgeLevel, voxelCount: count };
  });
}

/**
 * Median SUV at the steepest descent along 26 rays from the seed voxel (IJK), sampled every 1 mm up
 * to `maxRadiusMm` by trilinear interpolation.
 */
function gradientEdgeLevel(grid: Grid, pet: Float32Array, seed: Vec3, maxRadiusMm: number): number {
  const levels: number[] = [];
  for (const dx of [-1, 0, 1]) {
    for (const dy of [-1, 0, 1]) {
      for (const dz of [-1, 0, 1]) {
        if (dx === 0 && dy === 0 && dz === 0) continue;
        const norm = Math.hypot(dx, dy, dz);
        const direction: Vec3 = [dx / norm, dy / norm, dz / norm];
        let steepest = 0;
        let levelAtSteepest = Number.NaN;
        let previous = sample(grid, pet, seed, direction, 0);
        for (let r = 1; r <= maxRadiusMm; r++) {
          const current = sample(grid, pet, seed, direction, r);
          const slope = current - previous;
          if (slope < steepest) {
            steepest = slope;
            levelAtSteepest = (current + previous) / 2;
          }
          previous = current;
        }
        if (Number.isFinite(levelAtSteepest)) levels.push(levelAtSteepest);
      }
    }
  }
  levels.sort((a, b) => a - b);
  return levels.length ? levels[Math.floor(levels.length / 2)] : 0;
}

function sample(grid: Grid, pet: Float32Array, seed: Vec3, direction: Vec3, radiusMm: number): number {
  const [nx, ny, nz] = grid.dimensions;
  const p = [0, 1, 2].map((a) => Math.min(grid.dimensions[a] - 1, Math.max(0, seed[a] + (direction[a] * radiusMm) / grid.spacing[a])));
  const i0 = Math.min(nx - 2, Math.floor(p[0]));
  const j0 = Math.min(ny - 2, Math.floor(p[1]));
  const k0 = Math.min(nz - 2, Math.floor(p[2]));
  const fx = p[0] - i0;
  const fy = p[1] - j0;
  const fz = p[2] - k0;
  const at = (i: number, j: number, k: number): number => pet[i + j * nx + k * nx * ny];
  const c00 = at(i0, j0, k0) * (1 - fx) + at(i0 + 1, j0, k0) * fx;
  const c10 = at(i0, j0 + 1, k0) * (1 - fx) + at(i0 + 1, j0 + 1, k0) * fx;
  const c01 = at(i0, j0, k0 + 1) * (1 - fx) + at(i0 + 1, j0, k0 + 1) * fx;
  const c11 = at(i0, j0 + 1, k0 + 1) * (1 - fx) + at(i0 + 1, j0 + 1, k0 + 1) * fx;
  return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
}
