import type { MaskVolume } from '../types';

/** 3D connected components of a mask: labels 1..count per voxel (0 = background). */
export interface Components3D {
  labels: Int32Array;
  /** sizes[label] = voxel count; sizes[0] is unused. */
  sizes: number[];
  count: number;
}

/**
 * Labels the 3D connected components of a mask's non-zero voxels, by breadth-first search
 * with 6-connectivity (faces) or 26-connectivity (faces, edges and corners), in IJK space.
 */
export function labelComponents3D(mask: MaskVolume, connectivity: 6 | 26 = 26): Components3D {
  const [nx, ny, nz] = mask.dimensions;
  const labels = new Int32Array(nx * ny * nz);
  const sizes = [0];
  const queue = new Int32Array(nx * ny * nz);
  const neighbours: [number, number, number][] = [];
  for (let dk = -1; dk <= 1; dk++)
    for (let dj = -1; dj <= 1; dj++)
      for (let di = -1; di <= 1; di++) {
        const steps = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (steps === 0 || (connectivity === 6 && steps > 1)) continue;
        neighbours.push([di, dj, dk]);
      }
  let count = 0;
  for (let start = 0; start < labels.length; start++) {
    if (!mask.voxels[start] || labels[start]) continue;
    count++;
    labels[start] = count;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const index = queue[head++];
      const i = index % nx;
      const j = Math.floor(index / nx) % ny;
      const k = Math.floor(index / (nx * ny));
      for (const [di, dj, dk] of neighbours) {
        const a = i + di;
        const b = j + dj;
        const c = k + dk;
        if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
        const next = a + nx * (b + ny * c);
        if (mask.voxels[next] && !labels[next]) {
          labels[next] = count;
          queue[tail++] = next;
        }
      }
    }
    sizes.push(tail);
  }
  return { labels, sizes, count };
}
