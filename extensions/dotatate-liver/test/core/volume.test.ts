import { ijkToLps, lpsToIjk, cropVolume, expandBox, boundingBoxOfMask, distanceTransformMm, erodeMaskMm, pasteIntoVolume, resampleVolume, sphereOffsets } from '../../src/core/volume';
import type { MaskVolume, ScalarVolume, Vec3, VolumeGeometry } from '../../src/core/types';
import { grid, sphereMask } from './helpers/analyticVolumes';

const oblique: VolumeGeometry = {
  dimensions: [10, 12, 8],
  spacing: [2, 3, 5],
  origin: [-100, 50, 20],
  // Rotated 30° about the slice axis, slices along −z (feet first).
  direction: [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0, -Math.sin(Math.PI / 6), Math.cos(Math.PI / 6), 0, 0, 0, -1],
};

describe('IJK ↔ LPS', () => {
  it('maps voxel (0,0,0) to the origin and steps by spacing along each direction', () => {
    expect(ijkToLps(oblique, [0, 0, 0])).toEqual([-100, 50, 20]);
    const step = ijkToLps(oblique, [0, 0, 1]);
    expect(step[2]).toBeCloseTo(15, 10);
    const diagonal = ijkToLps(oblique, [1, 0, 0]);
    expect(Math.hypot(diagonal[0] + 100, diagonal[1] - 50, diagonal[2] - 20)).toBeCloseTo(2, 10);
  });

  it('round-trips fractional indices through an oblique direction', () => {
    const ijk: Vec3 = [3.25, 7.5, 2.75];
    const back = lpsToIjk(oblique, ijkToLps(oblique, ijk));
    back.forEach((value, axis) => expect(value).toBeCloseTo(ijk[axis], 10));
  });
});

describe('crop, expand and paste', () => {
  const geometry = grid([20, 16, 12], [2, 2, 4]);
  const volume: ScalarVolume = { ...geometry, voxels: Float32Array.from({ length: 20 * 16 * 12 }, (_, n) => n) };

  it('keeps LPS positions and values under cropping', () => {
    const box = { min: [3, 4, 5] as Vec3, max: [10, 9, 8] as Vec3 };
    const crop = cropVolume(volume, box);
    expect(crop.dimensions).toEqual([8, 6, 4]);
    expect(crop.voxels).toBeInstanceOf(Float32Array);
    const lpsInCrop = ijkToLps(crop, [2, 1, 3]);
    expect(lpsInCrop).toEqual(ijkToLps(volume, [5, 5, 8]));
    expect(crop.voxels[2 + 8 * (1 + 6 * 3)]).toBe(volume.voxels[5 + 20 * (5 + 16 * 8)]);
    const blank: ScalarVolume = { ...geometry, voxels: new Float32Array(volume.voxels.length) };
    pasteIntoVolume(crop, box, blank);
    expect(blank.voxels[5 + 20 * (5 + 16 * 8)]).toBe(volume.voxels[5 + 20 * (5 + 16 * 8)]);
    expect(blank.voxels[0]).toBe(0);
  });

  it('grows a box by a margin in mm per axis and clips it to the grid', () => {
    const box = expandBox({ min: [1, 5, 5], max: [18, 10, 6] }, geometry, 5);
    expect(box).toEqual({ min: [0, 2, 3], max: [19, 13, 8] });
  });

  it('finds the bounding box of a mask, and none for an empty one', () => {
    const mask: MaskVolume = { ...geometry, voxels: new Uint8Array(20 * 16 * 12) };
    expect(boundingBoxOfMask(mask)).toBeNull();
    mask.voxels[4 + 20 * (6 + 16 * 7)] = 1;
    mask.voxels[9 + 20 * (2 + 16 * 3)] = 1;
    expect(boundingBoxOfMask(mask)).toEqual({ min: [4, 2, 3], max: [9, 6, 7] });
  });
});

describe('distance transform and erosion', () => {
  it('equals brute-force Euclidean distances on an anisotropic grid', () => {
    const geometry = grid([9, 7, 5], [1.5, 1, 3]);
    const target = new Uint8Array(9 * 7 * 5);
    const seeds = [[1, 1, 0], [7, 5, 4], [4, 3, 2]];
    for (const [i, j, k] of seeds) target[i + 9 * (j + 7 * k)] = 1;
    const distance = distanceTransformMm({ ...geometry, voxels: target });
    for (let k = 0; k < 5; k++)
      for (let j = 0; j < 7; j++)
        for (let i = 0; i < 9; i++) {
          const expected = Math.min(...seeds.map(([a, b, c]) => Math.hypot((i - a) * 1.5, (j - b) * 1, (k - c) * 3)));
          expect(distance[i + 9 * (j + 7 * k)]).toBeCloseTo(expected, 4);
        }
  });

  it('gives Infinity everywhere when there is no target', () => {
    const distance = distanceTransformMm({ ...grid([3, 3, 3], [1, 1, 1]), voxels: new Uint8Array(27) });
    expect([...distance].every((d) => d === Infinity)).toBe(true);
  });

  it('erodes a 20 mm ball by 5 mm into a 15 mm ball', () => {
    const geometry = grid([47, 47, 47], [1, 1, 1]);
    const eroded = erodeMaskMm(sphereMask(geometry, [0, 0, 0], 20), 5);
    const expected = sphereMask(geometry, [0, 0, 0], 15);
    let differing = 0;
    let count = 0;
    for (let index = 0; index < eroded.voxels.length; index++) {
      if (eroded.voxels[index] !== expected.voxels[index]) differing++;
      count += expected.voxels[index];
    }
    expect(differing / count).toBeLessThan(0.03);
  });
});

describe('resampling and sphere offsets', () => {
  it('keeps a linear ramp linear when halving the spacing', () => {
    const geometry = grid([5, 4, 3], [2, 2, 2]);
    const voxels = new Float32Array(60);
    for (let k = 0; k < 3; k++) for (let j = 0; j < 4; j++) for (let i = 0; i < 5; i++) voxels[i + 5 * (j + 4 * k)] = 3 * i + j;
    const fine = resampleVolume({ ...geometry, voxels }, [1, 1, 1]);
    expect(fine.dimensions).toEqual([9, 7, 5]);
    expect(fine.origin).toEqual(geometry.origin);
    expect(fine.voxels[3 + 9 * (5 + 7 * 2)]).toBeCloseTo(3 * 1.5 + 2.5, 5);
  });

  it('counts the voxels of a ball', () => {
    expect(sphereOffsets(1, [1, 1, 1]).count).toBe(7);
    expect(sphereOffsets(0.5, [1, 1, 1]).count).toBe(1);
  });
});
