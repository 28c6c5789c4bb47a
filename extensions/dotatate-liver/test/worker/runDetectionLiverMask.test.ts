/**
 * The worker's handling of the reader's edited liver (`options.liverMask`), through the real core:
 * the mask is used as given (source 'edited', the same voxels come back), a mask too small for the
 * three PERCIST spheres and a mask on another grid are refused with a reason.
 */
import type { PetVolume, Vec3 } from '../../src/core/types';
import { regionVoxelCount, type VoxelRegion } from '../../src/state/voxelRegion';
import type { DetectRequest } from '../../src/worker/protocol';
import { runDetection } from '../../src/worker/runDetection';

/** 40 × 40 × 24 voxels of 4 mm, uniform uptake 2 (a calm liver) on 0.5 background. */
const DIMENSIONS: Vec3 = [40, 40, 24];

function pet(): PetVolume {
  const voxels = new Float32Array(DIMENSIONS[0] * DIMENSIONS[1] * DIMENSIONS[2]).fill(0.5);
  forBox([4, 4, 4], [35, 35, 19], (index) => (voxels[index] = 2));
  return { dimensions: [...DIMENSIONS], spacing: [4, 4, 4], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], units: 'SUVbw', seriesInstanceUID: '1.2.3', voxels };
}

function forBox(min: Vec3, max: Vec3, visit: (index: number) => void) {
  const [nx, ny] = DIMENSIONS;
  for (let k = min[2]; k <= max[2]; k++) for (let j = min[1]; j <= max[1]; j++) for (let i = min[0]; i <= max[0]; i++) visit(i + nx * (j + ny * k));
}

/** A box of voxels as a region (runs along i). */
function boxRegion(min: Vec3, max: Vec3, dimensions: Vec3 = DIMENSIONS): VoxelRegion {
  const runs: number[] = [];
  const [nx, ny] = dimensions;
  for (let k = min[2]; k <= max[2]; k++) for (let j = min[1]; j <= max[1]; j++) runs.push(min[0] + nx * (j + ny * k), max[0] - min[0] + 1);
  return { dimensions: [...dimensions], runs };
}

function request(liverMask: VoxelRegion): DetectRequest {
  const volume = pet();
  return { type: 'detect', runId: 1, pet: { ...volume }, options: { detector: 'percist', filterPx: 5, liverMask } };
}

test('an edited liver is used as given: source edited, the same voxels and their volume come back, three spheres inside it', async () => {
  const edited = boxRegion([4, 4, 4], [27, 35, 19]); // the reader erased the liver's left quarter
  const detection = await runDetection(request(edited), () => undefined);
  expect(detection.liver.source).toBe('edited');
  expect(detection.liver.region).toEqual(edited);
  expect(detection.liver.volumeMl).toBeCloseTo(regionVoxelCount(edited) * 0.064, 6);
  expect(detection.reference.spheres).toHaveLength(3);
  // Every sphere centre lies inside the edited box (LPS = 4 mm × IJK here).
  for (const sphere of detection.reference.spheres) expect(sphere.centreLPS[0]).toBeLessThanOrEqual(27 * 4);
});

test('an edited liver too small for three 3 cm spheres is refused with the reason', async () => {
  await expect(runDetection(request(boxRegion([10, 10, 8], [19, 19, 12])), () => undefined)).rejects.toThrow(
    /The edited liver mask is too small for the reference: only [0-2] of 3 3 cm spheres fit/,
  );
});

test('an edited liver on another grid is refused', async () => {
  await expect(runDetection(request(boxRegion([0, 0, 0], [5, 5, 5], [10, 10, 10])), () => undefined)).rejects.toThrow(/on a 10 × 10 × 10 grid, the PET on 40 × 40 × 24/);
});
