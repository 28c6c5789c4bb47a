/**
 * Small analytic inputs for the review-state tests: a 12×12×12 grid with 4 mm voxels, boxes as
 * lesions, and statistics computed from a synthetic SUV field so that an edit really changes them.
 */
import type { LesionStatistics, Vec3 } from '../../src/core/types';
import type { DetectedCandidate, DetectionResult, ReviewCandidate, VoxelRegion } from '../../src/state';
import { createReviewStore, forEachRegionVoxel, regionFromMask, type ReviewStore } from '../../src/state';

export const GRID: Vec3 = [12, 12, 12];
const VOXEL_ML = 0.064; // 4 mm × 4 mm × 4 mm

/** A box of voxels [from, to) in IJK on the test grid. */
export function box(from: Vec3, to: Vec3): VoxelRegion {
  const voxels = new Uint8Array(GRID[0] * GRID[1] * GRID[2]);
  for (let k = from[2]; k < to[2]; k++)
    for (let j = from[1]; j < to[1]; j++) for (let i = from[0]; i < to[0]; i++) voxels[i + j * GRID[0] + k * GRID[0] * GRID[1]] = 1;
  return regionFromMask({ dimensions: GRID, spacing: [4, 4, 4], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], voxels });
}

/** Synthetic SUV: rises with i so every region has its own max and mean. */
function suvAt(index: number): number {
  return 1 + (index % GRID[0]);
}

/** Statistics of a region on the synthetic SUV field (centroid in LPS mm with 4 mm voxels). */
export function statisticsOf(region: VoxelRegion, id: number, score = 0.8): LesionStatistics {
  let count = 0;
  let sum = 0;
  let max = -Infinity;
  let minK = Infinity;
  let maxK = -Infinity;
  const centroid: Vec3 = [0, 0, 0];
  forEachRegionVoxel(region, (index) => {
    const i = index % GRID[0];
    const j = Math.floor(index / GRID[0]) % GRID[1];
    const k = Math.floor(index / (GRID[0] * GRID[1]));
    const suv = suvAt(index);
    count++;
    sum += suv;
    max = Math.max(max, suv);
    minK = Math.min(minK, k);
    maxK = Math.max(maxK, k);
    centroid[0] += i * 4;
    centroid[1] += j * 4;
    centroid[2] += k * 4;
  });
  const mean = sum / count;
  return {
    id,
    centroidLPS: [centroid[0] / count, centroid[1] / count, centroid[2] / count],
    voxels: count,
    volumeMl: count * VOXEL_ML,
    suvMax: max,
    suvMean: mean,
    suvPeak: (max + mean) / 2,
    totalLesionActivity: mean * count * VOXEL_ML,
    longestAxialDiameterMm: 0,
    sliceRange: [minK, maxK],
    score,
  };
}

export function detected(label: number, region: VoxelRegion, score = 0.8): DetectedCandidate {
  return { statistics: statisticsOf(region, label, score), region };
}

export function result(candidates: DetectedCandidate[], petSeriesInstanceUID = '1.2.826.0.1.3680043.8.498.1'): DetectionResult {
  return {
    info: {
      petSeriesInstanceUID,
      units: 'SUVbw',
      reference: { spheres: [], mean: 2, sd: 0.3, threshold: 3.6 },
      algorithm: { name: 'test detector', version: '0', settings: { pixelFilter: 15 } },
    },
    candidates,
  };
}

/** Five separate lesions, labels 1..5. */
export const LESION_BOXES: VoxelRegion[] = [
  box([0, 0, 0], [3, 3, 3]),
  box([5, 0, 0], [7, 2, 2]),
  box([9, 9, 0], [12, 12, 4]),
  box([0, 8, 6], [2, 10, 8]),
  box([6, 6, 8], [10, 10, 12]),
];

export function firstResult(): DetectionResult {
  return result(LESION_BOXES.map((region, index) => detected(index + 1, region, 0.5 + index * 0.1)));
}

export function storeWithStatistics(): ReviewStore {
  return createReviewStore({ computeStatistics: (region, previous) => statisticsOf(region, previous?.id ?? 0) });
}

/** Requests a run and completes it with `detection`; fails the test if the store refuses. */
export function runDetection(store: ReviewStore, detection: DetectionResult): void {
  const runId = store.requestRun();
  if (runId === null) throw new Error('the run was not started');
  const outcome = store.completeRun(runId, detection);
  if (!outcome.applied) throw new Error(`the run was not applied: ${outcome.notice}`);
}

export function byId(store: ReviewStore, id: number): ReviewCandidate {
  const candidate = store.getState().candidates.find((c) => c.id === id);
  if (!candidate) throw new Error(`no candidate ${id}`);
  return candidate;
}
