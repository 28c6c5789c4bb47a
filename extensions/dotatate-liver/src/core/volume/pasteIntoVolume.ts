import type { GridVolume, IjkBox, VoxelArray } from '../types';

/**
 * Writes a cropped volume's voxels back into a full-size array at the IJK box the crop was
 * taken from (the inverse of cropVolume). Returns the full-size array.
 */
export function pasteIntoVolume<T extends VoxelArray>(
  crop: GridVolume<T>,
  box: IjkBox,
  full: GridVolume<T>,
): T {
  const [nx, ny] = full.dimensions;
  const [cx, cy, cz] = crop.dimensions;
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      const to = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      full.voxels.set(crop.voxels.subarray(cx * (j + cy * k), cx * (j + cy * k) + cx), to);
    }
  }
  return full.voxels;
}
