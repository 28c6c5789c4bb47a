import type { MaskVolume, ScalarVolume, Vec3 } from '../types';
import { lpsToIjk } from '../volume/lpsToIjk';
import { boxMean3 } from '../volume/boxMean3';
import { fillHolesPerSlice } from './fillHolesPerSlice';
import { closeMaskMm } from './closeMaskMm';

export interface SeedGrowingOptions {
  /** Accepted band around the seed's local mean, as fractions of it (PET units cancel). */
  lowerFraction?: number;
  upperFraction?: number;
  /** Closing radius (mm) that pulls edge lesions back into the liver. */
  closingRadiusMm?: number;
}

/**
 * Liver mask grown from one point inside the liver (LPS, mm): 6-connected voxels of the
 * 3×3×3-smoothed PET whose value lies within [lower, upper] × the smoothed value at the seed,
 * then closed and hole-filled per slice so lesions stay inside. Throws a reader-facing error
 * when the seed lies outside the volume or on a voxel with no uptake.
 */
export function growRegionFromSeed(pet: ScalarVolume, seedLPS: Vec3, options: SeedGrowingOptions = {}): MaskVolume {
  const { lowerFraction = 0.55, upperFraction = 1.8, closingRadiusMm = 10 } = options;
  const [nx, ny, nz] = pet.dimensions;
  const [si, sj, sk] = lpsToIjk(pet, seedLPS).map(Math.round);
  if (si < 0 || sj < 0 || sk < 0 || si >= nx || sj >= ny || sk >= nz) {
    throw new Error(`The liver seed (${seedLPS.map((v) => v.toFixed(1)).join(', ')}) LPS mm lies outside the PET volume.`);
  }
  const smooth = boxMean3(pet).voxels;
  const seedIndex = si + nx * (sj + ny * sk);
  const seedValue = smooth[seedIndex];
  if (!(seedValue > 0)) throw new Error('The liver seed lies on a voxel without uptake; place it inside the liver.');
  const low = seedValue * lowerFraction;
  const high = seedValue * upperFraction;
  const voxels = new Uint8Array(smooth.length);
  const queue = new Int32Array(smooth.length);
  let tail = 0;
  voxels[seedIndex] = 1;
  queue[tail++] = seedIndex;
  for (let head = 0; head < tail; head++) {
    const index = queue[head];
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    const visit = (next: number) => {
      if (!voxels[next] && smooth[next] >= low && smooth[next] <= high) {
        voxels[next] = 1;
        queue[tail++] = next;
      }
    };
    if (i > 0) visit(index - 1);
    if (i < nx - 1) visit(index + 1);
    if (j > 0) visit(index - nx);
    if (j < ny - 1) visit(index + nx);
    if (k > 0) visit(index - nx * ny);
    if (k < nz - 1) visit(index + nx * ny);
  }
  const grown: MaskVolume = { ...pet, voxels };
  return fillHolesPerSlice(closeMaskMm(grown, closingRadiusMm));
}
