/**
 * Trilinear interpolation of a volume's voxels at a fractional voxel index (IJK). Points
 * outside the grid return NaN, so a caller can stop a ray there.
 */
export function sampleTrilinear(voxels: Float32Array, dimensions: [number, number, number], i: number, j: number, k: number): number {
  const [nx, ny, nz] = dimensions;
  if (i < 0 || j < 0 || k < 0 || i > nx - 1 || j > ny - 1 || k > nz - 1) return NaN;
  const i0 = Math.floor(i);
  const j0 = Math.floor(j);
  const k0 = Math.floor(k);
  const i1 = Math.min(i0 + 1, nx - 1);
  const j1 = Math.min(j0 + 1, ny - 1);
  const k1 = Math.min(k0 + 1, nz - 1);
  const fx = i - i0;
  const fy = j - j0;
  const fz = k - k0;
  const at = (a: number, b: number, c: number) => voxels[a + nx * (b + ny * c)];
  const c00 = at(i0, j0, k0) * (1 - fx) + at(i1, j0, k0) * fx;
  const c10 = at(i0, j1, k0) * (1 - fx) + at(i1, j1, k0) * fx;
  const c01 = at(i0, j0, k1) * (1 - fx) + at(i1, j0, k1) * fx;
  const c11 = at(i0, j1, k1) * (1 - fx) + at(i1, j1, k1) * fx;
  return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
}
