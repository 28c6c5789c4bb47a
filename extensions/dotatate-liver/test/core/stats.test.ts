import { lesionStatistics, suvPeak, longestAxialDiameterMm, meanAndSd, quantile } from '../../src/core/stats';
import { sphereOffsets, sphereRadiusMmForVolumeMl } from '../../src/core/volume';
import type { ScalarVolume } from '../../src/core/types';
import { grid, sphereMask } from './helpers/analyticVolumes';

describe('lesion statistics on analytic spheres', () => {
  it.each([
    [10, [1, 1, 1]],
    [8, [1, 1, 2]],
    [15, [2, 2, 2]],
  ] as [number, [number, number, number]][])('a %i mm sphere on spacing %j has its analytic volume within 5 %%', (radius, spacing) => {
    const geometry = grid([41, 41, 41], spacing);
    const mask = sphereMask(geometry, [0, 0, 0], radius);
    const labels = Uint16Array.from(mask.voxels);
    const pet: ScalarVolume = { ...geometry, voxels: Float32Array.from(mask.voxels, (v) => (v ? 8 : 1)) };
    const [stats] = lesionStatistics(pet, labels);
    const analyticMl = ((4 / 3) * Math.PI * radius ** 3) / 1000;
    expect(Math.abs(stats.volumeMl - analyticMl) / analyticMl).toBeLessThan(0.05);
    expect(stats.suvMax).toBe(8);
    expect(stats.suvMean).toBe(8);
    expect(stats.totalLesionActivity).toBeCloseTo(8 * stats.volumeMl, 6);
    stats.centroidLPS.forEach((value) => expect(Math.abs(value)).toBeLessThan(1e-6));
    // Centre-to-centre measure: at most one pixel short of the analytic diameter.
    expect(Math.abs(stats.longestAxialDiameterMm - 2 * radius)).toBeLessThanOrEqual(spacing[0]);
  });

  it('reports slice ranges shifted by the crop offset and scores from the map', () => {
    const geometry = grid([10, 10, 10], [1, 1, 1]);
    const labels = new Uint16Array(1000);
    const scores = new Float32Array(1000);
    for (let k = 3; k <= 5; k++) labels[4 + 10 * (4 + 10 * k)] = 2;
    scores[4 + 10 * (4 + 10 * 4)] = 0.7;
    const pet: ScalarVolume = { ...geometry, voxels: new Float32Array(1000).fill(2) };
    const [stats] = lesionStatistics(pet, labels, { scores, sliceOffset: 20 });
    expect(stats.id).toBe(2);
    expect(stats.sliceRange).toEqual([23, 25]);
    expect(stats.voxels).toBe(3);
    expect(stats.score).toBeCloseTo(0.7, 6);
  });
});

describe('SUVpeak (PERCIST: the 1 cm³ sphere with the highest mean)', () => {
  const geometry = grid([31, 31, 31], [1, 1, 1]);
  const centre = 15 + 31 * (15 + 31 * 15);

  it('uses a sphere of 1 cm³', () => {
    const radius = sphereRadiusMmForVolumeMl(1);
    expect(radius).toBeCloseTo(6.2035, 3);
    const { count } = sphereOffsets(radius, [1, 1, 1]);
    expect(Math.abs(count - 1000) / 1000).toBeLessThan(0.05);
  });

  it('is below SUVmax for a single hot voxel: the spike is averaged with its surroundings', () => {
    const voxels = new Float32Array(31 ** 3).fill(4);
    voxels[centre] = 100;
    const peak = suvPeak({ ...geometry, voxels }, [centre]);
    const { count } = sphereOffsets(sphereRadiusMmForVolumeMl(1), [1, 1, 1]);
    expect(peak).toBeCloseTo((100 + 4 * (count - 1)) / count, 4);
  });

  it('equals a brute-force search over sphere centres on lesion voxels', () => {
    const voxels = new Float32Array(31 ** 3);
    for (let n = 0; n < voxels.length; n++) voxels[n] = (n * 7919) % 13;
    const lesion = [...sphereMask(geometry, [2, -3, 1], 5).voxels.entries()].filter(([, v]) => v).map(([n]) => n);
    const offsets = sphereOffsets(sphereRadiusMmForVolumeMl(1), [1, 1, 1]);
    let best = -Infinity;
    for (const index of lesion) {
      const i = index % 31;
      const j = Math.floor(index / 31) % 31;
      const k = Math.floor(index / 961);
      let sum = 0;
      for (let o = 0; o < offsets.count; o++) sum += voxels[i + offsets.di[o] + 31 * (j + offsets.dj[o] + 31 * (k + offsets.dk[o]))];
      best = Math.max(best, sum / offsets.count);
    }
    expect(suvPeak({ ...geometry, voxels }, lesion)).toBeCloseTo(best, 5);
  });

  it('equals the uniform value of a lesion larger than the sphere', () => {
    const mask = sphereMask(geometry, [0, 0, 0], 12);
    const voxels = Float32Array.from(mask.voxels, (v) => (v ? 9 : 1));
    const lesion = [...mask.voxels.entries()].filter(([, v]) => v).map(([n]) => n);
    expect(suvPeak({ ...geometry, voxels }, lesion)).toBeCloseTo(9, 6);
  });
});

describe('small statistics helpers', () => {
  it('computes the longest in-plane diameter of a rectangle', () => {
    const voxels: number[] = [];
    for (let j = 0; j < 4; j++) for (let i = 0; i < 5; i++) voxels.push(i + 10 * j);
    expect(longestAxialDiameterMm(voxels, [10, 10, 1], [2, 3, 5])).toBeCloseTo(Math.hypot(8, 9), 6);
  });

  it('gives the sample SD and interpolated quantiles', () => {
    expect(meanAndSd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: Math.sqrt(32 / 7), count: 8 });
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
