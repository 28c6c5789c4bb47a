import type { Vec3, VolumeGeometry } from '../types';

/**
 * Linear index of voxel (i, j, k) in a volume stored x fastest, then y, then z.
 * Inputs are integer voxel indices (IJK); no bounds check.
 */
export function voxelIndex(dimensions: Vec3, i: number, j: number, k: number): number {
  return i + dimensions[0] * (j + dimensions[1] * k);
}

/** Number of voxels of a grid. */
export function voxelCount(geometry: Pick<VolumeGeometry, 'dimensions'>): number {
  const [nx, ny, nz] = geometry.dimensions;
  return nx * ny * nz;
}

/** Volume of one voxel in millilitres (spacing is in mm; 1 ml = 1000 mm³). */
export function voxelVolumeMl(geometry: Pick<VolumeGeometry, 'spacing'>): number {
  const [sx, sy, sz] = geometry.spacing;
  return (sx * sy * sz) / 1000;
}
