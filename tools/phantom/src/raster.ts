import type { PaintedOrgan } from './anatomy/anatomy';
import { Grid, voxelCount } from './grid';
import type { Shape } from './shapes';

/** Index range [first, last] of voxel centres on one axis that fall within [low, high] mm. */
function axisRange(grid: Grid, axis: number, low: number, high: number): [number, number] {
  const first = Math.max(0, Math.ceil((low - grid.origin[axis]) / grid.spacing[axis]));
  const last = Math.min(grid.dimensions[axis] - 1, Math.floor((high - grid.origin[axis]) / grid.spacing[axis]));
  return [first, last];
}

/** Calls `visit` with the flat index and LPS centre (mm) of every voxel inside the shape. */
export function forEachVoxelInside(grid: Grid, shape: Shape, visit: (index: number, x: number, y: number, z: number) => void): void {
  const [i0, i1] = axisRange(grid, 0, shape.boundsMin[0], shape.boundsMax[0]);
  const [j0, j1] = axisRange(grid, 1, shape.boundsMin[1], shape.boundsMax[1]);
  const [k0, k1] = axisRange(grid, 2, shape.boundsMin[2], shape.boundsMax[2]);
  const [nx, ny] = grid.dimensions;
  for (let k = k0; k <= k1; k++) {
    const z = grid.origin[2] + k * grid.spacing[2];
    for (let j = j0; j <= j1; j++) {
      const y = grid.origin[1] + j * grid.spacing[1];
      for (let i = i0; i <= i1; i++) {
        const x = grid.origin[0] + i * grid.spacing[0];
        if (shape.contains(x, y, z)) visit(i + j * nx + k * nx * ny, x, y, z);
      }
    }
  }
}

/** Tissue label per voxel: organs painted in order, later over earlier, sampled at voxel centres. */
export function paintTissues(grid: Grid, organs: PaintedOrgan[]): Uint8Array {
  const labels = new Uint8Array(voxelCount(grid));
  for (const organ of organs) {
    forEachVoxelInside(grid, organ.shape, (index) => {
      labels[index] = organ.tissue;
    });
  }
  return labels;
}
