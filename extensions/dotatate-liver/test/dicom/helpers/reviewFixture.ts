/**
 * A reviewed case on a small synthetic PET grid: three confirmed lesions (automatic, edited,
 * manual), one of them on non-contiguous slices, one rejected candidate, a liver reference.
 * Frames are 13 × 11 pixels, so a frame is not a whole number of bytes when bit packed.
 */
import type { LabelVolume, LesionStatistics, LiverReference } from '../../../src/core/types';
import { petSeriesFromDatasets, type ReferencedPetSeries } from '../../../src/dicom/petSeries';
import type { LesionSegmentInput } from '../../../src/dicom/segWriter';
import type { CandidateDecision } from '../../../src/dicom/srWriter';
import { syntheticPetInstances } from './syntheticPet';

export interface ReviewFixture {
  pet: ReferencedPetSeries;
  labels: LabelVolume;
  segments: LesionSegmentInput[];
  lesions: LesionStatistics[];
  decisions: CandidateDecision[];
  liverReference: LiverReference;
}

export const ALGORITHM = { name: 'dotatate-liver detector', version: '0.3.1' };

export function reviewFixture(columns = 13, rows = 11, slices = 7): ReviewFixture {
  const pet = petSeriesFromDatasets(syntheticPetInstances({ columns, rows, slices, shuffled: true }));
  const voxels = new Uint16Array(columns * rows * slices);
  const set = (i: number, j: number, k: number, label: number) => (voxels[i + j * columns + k * columns * rows] = label);
  // Lesion 4 (label 1): slices 1 and 4 only, with a gap between.
  [[2, 3, 1], [3, 3, 1], [2, 4, 1], [12, 10, 4], [11, 10, 4]].forEach(([i, j, k]) => set(i, j, k, 1));
  // Lesion 6 (label 2): slices 2-3, including the last pixel of a frame.
  [[6, 6, 2], [7, 6, 2], [6, 6, 3], [12, 10, 3]].forEach(([i, j, k]) => set(i, j, k, 2));
  // Lesion 11 (label 3), added by the reader on the first and last slices.
  [[0, 0, 0], [9, 2, slices - 1]].forEach(([i, j, k]) => set(i, j, k, 3));
  const stat = (id: number, base: number): LesionStatistics => ({
    id,
    centroidLPS: [Math.fround(-90.5 + base), Math.fround(-101.25), Math.fround(-296 + base)],
    voxels: 5,
    volumeMl: Math.fround(0.24 * base),
    suvMax: Math.fround(11.73 + base),
    suvMean: Math.fround(7.318 + base / 3),
    suvPeak: Math.fround(9.9041 + base / 7),
    totalLesionActivity: Math.fround((7.318 + base / 3) * 0.24 * base),
    longestAxialDiameterMm: 8,
    sliceRange: [1, 4],
    score: 0.87,
  });
  return {
    pet,
    labels: { ...pet.geometry, voxels },
    segments: [
      { labelValue: 1, lesionId: 4, label: 'Lesion 4', origin: 'automatic' },
      { labelValue: 2, lesionId: 6, label: 'Lesion 6', origin: 'edited' },
      { labelValue: 3, lesionId: 11, label: 'Lesion 11', origin: 'manual' },
    ],
    lesions: [stat(4, 1), stat(6, 2.5), stat(11, 0.75)],
    decisions: [
      { candidateId: 4, decision: 'accepted', score: 0.87 },
      { candidateId: 5, decision: 'rejected', reason: 'Physiological uptake (gallbladder)', score: 0.41 },
      { candidateId: 6, decision: 'accepted', score: 0.66 },
      { candidateId: 11, decision: 'added' },
    ],
    liverReference: { spheres: [], mean: Math.fround(5.91), sd: Math.fround(1.02), threshold: Math.fround(1.5 * 5.91 + 2 * 1.02) },
  };
}

export const SETTINGS = { detector: 'unet-2.5d', pixelFilterPx: 10, binarisationThreshold: 0.05, modelVersion: 'unet25d-2024.1' };
