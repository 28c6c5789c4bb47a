import type { ScalarVolume } from '../types';
import { sphereOffsets, sphereRadiusMmForVolumeMl } from '../volume/sphereOffsets';

/** PERCIST's SUVpeak sphere: 1 cm³, radius ≈ 6.2 mm. */
export const SUV_PEAK_SPHERE_ML = 1;

/**
 * PERCIST SUVpeak: the highest mean uptake (volume units) of a 1 cm³ sphere (radius 6.2 mm)
 * whose centre lies on a lesion voxel. The sphere averages every voxel of the image whose centre
 * lies within it, lesion or not (that is what makes SUVpeak robust to noise); voxels beyond the
 * grid are left out. `lesionVoxels` are linear indices into `pet`.
 */
export function suvPeak(pet: ScalarVolume, lesionVoxels: ArrayLike<number>, sphereMl = SUV_PEAK_SPHERE_ML): number {
  const [nx, ny, nz] = pet.dimensions;
  const offsets = sphereOffsets(sphereRadiusMmForVolumeMl(sphereMl), pet.spacing);
  let best = -Infinity;
  for (let n = 0; n < lesionVoxels.length; n++) {
    const index = lesionVoxels[n];
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    let sum = 0;
    let count = 0;
    for (let o = 0; o < offsets.count; o++) {
      const a = i + offsets.di[o];
      const b = j + offsets.dj[o];
      const c = k + offsets.dk[o];
      if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
      sum += pet.voxels[a + nx * (b + ny * c)];
      count++;
    }
    if (count > 0 && sum / count > best) best = sum / count;
  }
  return best === -Infinity ? NaN : best;
}
