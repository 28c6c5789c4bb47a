/**
 * Pure geometry for the liver controls: whether a clicked point (LPS mm) lies in the liver mask,
 * the reference sphere centres after the reader moved one, and the sphere voxels drawn as markers.
 * Regions are linear IJK indices on the PET grid (x fastest), as `VoxelRegion` defines them.
 */
import type { Vec3, VolumeGeometry } from '../core/types';
import { ijkToLps } from '../core/volume/ijkToLps';
import { lpsToIjk } from '../core/volume/lpsToIjk';
import type { VoxelRegion } from '../state/voxelRegion';

/** The nearest voxel (IJK) of an LPS point, or null when the point lies outside the grid. */
export function voxelOfPoint(geometry: VolumeGeometry, pointLPS: Vec3): Vec3 | null {
  const ijk = lpsToIjk(geometry, pointLPS).map(Math.round) as Vec3;
  const inside = ijk.every((value, axis) => value >= 0 && value < geometry.dimensions[axis]);
  return inside ? ijk : null;
}

/** Whether the region holds this linear voxel index (binary search over the sorted runs). */
export function regionHasIndex(region: VoxelRegion, index: number): boolean {
  let low = 0;
  let high = region.runs.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = region.runs[2 * middle];
    if (index < start) high = middle - 1;
    else if (index >= start + region.runs[2 * middle + 1]) low = middle + 1;
    else return true;
  }
  return false;
}

/** Whether an LPS point lies in the region (on the region's grid, described by `geometry`). */
export function regionContainsPoint(region: VoxelRegion, geometry: VolumeGeometry, pointLPS: Vec3): boolean {
  const voxel = voxelOfPoint(geometry, pointLPS);
  if (!voxel) return false;
  const [columns, rows] = geometry.dimensions;
  return regionHasIndex(region, voxel[0] + columns * (voxel[1] + rows * voxel[2]));
}

/** The sphere centres with sphere `index` (0-based) moved to `centreLPS`; the others unchanged. */
export function withMovedCentre(centresLPS: readonly Vec3[], index: number, centreLPS: Vec3): Vec3[] {
  if (index < 0 || index >= centresLPS.length) throw new Error(`There is no reference sphere ${index + 1}.`);
  return centresLPS.map((centre, i) => (i === index ? ([...centreLPS] as Vec3) : ([...centre] as Vec3)));
}

/**
 * Linear indices (sorted, unique) of the voxels whose centres lie within `radiusMm` of any of the
 * sphere centres (LPS mm). The direction is taken as axis-aligned up to sign for the bounding box,
 * which holds for the axial PET series the viewer reviews; the distance test itself is exact.
 */
export function sphereVoxelIndices(geometry: VolumeGeometry, centresLPS: readonly Vec3[], radiusMm: number): number[] {
  const { dimensions, spacing } = geometry;
  const [columns, rows, slices] = dimensions;
  const found = new Set<number>();
  for (const centre of centresLPS) {
    const [ci, cj, ck] = lpsToIjk(geometry, centre);
    const reach = spacing.map((s) => Math.ceil(radiusMm / s) + 1);
    for (let k = Math.max(0, Math.floor(ck - reach[2])); k <= Math.min(slices - 1, Math.ceil(ck + reach[2])); k++) {
      for (let j = Math.max(0, Math.floor(cj - reach[1])); j <= Math.min(rows - 1, Math.ceil(cj + reach[1])); j++) {
        for (let i = Math.max(0, Math.floor(ci - reach[0])); i <= Math.min(columns - 1, Math.ceil(ci + reach[0])); i++) {
          const lps = ijkToLps(geometry, [i, j, k]);
          const distance = Math.hypot(lps[0] - centre[0], lps[1] - centre[1], lps[2] - centre[2]);
          if (distance <= radiusMm) found.add(i + columns * (j + rows * k));
        }
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}
