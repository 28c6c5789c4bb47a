import type { Vec3 } from '../types';

/**
 * Longest in-plane distance (mm, voxel centre to voxel centre) between two voxels of a lesion
 * on the same axial slice, over all its slices. Only edge pixels of each slice are compared,
 * since the farthest pair always lies on the edge. `voxels` are linear indices on a grid of
 * the given dimensions and spacing (mm).
 */
export function longestAxialDiameterMm(voxels: ArrayLike<number>, dimensions: Vec3, spacing: Vec3): number {
  const [nx, ny] = dimensions;
  const members = new Set<number>();
  for (let n = 0; n < voxels.length; n++) members.add(voxels[n]);
  const edgesBySlice = new Map<number, [number, number][]>();
  for (const index of members) {
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    const interior = members.has(index - 1) && members.has(index + 1) && members.has(index - nx) && members.has(index + nx) && i > 0 && i < nx - 1 && j > 0 && j < ny - 1;
    if (interior) continue;
    const list = edgesBySlice.get(k) ?? [];
    list.push([i * spacing[0], j * spacing[1]]);
    edgesBySlice.set(k, list);
  }
  let longest = 0;
  for (const points of edgesBySlice.values()) {
    for (let a = 0; a < points.length; a++) {
      for (let b = a + 1; b < points.length; b++) {
        const d = Math.hypot(points[a][0] - points[b][0], points[a][1] - points[b][1]);
        if (d > longest) longest = d;
      }
    }
  }
  return longest;
}
