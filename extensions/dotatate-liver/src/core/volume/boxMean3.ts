import type { ScalarVolume } from '../types';

/**
 * 3×3×3 moving average (voxels at the border average over the neighbours that exist), used to
 * calm PET noise before thresholds that look for organs. Values keep their units.
 */
export function boxMean3(volume: ScalarVolume): ScalarVolume {
  const [nx, ny, nz] = volume.dimensions;
  let current = Float32Array.from(volume.voxels);
  const strides = [1, nx, nx * ny];
  const sizes = [nx, ny, nz];
  for (let axis = 0; axis < 3; axis++) {
    const next = new Float32Array(current.length);
    const stride = strides[axis];
    const size = sizes[axis];
    for (let index = 0; index < current.length; index++) {
      const position = Math.floor(index / stride) % size;
      let sum = current[index];
      let n = 1;
      if (position > 0) {
        sum += current[index - stride];
        n++;
      }
      if (position < size - 1) {
        sum += current[index + stride];
        n++;
      }
      next[index] = sum / n;
    }
    current = next;
  }
  return { ...volume, voxels: current };
}
