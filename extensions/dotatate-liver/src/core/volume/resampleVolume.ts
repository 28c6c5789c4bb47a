import type { ScalarVolume, Vec3 } from '../types';
import { ijkToLps } from './ijkToLps';

/**
 * Resamples a scalar volume to a new voxel spacing (mm) by trilinear interpolation on the
 * same direction and field of view (the first voxel centre stays where it was). Used to bring
 * a PET onto the grid a model was trained on; values keep their units.
 */
export function resampleVolume(volume: ScalarVolume, spacing: Vec3): ScalarVolume {
  const [nx, ny, nz] = volume.dimensions;
  const dims: Vec3 = [0, 0, 0];
  const scale: Vec3 = [0, 0, 0];
  for (let axis = 0; axis < 3; axis++) {
    const extent = (volume.dimensions[axis] - 1) * volume.spacing[axis];
    dims[axis] = Math.max(1, Math.floor(extent / spacing[axis] + 1e-6) + 1);
    scale[axis] = spacing[axis] / volume.spacing[axis];
  }
  const out = new Float32Array(dims[0] * dims[1] * dims[2]);
  const src = volume.voxels;
  const at = (i: number, j: number, k: number) => src[i + nx * (j + ny * k)];
  let index = 0;
  for (let k = 0; k < dims[2]; k++) {
    const z = Math.min(k * scale[2], nz - 1);
    const k0 = Math.floor(z);
    const k1 = Math.min(k0 + 1, nz - 1);
    const fz = z - k0;
    for (let j = 0; j < dims[1]; j++) {
      const y = Math.min(j * scale[1], ny - 1);
      const j0 = Math.floor(y);
      const j1 = Math.min(j0 + 1, ny - 1);
      const fy = y - j0;
      for (let i = 0; i < dims[0]; i++, index++) {
        const x = Math.min(i * scale[0], nx - 1);
        const i0 = Math.floor(x);
        const i1 = Math.min(i0 + 1, nx - 1);
        const fx = x - i0;
        const c00 = at(i0, j0, k0) * (1 - fx) + at(i1, j0, k0) * fx;
        const c10 = at(i0, j1, k0) * (1 - fx) + at(i1, j1, k0) * fx;
        const c01 = at(i0, j0, k1) * (1 - fx) + at(i1, j0, k1) * fx;
        const c11 = at(i0, j1, k1) * (1 - fx) + at(i1, j1, k1) * fx;
        out[index] = (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
      }
    }
  }
  return {
    dimensions: dims,
    spacing: [...spacing],
    origin: ijkToLps(volume, [0, 0, 0]),
    direction: [...volume.direction],
    voxels: out,
  };
}
