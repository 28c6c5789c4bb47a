import type { LabelVolume, Vec3 } from '../../src/core/types';
import {
  detectedCandidatesFromLabelVolume,
  describeInvalidRegion,
  forEachRegionVoxel,
  paintRegion,
  regionFromLabel,
  regionFromMask,
  regionIntersectionCount,
  regionIoU,
  regionsFromLabelVolume,
  regionVoxelCount,
} from '../../src/state';

const DIMS: Vec3 = [9, 7, 5];
const N = DIMS[0] * DIMS[1] * DIMS[2];
const geometry = { dimensions: DIMS, spacing: [2, 2, 3] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as LabelVolume['direction'] };

/** Deterministic pseudo-random labels 0..3 in runs of 1–6 voxels (mulberry32 generator). */
function randomLabels(seed: number): Uint16Array {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const labels = new Uint16Array(N);
  let index = 0;
  while (index < N) {
    const length = 1 + Math.floor(next() * 6);
    labels.fill(Math.floor(next() * 4), index, Math.min(N, index + length));
    index += length;
  }
  return labels;
}

describe('voxel regions', () => {
  it('hold exactly the voxels of a label, whichever way they are built', () => {
    const labels: LabelVolume = { ...geometry, voxels: randomLabels(7) };
    const all = regionsFromLabelVolume(labels);
    for (const label of [1, 2, 3]) {
      const region = regionFromLabel(labels, label);
      expect(all.get(label)).toEqual(region);
      const seen: number[] = [];
      forEachRegionVoxel(region, (index) => seen.push(index));
      const expected = [...labels.voxels.keys()].filter((i) => labels.voxels[i] === label);
      expect(seen).toEqual(expected);
      expect(regionVoxelCount(region)).toBe(expected.length);
    }
    expect(all.has(0)).toBe(false);
  });

  it('count shared voxels and IoU as a voxel-by-voxel comparison does', () => {
    for (const seed of [1, 2, 3]) {
      const a = new Uint8Array(randomLabels(seed).map((v) => (v >= 2 ? 1 : 0)));
      const b = new Uint8Array(randomLabels(seed + 10).map((v) => (v % 2 === 1 ? 1 : 0)));
      const regionA = regionFromMask({ ...geometry, voxels: a });
      const regionB = regionFromMask({ ...geometry, voxels: b });
      let shared = 0;
      let union = 0;
      for (let i = 0; i < N; i++) {
        if (a[i] && b[i]) shared++;
        if (a[i] || b[i]) union++;
      }
      expect(regionIntersectionCount(regionA, regionB)).toBe(shared);
      expect(regionIntersectionCount(regionB, regionA)).toBe(shared);
      expect(regionIoU(regionA, regionB)).toBeCloseTo(shared / union, 12);
    }
  });

  it('share nothing across different grids', () => {
    const a = regionFromMask({ ...geometry, voxels: new Uint8Array(N).fill(1) });
    const b = { dimensions: [9, 7, 6] as Vec3, runs: [0, 10] };
    expect(regionIntersectionCount(a, b)).toBe(0);
  });

  it('paint back into a mask identical to the one they came from', () => {
    const mask = new Uint8Array(randomLabels(5).map((v) => (v === 3 ? 1 : 0)));
    const painted = new Uint8Array(N);
    paintRegion(regionFromMask({ ...geometry, voxels: mask }), painted, 1);
    expect(painted).toEqual(mask);
  });

  it('explain what is wrong with a malformed region', () => {
    expect(describeInvalidRegion({ dimensions: DIMS, runs: [0, 3, 10, 2] })).toBeNull();
    expect(describeInvalidRegion(null)).toMatch(/missing/);
    expect(describeInvalidRegion({ dimensions: [9, 7], runs: [0, 1] })).toMatch(/grid dimensions/);
    expect(describeInvalidRegion({ dimensions: DIMS, runs: [0, 1, 5] })).toMatch(/pairs/);
    expect(describeInvalidRegion({ dimensions: DIMS, runs: [10, 2, 3, 1] })).toMatch(/sorted/);
    expect(describeInvalidRegion({ dimensions: DIMS, runs: [0, 2, 2, 1] })).toMatch(/sorted and separate/);
    expect(describeInvalidRegion({ dimensions: DIMS, runs: [N - 1, 2] })).toMatch(/outside/);
    expect(describeInvalidRegion({ dimensions: DIMS, runs: [0, 0] })).toMatch(/length/);
    expect(describeInvalidRegion({ dimensions: DIMS, runs: [] })).toMatch(/empty/);
  });

  it('turn a label volume and its statistics into detected candidates, naming a label without voxels', () => {
    const labels: LabelVolume = { ...geometry, voxels: new Uint16Array(N) };
    labels.voxels.fill(2, 10, 14);
    labels.voxels.fill(5, 100, 103);
    const stats = (id: number) => ({ id, centroidLPS: [0, 0, 0] as Vec3, voxels: 1, volumeMl: 1, suvMax: 1, suvMean: 1, suvPeak: 1, totalLesionActivity: 1, longestAxialDiameterMm: 1, sliceRange: [0, 0] as [number, number], score: 1 });
    const candidates = detectedCandidatesFromLabelVolume(labels, [stats(5), stats(2)]);
    expect(candidates.map((c) => [c.statistics.id, c.region.runs])).toEqual([
      [5, [100, 3]],
      [2, [10, 4]],
    ]);
    expect(() => detectedCandidatesFromLabelVolume(labels, [stats(3)])).toThrow(/Candidate 3 has statistics but no voxel/);
  });
});
