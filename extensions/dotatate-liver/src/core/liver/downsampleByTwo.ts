import type { ScalarVolume, Vec3 } from '../types';
import { ijkToLps } from '../volume/ijkToLps';

/**
 * Halves a volume's resolution on every axis: each coarse voxel is the mean of the (up to)
 * 2 × 2 × 2 fine voxels it covers (a last odd column, row or slice averages what exists).
 * Spacing doubles; the coarse voxel (0, 0, 0) is centred between fine voxels 0 and 1, so LPS
 * positions are kept. Values keep their units; the block mean also calms noise.
 */
export function downsampleByTwo(volume: ScalarVolume): ScalarVolume {
  const [nx, ny, nz] = volume.dimensions;
  const dimensions: Vec3 = [Math.ceil(nx / 2), Math.ceil(ny / 2), Math.ceil(nz / 2)];
  const [cx, cy, cz] = dimensions;
  const sums = new Float64Array(cx * cy * cz);
  const counts = new Uint8Array(cx * cy * cz);
  let index = 0;
  for (let k = 0; k < nz; k++) {
    const ck = k >> 1;
    for (let j = 0; j < ny; j++) {
      const row = cx * ((j >> 1) + cy * ck);
      for (let i = 0; i < nx; i++, index++) {
        sums[row + (i >> 1)] += volume.voxels[index];
        counts[row + (i >> 1)]++;
      }
    }
  }
  const voxels = new Float32Array(sums.length);
  for (let n = 0; n < voxels.length; n++) voxels[n] = sums[n] / counts[n];
  return {
    dimensions,
    spacing: [volume.spacing[0] * 2, volume.spacing[1] * 2, volume.spacing[2] * 2],
    origin: ijkToLps(volume, [0.5, 0.5, 0.5]),
    direction: [...volume.direction],
    voxels,
  };
}

/**
 * The fine-grid value of a coarse mask made by `downsampleByTwo`'s grid: each fine voxel takes
 * the value of the coarse voxel that covers it. `fineBox` limits the output to an inclusive IJK
 * box of the fine grid (the output has the box's dimensions).
 */
export function upsampleMaskByTwo(coarse: Uint8Array, coarseDimensions: Vec3, fineBox: { min: Vec3; max: Vec3 }): Uint8Array {
  const [cx, cy] = coarseDimensions;
  const width = fineBox.max[0] - fineBox.min[0] + 1;
  const height = fineBox.max[1] - fineBox.min[1] + 1;
  const depth = fineBox.max[2] - fineBox.min[2] + 1;
  const out = new Uint8Array(width * height * depth);
  let index = 0;
  for (let k = 0; k < depth; k++) {
    const ck = (k + fineBox.min[2]) >> 1;
    for (let j = 0; j < height; j++) {
      const row = cx * (((j + fineBox.min[1]) >> 1) + cy * ck);
      for (let i = 0; i < width; i++, index++) out[index] = coarse[row + ((i + fineBox.min[0]) >> 1)];
    }
  }
  return out;
}
