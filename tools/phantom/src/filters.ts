import type { Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';

/** Normalised 1D Gaussian kernel for `sigma` voxels, truncated at 3 sigma. */
export function gaussianKernel(sigma: number): Float32Array {
  if (sigma <= 0) return Float32Array.of(1);
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let n = -radius; n <= radius; n++) {
    const weight = Math.exp((-n * n) / (2 * sigma * sigma));
    kernel[n + radius] = weight;
    sum += weight;
  }
  for (let n = 0; n < kernel.length; n++) kernel[n] /= sum;
  return kernel;
}

export function fwhmToSigma(fwhm: number): number {
  return fwhm / (2 * Math.sqrt(2 * Math.LN2));
}

/**
 * Separable 3D Gaussian blur of a volume stored x fastest (index = i + j*nx + k*nx*ny), sigma in
 * voxels per axis, edges replicated. Returns a new array; the input is not changed.
 */
export function gaussianBlur3D(data: Float32Array, dimensions: Vec3, sigmaVoxels: Vec3): Float32Array {
  let current = Float32Array.from(data);
  let scratch = new Float32Array(data.length);
  const strides: Vec3 = [1, dimensions[0], dimensions[0] * dimensions[1]];
  for (let axis = 0; axis < 3; axis++) {
    if (sigmaVoxels[axis] <= 0 || dimensions[axis] < 2) continue;
    convolveAxis(current, scratch, dimensions, strides, axis, gaussianKernel(sigmaVoxels[axis]));
    [current, scratch] = [scratch, current];
  }
  return current;
}

function convolveAxis(source: Float32Array, target: Float32Array, dimensions: Vec3, strides: Vec3, axis: number, kernel: Float32Array): void {
  const length = dimensions[axis];
  const stride = strides[axis];
  const radius = (kernel.length - 1) / 2;
  const taps = kernel.length;
  // The line is copied with `radius` replicated edge values on each side, so the inner loop has no bounds checks.
  const padded = new Float32Array(length + 2 * radius);
  const [a, b] = [0, 1, 2].filter((other) => other !== axis);
  for (let q = 0; q < dimensions[b]; q++) {
    for (let p = 0; p < dimensions[a]; p++) {
      const base = p * strides[a] + q * strides[b];
      for (let n = 0; n < length; n++) padded[n + radius] = source[base + n * stride];
      const first = padded[radius];
      const last = padded[radius + length - 1];
      for (let n = 0; n < radius; n++) {
        padded[n] = first;
        padded[radius + length + n] = last;
      }
      for (let n = 0; n < length; n++) {
        let sum = 0;
        for (let t = 0; t < taps; t++) sum += kernel[t] * padded[n + t];
        target[base + n * stride] = sum;
      }
    }
  }
}

/** Variance of unit white noise after `gaussianBlur3D` with these sigmas (away from edges). */
export function blurredNoiseVariance(sigmaVoxels: Vec3): number {
  let variance = 1;
  for (const sigma of sigmaVoxels) {
    const kernel = gaussianKernel(sigma);
    let sumSquares = 0;
    for (const weight of kernel) sumSquares += weight * weight;
    variance *= sumSquares;
  }
  return variance;
}
