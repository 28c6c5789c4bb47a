import type { Direction3, Vec3, VolumeGeometry } from 'ohif-extension-dotatate-liver/src/core/types';

/**
 * A regular axial grid in LPS millimetres, as the core's VolumeGeometry: i runs to the patient's
 * left (+x), j to posterior (+y), k to superior (+z). Voxel (i, j, k) is stored at
 * i + j * columns + k * columns * rows; its centre is origin + (i, j, k) * spacing.
 */
export type Grid = VolumeGeometry;

export const AXIAL_DIRECTION: Direction3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** A square axial grid of `matrix` × `matrix` voxels covering `fovMm`, centred on x = y = 0. */
export function axialGrid(matrix: number, fovMm: number, slices: number, sliceSpacingMm: number, zFirstMm: number): Grid {
  const pixel = fovMm / matrix;
  const first = -fovMm / 2 + pixel / 2;
  return {
    dimensions: [matrix, matrix, slices],
    spacing: [pixel, pixel, sliceSpacingMm],
    origin: [first, first, zFirstMm],
    direction: AXIAL_DIRECTION,
  };
}

export function voxelCount(grid: Grid): number {
  return grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
}

/** LPS centre (mm) of voxel (i, j, k) on an axial grid. */
export function voxelCentre(grid: Grid, i: number, j: number, k: number): Vec3 {
  return [grid.origin[0] + i * grid.spacing[0], grid.origin[1] + j * grid.spacing[1], grid.origin[2] + k * grid.spacing[2]];
}

/** Continuous voxel index (IJK) of an LPS point (mm) on an axial grid. */
export function continuousIndex(grid: Grid, point: Vec3): Vec3 {
  return [
    (point[0] - grid.origin[0]) / grid.spacing[0],
    (point[1] - grid.origin[1]) / grid.spacing[1],
    (point[2] - grid.origin[2]) / grid.spacing[2],
  ];
}

/** Voxel volume in ml (mm³ / 1000). */
export function voxelVolumeMl(grid: Grid): number {
  return (grid.spacing[0] * grid.spacing[1] * grid.spacing[2]) / 1000;
}
