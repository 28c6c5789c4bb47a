import type { MaskVolume } from '../types';

/**
 * Fills the holes of a mask in every axial slice: background pixels that cannot be reached
 * from the slice border through 4-connected background become mask. Lesions inside the liver
 * are holes of an uptake-band mask; this keeps them inside.
 */
export function fillHolesPerSlice(mask: MaskVolume): MaskVolume {
  const [nx, ny, nz] = mask.dimensions;
  const voxels = Uint8Array.from(mask.voxels);
  const outside = new Uint8Array(nx * ny);
  const queue = new Int32Array(nx * ny);
  for (let k = 0; k < nz; k++) {
    const offset = k * nx * ny;
    outside.fill(0);
    let tail = 0;
    const push = (p: number) => {
      if (!outside[p] && !voxels[offset + p]) {
        outside[p] = 1;
        queue[tail++] = p;
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
    for (let head = 0; head < tail; head++) {
      const p = queue[head];
      const i = p % nx;
      const j = (p - i) / nx;
      if (i > 0) push(p - 1);
      if (i < nx - 1) push(p + 1);
      if (j > 0) push(p - nx);
      if (j < ny - 1) push(p + nx);
    }
    for (let p = 0; p < nx * ny; p++) if (!outside[p]) voxels[offset + p] = 1;
  }
  return { ...mask, voxels };
}
