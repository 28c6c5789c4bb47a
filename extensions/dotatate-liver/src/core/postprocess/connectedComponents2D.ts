import type { Vec3 } from '../types';

/** One 2D connected region on one axial slice. */
export interface SliceComponent {
  /** Slice index k on the grid it was found on. */
  slice: number;
  /** Linear voxel indices (into the 3D array), ascending. */
  voxels: Int32Array;
  /** Pixel count. */
  area: number;
}

/**
 * 2D connected components of a binary volume, slice by slice (axial: fixed k), with
 * 8-connectivity (default) or 4-connectivity in the (i, j) plane. Components never join
 * across slices here; see linkComponentsAcrossSlices.
 */
export function connectedComponents2D(mask: Uint8Array, dimensions: Vec3, connectivity: 4 | 8 = 8): SliceComponent[] {
  const [nx, ny, nz] = dimensions;
  const seen = new Uint8Array(nx * ny);
  const queue = new Int32Array(nx * ny);
  const components: SliceComponent[] = [];
  for (let k = 0; k < nz; k++) {
    const offset = k * nx * ny;
    seen.fill(0);
    for (let start = 0; start < nx * ny; start++) {
      if (!mask[offset + start] || seen[start]) continue;
      seen[start] = 1;
      let tail = 0;
      queue[tail++] = start;
      for (let head = 0; head < tail; head++) {
        const p = queue[head];
        const i = p % nx;
        const j = (p - i) / nx;
        for (let dj = -1; dj <= 1; dj++) {
          for (let di = -1; di <= 1; di++) {
            if ((di === 0 && dj === 0) || (connectivity === 4 && di !== 0 && dj !== 0)) continue;
            const a = i + di;
            const b = j + dj;
            if (a < 0 || b < 0 || a >= nx || b >= ny) continue;
            const q = a + nx * b;
            if (mask[offset + q] && !seen[q]) {
              seen[q] = 1;
              queue[tail++] = q;
            }
          }
        }
      }
      const voxels = new Int32Array(tail);
      for (let n = 0; n < tail; n++) voxels[n] = offset + queue[n];
      voxels.sort();
      components.push({ slice: k, voxels, area: tail });
    }
  }
  return components;
}
