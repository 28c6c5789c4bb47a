import type { IjkBox, Vec3, VolumeGeometry } from '../types';

/**
 * Grows an IJK box by a margin in millimetres on every side (rounded up to whole voxels
 * per axis, so anisotropic spacing is honoured) and clips it to the grid.
 */
export function expandBox(box: IjkBox, geometry: VolumeGeometry, marginMm: number): IjkBox {
  const min = [0, 0, 0] as Vec3;
  const max = [0, 0, 0] as Vec3;
  for (let axis = 0; axis < 3; axis++) {
    const marginVoxels = Math.ceil(marginMm / geometry.spacing[axis] - 1e-9);
    min[axis] = Math.max(0, box.min[axis] - marginVoxels);
    max[axis] = Math.min(geometry.dimensions[axis] - 1, box.max[axis] + marginVoxels);
  }
  return { min, max };
}
