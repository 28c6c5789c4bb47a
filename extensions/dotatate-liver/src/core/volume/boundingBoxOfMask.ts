import type { IjkBox, MaskVolume } from '../types';

/**
 * Smallest IJK box holding every non-zero voxel of the mask, or null for an empty mask.
 */
export function boundingBoxOfMask(mask: MaskVolume): IjkBox | null {
  const [nx, ny, nz] = mask.dimensions;
  const min: [number, number, number] = [nx, ny, nz];
  const max: [number, number, number] = [-1, -1, -1];
  let index = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, index++) {
        if (!mask.voxels[index]) continue;
        if (i < min[0]) min[0] = i;
        if (i > max[0]) max[0] = i;
        if (j < min[1]) min[1] = j;
        if (j > max[1]) max[1] = j;
        if (k < min[2]) min[2] = k;
        if (k > max[2]) max[2] = k;
      }
    }
  }
  return max[0] < 0 ? null : { min, max };
}
