import type { GridVolume, IjkBox, VoxelArray } from '../types';
import { ijkToLps } from './ijkToLps';

/**
 * Copies the voxels of an inclusive IJK box into a new volume of the same array type. The
 * crop keeps spacing and direction; its origin is the LPS position (mm) of the box's first
 * voxel, so LPS positions are unchanged by cropping.
 */
export function cropVolume<T extends VoxelArray>(volume: GridVolume<T>, box: IjkBox): GridVolume<T> {
  const [nx, ny] = volume.dimensions;
  const cx = box.max[0] - box.min[0] + 1;
  const cy = box.max[1] - box.min[1] + 1;
  const cz = box.max[2] - box.min[2] + 1;
  const Constructor = volume.voxels.constructor as new (length: number) => T;
  const voxels = new Constructor(cx * cy * cz);
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      const from = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      voxels.set(volume.voxels.subarray(from, from + cx), cx * (j + cy * k));
    }
  }
  return {
    dimensions: [cx, cy, cz],
    spacing: [...volume.spacing],
    origin: ijkToLps(volume, box.min),
    direction: [...volume.direction],
    voxels,
  };
}
