import type { MaskVolume, Vec3 } from '../types';

/**
 * Visits every liver voxel within the star-shaped boundary around a peak (IJK): a voxel is
 * inside when its distance (mm) from the peak is at most the edge radius of the ray closest
 * in angle to it. `visit(index, fraction)` gets the voxel's index and its distance as a
 * fraction of that radius (0 at the peak, 1 on the boundary).
 */
export function forEachVoxelInStar(
  liver: MaskVolume,
  peak: Vec3,
  directions: Vec3[],
  radii: Float64Array,
  visit: (index: number, fraction: number) => void,
): void {
  const [nx, ny, nz] = liver.dimensions;
  const spacing = liver.spacing;
  let largest = 0;
  for (const radius of radii) largest = Math.max(largest, radius);
  const reach = spacing.map((s) => Math.ceil(largest / s));
  for (let k = Math.max(0, peak[2] - reach[2]); k <= Math.min(nz - 1, peak[2] + reach[2]); k++) {
    for (let j = Math.max(0, peak[1] - reach[1]); j <= Math.min(ny - 1, peak[1] + reach[1]); j++) {
      for (let i = Math.max(0, peak[0] - reach[0]); i <= Math.min(nx - 1, peak[0] + reach[0]); i++) {
        const index = i + nx * (j + ny * k);
        if (!liver.voxels[index]) continue;
        const x = (i - peak[0]) * spacing[0];
        const y = (j - peak[1]) * spacing[1];
        const z = (k - peak[2]) * spacing[2];
        const distance = Math.hypot(x, y, z);
        if (distance === 0) {
          visit(index, 0);
          continue;
        }
        const radius = radiusTowards(directions, radii, x / distance, y / distance, z / distance);
        if (distance <= radius) visit(index, distance / radius);
      }
    }
  }
}

/** Edge radius of the ray closest in angle to the unit direction (x, y, z). */
function radiusTowards(directions: Vec3[], radii: Float64Array, x: number, y: number, z: number): number {
  let best = -2;
  let radius = 0;
  for (let d = 0; d < directions.length; d++) {
    const dot = directions[d][0] * x + directions[d][1] * y + directions[d][2] * z;
    if (dot > best) {
      best = dot;
      radius = radii[d];
    }
  }
  return radius;
}
