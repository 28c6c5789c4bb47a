/**
 * A reviewed study on a small synthetic PET series: real PET headers (the DICOM tests' synthetic
 * series), an analytic SUV field on the same grid, candidates with the core's own statistics, and
 * a review store driven through the reader's actions (accept, reject with a reason, edit, add).
 */
import { lesionStatistics } from '../../../src/core/stats';
import type { LesionStatistics, ScalarVolume, Vec3 } from '../../../src/core/types';
import { petSeriesFromDatasets, type NaturalizedDataset, type ReferencedPetSeries } from '../../../src/dicom';
import {
  createReviewStore,
  paintRegion,
  regionFromMask,
  type DetectionResult,
  type ReviewStore,
  type VoxelRegion,
} from '../../../src/state';
import { syntheticPetInstances } from '../../dicom/helpers/syntheticPet';

export const COLUMNS = 13;
export const ROWS = 11;
export const SLICES = 7;

export interface SyntheticStudy {
  petInstances: NaturalizedDataset[];
  pet: ReferencedPetSeries;
  suv: ScalarVolume;
}

export function syntheticStudy(): SyntheticStudy {
  const petInstances = syntheticPetInstances({ columns: COLUMNS, rows: ROWS, slices: SLICES, shuffled: true });
  const pet = petSeriesFromDatasets(petInstances);
  const voxels = new Float32Array(COLUMNS * ROWS * SLICES);
  // Uptake that differs from voxel to voxel, so every lesion has its own max, mean and peak.
  for (let index = 0; index < voxels.length; index++) voxels[index] = Math.fround(1.5 + ((index * 7919) % 97) / 10);
  return { petInstances, pet, suv: { ...pet.geometry, voxels } };
}

/** A box of voxels [from, to) in IJK on the synthetic grid. */
export function box(from: Vec3, to: Vec3): VoxelRegion {
  const voxels = new Uint8Array(COLUMNS * ROWS * SLICES);
  for (let k = from[2]; k < to[2]; k++)
    for (let j = from[1]; j < to[1]; j++) for (let i = from[0]; i < to[0]; i++) voxels[i + j * COLUMNS + k * COLUMNS * ROWS] = 1;
  return regionFromMask({ dimensions: [COLUMNS, ROWS, SLICES], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], voxels });
}

/** The core's statistics of one region on the synthetic SUV field. */
export function statisticsOf(study: SyntheticStudy, region: VoxelRegion, id: number, score = 0.8): LesionStatistics {
  const labels = new Uint16Array(COLUMNS * ROWS * SLICES);
  paintRegion(region, labels, 1);
  const [statistics] = lesionStatistics(study.suv, labels);
  return { ...statistics, id, score };
}

export const CANDIDATE_BOXES: [Vec3, Vec3][] = [
  [[1, 1, 0], [4, 3, 2]],
  [[6, 2, 1], [8, 4, 4]],
  [[9, 6, 3], [12, 10, 6]],
  [[2, 7, 5], [4, 9, 7]],
];

export function detection(study: SyntheticStudy): DetectionResult {
  return {
    info: {
      petSeriesInstanceUID: study.pet.seriesInstanceUID,
      units: 'SUVbw',
      reference: { spheres: [], mean: Math.fround(2.41), sd: Math.fround(0.37), threshold: Math.fround(1.5 * 2.41 + 2 * 0.37) },
      algorithm: { name: 'dotatate-liver', version: '0.1.0', settings: { detector: 'classical', pixelFilterPx: 15 } },
    },
    candidates: CANDIDATE_BOXES.map(([from, to], index) => {
      const region = box(from, to);
      return { statistics: statisticsOf(study, region, index + 1, 0.6 + index * 0.1), region };
    }),
  };
}

/**
 * Candidates 1..4 detected; the reader accepts 1 and 3, rejects 2 (physiologic uptake, with a
 * note), edits 3's boundary, leaves 4 pending and adds lesion 5.
 */
export function reviewedStore(study: SyntheticStudy): ReviewStore {
  const store = createReviewStore({ computeStatistics: (region, previous) => statisticsOf(study, region, previous?.id ?? 0) });
  const runId = store.requestRun();
  if (runId === null) throw new Error('the run did not start');
  const outcome = store.completeRun(runId, detection(study));
  if (!outcome.applied) throw new Error(`the run was refused: ${outcome.notice}`);
  const expectApplied = (result: { applied: boolean; notice: string | null }) => {
    if (!result.applied) throw new Error(`a review action was refused: ${result.notice}`);
  };
  expectApplied(store.accept(1));
  expectApplied(store.reject(2, 'physiologic-uptake', 'gallbladder'));
  expectApplied(store.accept(3));
  expectApplied(store.editBoundary(3, box([9, 6, 3], [11, 9, 5])));
  expectApplied(store.addLesion(box([5, 7, 0], [7, 9, 2])));
  return store;
}
