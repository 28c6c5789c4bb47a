import type { MaskVolume } from '../types';

/**
 * Fills the holes of a mask in every axial slice: background pixels that cannot be reached
 * from the slice border through 4-connected background become mask. Lesions inside the liver
 * are holes of an uptake-band mask; this keeps them inside. With `shouldFill`, each hole (a
 * 4-connected set of enclosed pixels on one slice, given as voxel indices) is filled only when
 * it returns true, e.g. only holes holding hot voxels (lesions), not cold vessels.
 */
export function fillHolesPerSlice(mask: MaskVolume, shouldFill?: (hole: Int32Array) => boolean): MaskVolume {
  const [nx, ny, nz] = mask.dimensions;
  const voxels = Uint8Array.from(mask.voxels);
  const reached = new Uint8Array(nx * ny);
  const queue = new Int32Array(nx * ny);
  for (let k = 0; k < nz; k++) {
    const offset = k * nx * ny;
    reached.fill(0);
    let tail = 0;
    const push = (p: number) => {
      if (!reached[p] && !voxels[offset + p]) {
        reached[p] = 1;
        queue[tail++] = p;
      }
    };
    const flood = (from: number) => {
      for (let head = from; head < tail; head++) {
        const p = queue[head];
        const i = p % nx;
        const j = (p - i) / nx;
        if (i > 0) push(p - 1);
        if (i < nx - 1) push(p + 1);
        if (j > 0) push(p - nx);
        if (j < ny - 1) push(p + nx);
      }
    };
    for (let i = 0; i < nx; i++) {
      push(i);
      push(i + nx * (ny - 1));
    }
    for (let j = 0; j < ny; j++) {
      push(nx * j);
      push(nx - 1 + nx * j);
    }
    flood(0);
    if (!shouldFill) {
      for (let p = 0; p < nx * ny; p++) if (!reached[p]) voxels[offset + p] = 1;
      continue;
    }
    // Each remaining background pixel starts one hole; flood it and ask whether to fill it.
    for (let p = 0; p < nx * ny; p++) {
      if (reached[p] || voxels[offset + p]) continue;
      const start = tail;
      push(p);
      flood(start);
      const hole = new Int32Array(tail - start);
      for (let n = start; n < tail; n++) hole[n - start] = offset + queue[n];
      if (shouldFill(hole)) for (const index of hole) voxels[index] = 1;
    }
  }
  return { ...mask, voxels };
}
