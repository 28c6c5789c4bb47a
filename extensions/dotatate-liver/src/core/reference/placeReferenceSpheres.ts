import type { MaskVolume, ScalarVolume, Vec3 } from '../types';
import { distanceToOutsideMm } from '../volume/erodeMaskMm';
import { distanceTransformMm } from '../volume/distanceTransformMm';
import { ijkToLps } from '../volume/ijkToLps';
import { quantile } from '../stats/quantile';
import { percistThreshold } from './percistThreshold';

export interface SpherePlacementOptions {
  /** Sphere radius in mm (PERCIST: 3 cm spheres, radius 15 mm). */
  radiusMm?: number;
  count?: number;
  /** Extra gap (mm) between a sphere's surface and the nearest hot voxel. */
  hotMarginMm?: number;
}

export interface SpherePlacement {
  centresLPS: Vec3[];
  /** Rules that had to be relaxed to place the spheres, for the reader. */
  warnings: string[];
}

/**
 * Places PERCIST reference spheres in normal liver. Centre candidates (voxel centres) must be
 * (1) at least `radiusMm` from the mask's outside (inside the eroded mask) and (2) at least
 * radiusMm + hotMarginMm from every hot voxel, hot meaning above a robust PERCIST threshold of
 * the whole liver (1.5 × median + 2 × 1.4826·MAD). The first centre is the deepest candidate;
 * each next one is the candidate farthest from those already chosen (spread out), and spheres
 * may not overlap (centres ≥ 2 × radius apart). When too few candidates exist, the hot margin
 * and then the erosion are relaxed, and a warning says so. Centres are LPS, mm.
 */
export function placeReferenceSpheres(pet: ScalarVolume, liver: MaskVolume, options: SpherePlacementOptions = {}): SpherePlacement {
  const { radiusMm = 15, count = 3, hotMarginMm = 5 } = options;
  const warnings: string[] = [];
  const depth = distanceToOutsideMm(liver);
  const liverValues: number[] = [];
  for (let index = 0; index < liver.voxels.length; index++) if (liver.voxels[index]) liverValues.push(pet.voxels[index]);
  const median = quantile(liverValues, 0.5);
  const mad = quantile(liverValues.map((v) => Math.abs(v - median)), 0.5) * 1.4826;
  const hotLevel = percistThreshold(median, mad);
  const hot = new Uint8Array(liver.voxels.length);
  for (let index = 0; index < hot.length; index++) hot[index] = liver.voxels[index] && pet.voxels[index] > hotLevel ? 1 : 0;
  const distanceToHot = distanceTransformMm({ ...liver, voxels: hot });

  const attempts: { minDepth: number; minHotDistance: number; note?: string }[] = [
    { minDepth: radiusMm, minHotDistance: radiusMm + hotMarginMm },
    { minDepth: radiusMm, minHotDistance: radiusMm, note: 'spheres touch hot voxels closer than the usual margin' },
    { minDepth: radiusMm, minHotDistance: 0, note: 'too little lesion-free liver: spheres may include hot voxels' },
    { minDepth: radiusMm / 2, minHotDistance: 0, note: 'the liver is too small for whole 3 cm spheres: spheres reach beyond its edge and only liver voxels are counted' },
  ];
  for (const attempt of attempts) {
    const candidates: number[] = [];
    for (let index = 0; index < depth.length; index++) {
      if (depth[index] >= attempt.minDepth && distanceToHot[index] >= attempt.minHotDistance) candidates.push(index);
    }
    const chosen = farthestPointChoice(candidates, depth, liver, count, 2 * radiusMm);
    if (chosen.length === count || attempt === attempts[attempts.length - 1]) {
      if (attempt.note) warnings.push(`Reference spheres: ${attempt.note}.`);
      if (chosen.length < count) warnings.push(`Only ${chosen.length} of ${count} reference spheres fit in the liver.`);
      return { centresLPS: chosen, warnings };
    }
  }
  return { centresLPS: [], warnings };
}

/** Deepest candidate first, then each time the candidate farthest (mm) from all chosen. */
function farthestPointChoice(candidates: number[], depth: Float32Array, grid: MaskVolume, count: number, minSeparationMm: number): Vec3[] {
  if (candidates.length === 0) return [];
  const [nx, ny] = grid.dimensions;
  const position = (index: number): Vec3 => {
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    return ijkToLps(grid, [i, j, k]);
  };
  const points = candidates.map(position);
  let first = 0;
  for (let n = 1; n < candidates.length; n++) if (depth[candidates[n]] > depth[candidates[first]]) first = n;
  const chosen: Vec3[] = [points[first]];
  const nearest = points.map((p) => distance(p, points[first]));
  while (chosen.length < count) {
    let best = -1;
    for (let n = 0; n < points.length; n++) if (nearest[n] >= minSeparationMm && (best < 0 || nearest[n] > nearest[best])) best = n;
    if (best < 0) break;
    chosen.push(points[best]);
    for (let n = 0; n < points.length; n++) nearest[n] = Math.min(nearest[n], distance(points[n], points[best]));
  }
  return chosen;
}

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
