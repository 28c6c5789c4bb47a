import type { MaskVolume } from '../types';

const FAR = 1e20;

/**
 * Exact Euclidean distance (mm) from every voxel centre to the nearest voxel where `target`
 * is non-zero, honouring anisotropic spacing (separable squared-distance transform of
 * Felzenszwalb & Huttenlocher). Voxels in the target get 0; with no target at all every
 * voxel gets Infinity. Distance to the mask's outside = distanceTransformMm(invert(mask)).
 */
export function distanceTransformMm(target: MaskVolume): Float32Array {
  const [nx, ny, nz] = target.dimensions;
  const squared = new Float64Array(nx * ny * nz);
  for (let index = 0; index < squared.length; index++) squared[index] = target.voxels[index] ? 0 : FAR;
  const longest = Math.max(nx, ny, nz);
  const line = new Float64Array(longest);
  const result = new Float64Array(longest);
  const vertices = new Int32Array(longest);
  const bounds = new Float64Array(longest + 1);
  const pass = (length: number, stride: number, start: number, spacing: number) => {
    for (let n = 0; n < length; n++) line[n] = squared[start + n * stride];
    lowerEnvelope(line, length, spacing * spacing, result, vertices, bounds);
    for (let n = 0; n < length; n++) squared[start + n * stride] = result[n];
  };
  const [sx, sy, sz] = target.spacing;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) pass(nx, 1, nx * (j + ny * k), sx);
  for (let k = 0; k < nz; k++) for (let i = 0; i < nx; i++) pass(ny, nx, i + nx * ny * k, sy);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) pass(nz, nx * ny, i + nx * j, sz);
  const distances = new Float32Array(squared.length);
  for (let index = 0; index < squared.length; index++) {
    distances[index] = squared[index] >= FAR / 2 ? Infinity : Math.sqrt(squared[index]);
  }
  return distances;
}

/**
 * 1D squared-distance transform: out[q] = min over finite p of (f[p] + w·(q − p)²), w = spacing².
 * Only finite samples enter the lower envelope of parabolas; a line with none stays FAR.
 */
function lowerEnvelope(
  f: Float64Array,
  length: number,
  weight: number,
  out: Float64Array,
  vertices: Int32Array,
  bounds: Float64Array,
): void {
  let count = -1;
  for (let q = 0; q < length; q++) {
    if (f[q] >= FAR) continue;
    if (count < 0) {
      count = 0;
      vertices[0] = q;
      bounds[0] = -Infinity;
      bounds[1] = Infinity;
      continue;
    }
    let s = intersection(f, weight, vertices[count], q);
    // bounds[0] is −∞, so the envelope never empties.
    while (s <= bounds[count]) {
      count--;
      s = intersection(f, weight, vertices[count], q);
    }
    count++;
    vertices[count] = q;
    bounds[count] = s;
    bounds[count + 1] = Infinity;
  }
  if (count < 0) {
    out.fill(FAR, 0, length);
    return;
  }
  let v = 0;
  for (let q = 0; q < length; q++) {
    while (bounds[v + 1] < q) v++;
    const p = vertices[v];
    out[q] = weight * (q - p) * (q - p) + f[p];
  }
}

/** Position where the parabolas rooted at p and q (p < q) meet. */
function intersection(f: Float64Array, weight: number, p: number, q: number): number {
  return (f[q] + weight * q * q - (f[p] + weight * p * p)) / (2 * weight * (q - p));
}
