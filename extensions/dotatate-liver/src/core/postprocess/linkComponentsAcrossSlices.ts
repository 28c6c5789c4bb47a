import type { Vec3 } from '../types';
import type { SliceComponent } from './connectedComponents2D';

/**
 * Joins 2D regions into 3D lesions: regions on adjacent slices (k, k + 1) that share at least
 * one (i, j) pixel belong to the same lesion (union–find over the overlap graph). Returns a
 * label array on the same grid (1..count, 0 = background; labels ordered by first slice, then
 * position) and the count.
 */
export function linkComponentsAcrossSlices(components: SliceComponent[], dimensions: Vec3): { labels: Uint16Array; count: number } {
  const [nx, ny, nz] = dimensions;
  const sliceSize = nx * ny;
  const owner = new Int32Array(nx * ny * nz).fill(-1);
  components.forEach((component, n) => {
    for (const voxel of component.voxels) owner[voxel] = n;
  });
  const parent = components.map((_, n) => n);
  const find = (n: number): number => {
    while (parent[n] !== n) {
      parent[n] = parent[parent[n]];
      n = parent[n];
    }
    return n;
  };
  components.forEach((component, n) => {
    if (component.slice + 1 >= nz) return;
    for (const voxel of component.voxels) {
      const above = owner[voxel + sliceSize];
      if (above >= 0) {
        const a = find(n);
        const b = find(above);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const order = components.map((_, n) => n).sort((a, b) => components[a].slice - components[b].slice || components[a].voxels[0] - components[b].voxels[0]);
  const labelOfRoot = new Map<number, number>();
  for (const n of order) {
    const root = find(n);
    if (!labelOfRoot.has(root)) labelOfRoot.set(root, labelOfRoot.size + 1);
  }
  if (labelOfRoot.size > 65535) throw new Error(`Too many lesion candidates (${labelOfRoot.size}) for 16-bit labels.`);
  const labels = new Uint16Array(nx * ny * nz);
  components.forEach((component, n) => {
    const label = labelOfRoot.get(find(n)) as number;
    for (const voxel of component.voxels) labels[voxel] = label;
  });
  return { labels, count: labelOfRoot.size };
}
