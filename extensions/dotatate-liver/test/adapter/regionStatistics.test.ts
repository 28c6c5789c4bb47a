import { growLesionAtThreshold, regionFromSortedIndices, statisticsOfRegion } from '../../src/adapter/regionStatistics';
import type { PetVolume } from '../../src/core/types';
import { regionVoxelCount } from '../../src/state/voxelRegion';

/** 20 × 20 × 10 voxels of 2 mm, background 1, a 3 × 3 × 3 hot cube of 10 at (10, 10, 5) and a hot voxel of 10 at (2, 2, 2). */
function phantom(): PetVolume {
  const dimensions: [number, number, number] = [20, 20, 10];
  const voxels = new Float32Array(4000).fill(1);
  for (let k = 4; k <= 6; k++) for (let j = 9; j <= 11; j++) for (let i = 9; i <= 11; i++) voxels[i + 20 * (j + 20 * k)] = 10;
  voxels[2 + 20 * (2 + 20 * 2)] = 10;
  return { dimensions, spacing: [2, 2, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], voxels, units: 'SUVbw', seriesInstanceUID: 's' };
}

test('a click near a hot spot grows its voxels above the threshold, and only those', () => {
  const pet = phantom();
  // Click 4 mm off the cube's centre (LPS = IJK × 2 mm here).
  const region = growLesionAtThreshold(pet, [24, 20, 10], 5);
  expect(regionVoxelCount(region)).toBe(27);
  const statistics = statisticsOfRegion(pet, region, null);
  expect(statistics.suvMax).toBe(10);
  expect(statistics.centroidLPS).toEqual([20, 20, 10]);
  expect(statistics.sliceRange).toEqual([4, 6]);
  expect(statistics.score).toBe(1);
});

test('a click with nothing above the threshold nearby, or outside the PET, says so', () => {
  const pet = phantom();
  expect(() => growLesionAtThreshold(pet, [30, 30, 16], 5)).toThrow(/No uptake reaches the PERCIST threshold \(5\.00\) within 10 mm/);
  expect(() => growLesionAtThreshold(pet, [-50, 0, 0], 5)).toThrow('The click lies outside the PET volume.');
});

test('an edit keeps the candidate id and score; a region on another grid is refused', () => {
  const pet = phantom();
  const region = regionFromSortedIndices(pet.dimensions, [2 + 20 * (2 + 20 * 2)]);
  const previous = { id: 7, statistics: { score: 0.4 } } as Parameters<typeof statisticsOfRegion>[2];
  const statistics = statisticsOfRegion(pet, region, previous);
  expect(statistics.id).toBe(7);
  expect(statistics.score).toBe(0.4);
  expect(statistics.voxels).toBe(1);
  expect(() => statisticsOfRegion(pet, regionFromSortedIndices([5, 5, 5], [0]), null)).toThrow('not on the PET grid');
});

test('sorted indices become runs', () => {
  expect(regionFromSortedIndices([10, 1, 1], [1, 2, 3, 7, 9]).runs).toEqual([1, 3, 7, 1, 9, 1]);
});
