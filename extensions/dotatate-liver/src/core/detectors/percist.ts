import type { Vec3 } from '../types';
import type { DetectorInput, DetectorStep, StepContext } from './DetectorStep';
import { liverReference } from '../reference/liverReference';
import { labelComponents3D } from '../volume/labelComponents3D';
import { fibonacciDirections } from './fibonacciDirections';
import { sampleTrilinear } from './sampleTrilinear';
import { edgeRadiusAlongRay } from './edgeRadiusAlongRay';
import { gaussianSmoothMm } from './gaussianSmoothMm';
import { candidatePeaks } from './candidatePeaks';
import { forEachVoxelInStar } from './paintStarRegion';

export interface PercistDetectorOptions {
  /** Rays cast from each lesion's peak. */
  rayCount?: number;
  /** Longest ray (mm) for an ordinary lesion: the edge search looks this far. */
  maxRadiusMm?: number;
  /**
   * Longest ray (mm) for a large lesion: when the smoothed uptake stays above half-way
   * between the peak and the liver mean for more than half of `maxRadiusMm` (median over the
   * rays), the search reaches twice that distance, up to this.
   */
  largestRadiusMm?: number;
  /** Lesions (painted 3D components) smaller than this many voxels are dropped as noise. */
  minSeedVoxels?: number;
  /** Lowest score a voxel inside a refined lesion gets (must survive binarisation at 0.05). */
  scoreFloor?: number;
  /** Gaussian smoothing (σ, mm) of the PET before peaks and edges are looked for. */
  smoothingSigmaMm?: number;
  /**
   * A peak's smoothed value must stand this many smoothed-liver SDs above the smoothed
   * liver mean (both measured in the reference spheres).
   */
  minContrastSd?: number;
  /**
   * Smallest edge radius (mm): a lesion found is at least this big around its peak. Below the
   * ~7 mm resolution of 68Ga PET an edge cannot be located; 6 mm keeps a small lesion's central
   * slice at five pixels (the paper's smallest filter) on 4–5 mm pixels.
   */
  minRadiusMm?: number;
  /** Look for edges on the smoothed PET (true) or the raw PET (false). */
  edgesOnSmoothed?: boolean;
  /**
   * Steepness g of a lesion's confidence 1 / (1 + (level / peak)^g), with `peak` its smoothed
   * peak and `level` the candidate level: 0.5 at the level, rising towards 1 without ever
   * saturating, so hotter lesions always rank higher.
   */
  confidenceSteepness?: number;
}

export const PERCIST_DETECTOR_VERSION = '2.0.0';

/**
 * The classical detector: PERCIST threshold, peaks and gradient edges, as the paper's gold
 * standard was made, made robust to 68Ga noise.
 * 1. The PET crop is smoothed (Gaussian, `smoothingSigmaMm`); the smoothed liver's mean and SD
 *    are measured in the same reference spheres as the PERCIST reference.
 * 2. Candidates are peaks of the smoothed PET inside the liver (local maxima over all 26
 *    neighbours, inside the liver or not: uptake spilling in from a hotter organ next to the
 *    liver has its peak outside and is ignored) whose smoothed value stands `minContrastSd`
 *    smoothed SDs above the smoothed liver mean and with a raw voxel at or next to the peak
 *    above the PERCIST threshold.
 * 3. From each peak (hottest first; a peak inside an earlier lesion is skipped), `rayCount` rays
 *    find the edge where the fall of uptake is steepest before the liver mean is reached
 *    (up to `maxRadiusMm`, or up to `largestRadiusMm` for a large lesion; at least
 *    `minRadiusMm`); the lesion is every liver voxel inside that star-shaped boundary.
 *    Lesions under `minSeedVoxels` voxels are dropped.
 * Score (graded, so that a precision–recall sweep means something): the lesion's confidence,
 * 1 / (1 + (level / peak)^confidenceSteepness) of its smoothed peak against the candidate level
 * (0.5 at the level, 0.94 at twice it for g = 4), times the voxel's own smoothed uptake above
 * the liver mean as a fraction of the peak's; never below `scoreFloor` inside a lesion; 0
 * elsewhere.
 */
