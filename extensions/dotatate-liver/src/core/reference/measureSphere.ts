import type { MaskVolume, ReferenceSphere, ScalarVolume, Vec3 } from '../types';
import { lpsToIjk } from '../volume/lpsToIjk';
import { meanAndSd } from '../stats/meanAndSd';

/**
 * Mean and sample SD (volume units, e.g. SUVbw) of the voxels whose centres lie within
 * `radiusMm` of `centreLPS` (LPS, mm). With a mask, only voxels inside it count, so a sphere
 * the reader drags against the liver's edge does not sample outside the liver.
 */
export function measureSphere(pet: ScalarVolume, centreLPS: Vec3, radiusMm: number, mask?: MaskVolume): ReferenceSphere {
  const [nx, ny, nz] = pet.dimensions;
  const centre = lpsToIjk(pet, centreLPS);
  const reach = pet.spacing.map((s) => Math.ceil(radiusMm / s));
  const values: number[] = [];
  const r2 = radiusMm * radiusMm;
  for (let k = Math.max(0, Math.floor(centre[2]) - reach[2]); k <= Math.min(nz - 1, Math.ceil(centre[2]) + reach[2]); k++) {
    const dz2 = ((k - centre[2]) * pet.spacing[2]) ** 2;
    for (let j = Math.max(0, Math.floor(centre[1]) - reach[1]); j <= Math.min(ny - 1, Math.ceil(centre[1]) + reach[1]); j++) {
      const dy2 = ((j - centre[1]) * pet.spacing[1]) ** 2;
      for (let i = Math.max(0, Math.floor(centre[0]) - reach[0]); i <= Math.min(nx - 1, Math.ceil(centre[0]) + reach[0]); i++) {
        if (dz2 + dy2 + ((i - centre[0]) * pet.spacing[0]) ** 2 > r2) continue;
        const index = i + nx * (j + ny * k);
        if (mask && !mask.voxels[index]) continue;
        values.push(pet.voxels[index]);
      }
    }
  }
  const { mean, sd, count } = meanAndSd(values);
  return { centreLPS: [...centreLPS], radiusMm, mean, sd, voxelCount: count };
}
