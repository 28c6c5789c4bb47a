import type { MaskVolume, Vec3 } from '../types';
import type { DetectorInput, DetectorStep, StepContext } from './DetectorStep';
import { labelComponents3D } from '../volume/labelComponents3D';
import { fibonacciDirections } from './fibonacciDirections';
import { sampleTrilinear } from './sampleTrilinear';
import { edgeRadiusAlongRay } from './edgeRadiusAlongRay';

export interface PercistDetectorOptions {
  /** Rays cast from each lesion's peak. */
  rayCount?: number;
  /** Longest ray (mm): the largest lesion radius the edge search considers. */
  maxRadiusMm?: number;
  /** Candidate components smaller than this (voxels above threshold) are ignored. */
  minSeedVoxels?: number;
  /** Lowest score a voxel inside a refined lesion gets (must survive binarisation). */
  scoreFloor?: number;
}

export const PERCIST_DETECTOR_VERSION = '1.0.0';

/**
 * The classical detector, as the paper's gold standard was made: voxels inside the liver above
 * the PERCIST threshold are grouped into 3D candidates (26-connected); from each candidate's
 * peak, rays (`rayCount`, evenly spread in mm space) find the edge where the fall of uptake is
 * steepest before the liver background is reached; the lesion is every liver voxel within that
 * star-shaped boundary (the nearest ray's edge radius). Score of a lesion voxel:
 * clamp(0.5 × value / threshold, scoreFloor, 1), so the threshold maps to 0.5 and twice the
 * threshold to 1; every other voxel scores 0.
 */
export function percistDetector(options: PercistDetectorOptions = {}): DetectorStep {
  const parameters = { rayCount: 64, maxRadiusMm: 30, minSeedVoxels: 1, scoreFloor: 0.1, ...options };
  return {
    name: 'percist',
    version: PERCIST_DETECTOR_VERSION,
    parameters,
    run: (input, context) => percistScoreMap(input, parameters, context),
  };
}

function percistScoreMap(input: DetectorInput, parameters: Required<PercistDetectorOptions>, context: StepContext): Float32Array {
  const { pet, liver, reference } = input;
  const [nx, ny] = pet.dimensions;
  const [sx, sy, sz] = pet.spacing;
  const values = pet.voxels;
  const scores = new Float32Array(values.length);
  const above = new Uint8Array(values.length);
  for (let index = 0; index < values.length; index++) above[index] = liver.voxels[index] && values[index] > reference.threshold ? 1 : 0;
  const candidates = labelComponents3D({ ...liver, voxels: above }, 26);
  const peaks = peakOfEachComponent(candidates.labels, candidates.count, values);
  const directions = fibonacciDirections(parameters.rayCount);
  const stepMm = Math.min(sx, sy, sz) / 2;
  const steps = Math.ceil(parameters.maxRadiusMm / stepMm) + 1;
  const profile = new Float64Array(steps);
  const radii = new Float64Array(directions.length);

  for (let label = 1; label <= candidates.count; label++) {
    if (context.isCancelled?.()) break;
    context.onProgress?.((label - 1) / candidates.count);
    if (candidates.sizes[label] < parameters.minSeedVoxels) continue;
    const peak = peaks[label];
    const pi = peak % nx;
    const pj = Math.floor(peak / nx) % ny;
    const pk = Math.floor(peak / (nx * ny));
    directions.forEach((direction, d) => {
      let length = 0;
      for (let n = 0; n < steps; n++) {
        const t = n * stepMm;
        const sample = sampleTrilinear(values, pet.dimensions, pi + (t * direction[0]) / sx, pj + (t * direction[1]) / sy, pk + (t * direction[2]) / sz);
        if (Number.isNaN(sample)) break;
        profile[n] = sample;
        length = n + 1;
      }
      radii[d] = edgeRadiusAlongRay(profile.subarray(0, length), stepMm, reference.mean);
    });
    paintStarRegion(scores, [pi, pj, pk], directions, radii, parameters, input, liver);
  }
  context.onProgress?.(1);
  return scores;
}

/** Index of the highest value in each labelled component (peaks[label]). */
function peakOfEachComponent(labels: Int32Array, count: number, values: Float32Array): Int32Array {
  const peaks = new Int32Array(count + 1).fill(-1);
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    if (label && (peaks[label] < 0 || values[index] > values[peaks[label]])) peaks[label] = index;
  }
  return peaks;
}

/** Scores every liver voxel within the star-shaped boundary around the peak (IJK). */
function paintStarRegion(
  scores: Float32Array,
  peak: Vec3,
  directions: Vec3[],
  radii: Float64Array,
  parameters: Required<PercistDetectorOptions>,
  input: DetectorInput,
  liver: MaskVolume,
): void {
  const { pet, reference } = input;
  const [nx, ny, nz] = pet.dimensions;
  const spacing = pet.spacing;
  let largest = 0;
  for (const radius of radii) largest = Math.max(largest, radius);
  const reach = spacing.map((s) => Math.ceil(largest / s));
  for (let k = Math.max(0, peak[2] - reach[2]); k <= Math.min(nz - 1, peak[2] + reach[2]); k++) {
    for (let j = Math.max(0, peak[1] - reach[1]); j <= Math.min(ny - 1, peak[1] + reach[1]); j++) {
      for (let i = Math.max(0, peak[0] - reach[0]); i <= Math.min(nx - 1, peak[0] + reach[0]); i++) {
        const index = i + nx * (j + ny * k);
        if (!liver.voxels[index]) continue;
        const x = (i - peak[0]) * spacing[0];
        const y = (j - peak[1]) * spacing[1];
        const z = (k - peak[2]) * spacing[2];
        const distance = Math.hypot(x, y, z);
        if (distance > 0 && distance > radiusTowards(directions, radii, x / distance, y / distance, z / distance)) continue;
        const score = Math.min(1, Math.max(parameters.scoreFloor, (0.5 * pet.voxels[index]) / reference.threshold));
        if (score > scores[index]) scores[index] = score;
      }
    }
  }
}

/** Edge radius of the ray closest in angle to the unit direction (x, y, z). */
function radiusTowards(directions: Vec3[], radii: Float64Array, x: number, y: number, z: number): number {
  let best = -2;
  let radius = 0;
  for (let d = 0; d < directions.length; d++) {
    const dot = directions[d][0] * x + directions[d][1] * y + directions[d][2] * z;
    if (dot > best) {
      best = dot;
      radius = radii[d];
    }
  }
  return radius;
}
