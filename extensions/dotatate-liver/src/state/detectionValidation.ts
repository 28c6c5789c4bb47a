/**
 * Checks what enters the review from outside (a detection result, new statistics) and says what
 * is wrong in words, so a bad result fails the run with a message instead of corrupting decisions.
 */
import type { LesionStatistics } from '../core/types';
import type { DetectionResult } from './reviewTypes';
import { describeInvalidRegion, sameGrid } from './voxelRegion';

const FINITE_STATISTICS: readonly (keyof LesionStatistics)[] = [
  'voxels',
  'volumeMl',
  'suvMax',
  'suvMean',
  'suvPeak',
  'totalLesionActivity',
  'longestAxialDiameterMm',
  'score',
];

/** Why these statistics are unusable; null when they are fine. */
export function describeInvalidStatistics(statistics: unknown): string | null {
  if (typeof statistics !== 'object' || statistics === null) return 'the statistics are missing';
  const record = statistics as Record<string, unknown>;
  for (const key of FINITE_STATISTICS) {
    if (typeof record[key] !== 'number' || !Number.isFinite(record[key])) return `the statistic ${key} is not a finite number`;
  }
  const centroid = record.centroidLPS;
  if (!Array.isArray(centroid) || centroid.length !== 3 || !centroid.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return 'the centroid is not three finite LPS coordinates (mm)';
  }
  const slices = record.sliceRange;
  if (!Array.isArray(slices) || slices.length !== 2 || !slices.every(Number.isInteger) || slices[0] > slices[1]) {
    return 'the slice range is not two ordered slice indices';
  }
  return null;
}

/** Why a detection result cannot enter the review; null when it can. */
export function describeInvalidDetectionResult(result: DetectionResult | null | undefined): string | null {
  if (!result || typeof result !== 'object') return 'The detection returned no result.';
  if (!result.info || typeof result.info.petSeriesInstanceUID !== 'string' || result.info.petSeriesInstanceUID === '') {
    return 'The detection result does not name its PET series.';
  }
  if (!Array.isArray(result.candidates)) return 'The detection result has no list of candidates.';
  const labels = new Set<number>();
  for (const [position, candidate] of result.candidates.entries()) {
    const label = candidate?.statistics?.id;
    const where = `Candidate ${Number.isInteger(label) ? label : `#${position + 1}`}`;
    if (!Number.isInteger(label) || label < 1) return `${where} has no positive integer label.`;
    if (labels.has(label)) return `Two candidates carry the same label ${label}.`;
    labels.add(label);
    const statisticsProblem = describeInvalidStatistics(candidate.statistics);
    if (statisticsProblem) return `${where}: ${statisticsProblem}.`;
    const regionProblem = describeInvalidRegion(candidate.region);
    if (regionProblem) return `${where}: ${regionProblem}.`;
    if (!sameGrid(candidate.region, result.candidates[0].region)) return `${where} lies on a different voxel grid from the others.`;
  }
  return null;
}