export function percistDetector(options: PercistDetectorOptions = {}): DetectorStep {
  const parameters: Required<PercistDetectorOptions> = {
    rayCount: 64,
    maxRadiusMm: 30,
    largestRadiusMm: 90,
    minSeedVoxels: 2,
    scoreFloor: 0.1,
    smoothingSigmaMm: 3,
    minContrastSd: 3,
    minRadiusMm: 6,
    edgesOnSmoothed: false,
    confidenceSteepness: 4,
    ...options,
  };
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
  const smoothed = gaussianSmoothMm(pet, parameters.smoothingSigmaMm);
  const smoothedReference = liverReference({ ...pet, voxels: smoothed }, liver, reference.spheres.map((sphere) => sphere.centreLPS), reference.spheres[0]?.radiusMm ?? 15);
  const smoothedSd = Math.max(smoothedReference.sd, 1e-6 * Math.abs(smoothedReference.mean), Number.MIN_VALUE);
  const candidateLevel = smoothedReference.mean + parameters.minContrastSd * smoothedSd;
  const peaks = candidatePeaks(smoothed, pet.voxels, liver, { smoothedLevel: candidateLevel, rawLevel: reference.threshold });

  const edgeSource = parameters.edgesOnSmoothed ? smoothed : pet.voxels;
  const directions = fibonacciDirections(parameters.rayCount);
  const stepMm = Math.min(sx, sy, sz) / 2;
  const longest = Math.max(parameters.maxRadiusMm, parameters.largestRadiusMm);
  const profile = new Float64Array(Math.ceil(longest / stepMm) + 1);
  const radii = new Float64Array(directions.length);
  const halfWay = new Float64Array(directions.length);
  const sampleRay = (source: Float32Array, centre: Vec3, direction: Vec3, steps: number): number => {
    let length = 0;
    for (let s = 0; s < steps; s++) {
      const t = s * stepMm;
      const sample = sampleTrilinear(source, pet.dimensions, centre[0] + (t * direction[0]) / sx, centre[1] + (t * direction[1]) / sy, centre[2] + (t * direction[2]) / sz);
      if (Number.isNaN(sample)) break;
      profile[s] = sample;
      length = s + 1;
    }
    return length;
  };
  const scores = new Float32Array(pet.voxels.length);

  for (const [n, peak] of peaks.entries()) {
    if (context.isCancelled?.()) break;
    context.onProgress?.(n / peaks.length);
    if (scores[peak.index] > 0) continue;
    const centre: Vec3 = [peak.index % nx, Math.floor(peak.index / nx) % ny, Math.floor(peak.index / (nx * ny))];
    // How far the lesion reaches: where the smoothed uptake first falls half-way to the liver mean.
    const halfLevel = (peak.smoothedPeak + smoothedReference.mean) / 2;
    directions.forEach((direction, d) => {
      let s = 0;
      while (s < profile.length) {
        const t = s * stepMm;
        const sample = sampleTrilinear(smoothed, pet.dimensions, centre[0] + (t * direction[0]) / sx, centre[1] + (t * direction[1]) / sy, centre[2] + (t * direction[2]) / sz);
        if (!(sample > halfLevel)) break;
        s++;
      }
      halfWay[d] = s * stepMm;
    });
    const reach = Float64Array.from(halfWay).sort()[Math.floor(halfWay.length / 2)];
    const searchMm = Math.min(longest, Math.max(parameters.maxRadiusMm, 2 * reach));
    directions.forEach((direction, d) => {
      const length = sampleRay(edgeSource, centre, direction, Math.ceil(searchMm / stepMm) + 1);
      radii[d] = Math.max(parameters.minRadiusMm, edgeRadiusAlongRay(profile.subarray(0, length), stepMm, reference.mean));
    });
    const confidence = 1 / (1 + Math.pow(Math.max(candidateLevel, 0) / peak.smoothedPeak, parameters.confidenceSteepness));
    const span = Math.max(peak.smoothedPeak - smoothedReference.mean, Number.MIN_VALUE);
    forEachVoxelInStar(liver, centre, directions, radii, (index) => {
      const relative = Math.min(1, Math.max(0, (smoothed[index] - smoothedReference.mean) / span));
      const score = Math.max(parameters.scoreFloor, confidence * relative);
      if (score > scores[index]) scores[index] = score;
    });
  }
  dropSmallLesions(scores, input, parameters.minSeedVoxels);
  context.onProgress?.(1);
  return scores;
}

/** Zeroes painted 3D components (26-connected) smaller than `minVoxels`: isolated noise specks. */
function dropSmallLesions(scores: Float32Array, input: DetectorInput, minVoxels: number): void {
  if (minVoxels <= 1) return;
  const painted = Uint8Array.from(scores, (score) => (score > 0 ? 1 : 0));
  const { labels, sizes } = labelComponents3D({ ...input.liver, voxels: painted }, 26);
  for (let index = 0; index < scores.length; index++) if (labels[index] && sizes[labels[index]] < minVoxels) scores[index] = 0;
}
