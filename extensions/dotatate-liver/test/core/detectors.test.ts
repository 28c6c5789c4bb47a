import { candidatePeaks, edgeRadiusAlongRay, fibonacciDirections, gaussianSmoothMm, percistDetector, sampleTrilinear } from '../../src/core/detectors';
import { liverReference, placeReferenceSpheres } from '../../src/core/reference';
import { analyticStudy, dice, gaussianNoise, grid } from './helpers/analyticVolumes';
import type { AnalyticStudy } from './helpers/analyticVolumes';
import type { MaskVolume, Vec3 } from '../../src/core/types';

/** Reference spheres deep in the analytic liver, away from the lesions the tests below place. */
const NORMAL_LIVER_CENTRES: Vec3[] = [
  [-115, 0, 0],
  [-105, -25, 15],
  [-105, 25, -15],
];

/** Runs the default PERCIST detector with the reference measured at the given centres. */
function runDetector(study: AnalyticStudy, centresLPS: Vec3[] = NORMAL_LIVER_CENTRES): Float32Array {
  const reference = liverReference(study.pet, study.liver, centresLPS);
  return percistDetector().run({ pet: study.pet, liver: study.liver, reference }, {}) as Float32Array;
}

describe('edge search along a ray', () => {
  it('puts the edge where the profile falls most steeply, before the background', () => {
    // Plateau 10 for 6 mm, a steep drop, then a gentle slope down to the background 2.
    const profile = [10, 10, 10, 10, 10, 10, 10, 4, 3.6, 3.2, 2.8, 2.4, 2, 1.9];
    expect(edgeRadiusAlongRay(profile, 1, 2)).toBeCloseTo(6.5, 6);
  });

  it('ignores a steeper fall that lies beyond the background level', () => {
    const profile = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1.5, 0, 0, 0, 0];
    expect(edgeRadiusAlongRay(profile, 1, 2)).toBeLessThanOrEqual(8.5);
  });

  it('spreads ray directions evenly over the sphere', () => {
    const directions = fibonacciDirections(64);
    const mean = directions.reduce((sum, d) => [sum[0] + d[0], sum[1] + d[1], sum[2] + d[2]], [0, 0, 0]);
    expect(Math.hypot(...mean) / 64).toBeLessThan(0.02);
    directions.forEach((d) => expect(Math.hypot(...d)).toBeCloseTo(1, 10));
  });

  it('interpolates trilinearly and returns NaN outside the grid', () => {
    const voxels = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sampleTrilinear(voxels, [2, 2, 2], 0.5, 0.5, 0.5)).toBeCloseTo(3.5, 6);
    expect(sampleTrilinear(voxels, [2, 2, 2], 1.5, 0, 0)).toBeNaN();
  });
});

describe('PERCIST detector on analytic lesions', () => {
  const study = analyticStudy({ noiseCov: 0.05, seed: 11 });
  const { centresLPS } = placeReferenceSpheres(study.pet, study.liver);
  const reference = liverReference(study.pet, study.liver, centresLPS);
  const detector = percistDetector();
  const scores = detector.run({ pet: study.pet, liver: study.liver, reference }, {}) as Float32Array;

  it('names itself and records its parameters', () => {
    expect(detector.name).toBe('percist');
    expect(detector.parameters).toMatchObject({ rayCount: 64, maxRadiusMm: 30, smoothingSigmaMm: 3 });
  });

  it('keeps scores in [0, 1] and inside the liver', () => {
    let outOfRange = 0;
    let outsideLiver = 0;
    for (let index = 0; index < scores.length; index++) {
      if (!(scores[index] >= 0 && scores[index] <= 1)) outOfRange++;
      if (!study.liver.voxels[index] && scores[index] !== 0) outsideLiver++;
    }
    expect(outOfRange).toBe(0);
    expect(outsideLiver).toBe(0);
    expect(scores.some((s) => s > 0)).toBe(true);
  });

  it('recovers each sphere (Dice > 0.8 against the true lesion voxels)', () => {
    const predicted = Uint8Array.from(scores, (s) => (s > 0 ? 1 : 0));
    const truth = Uint8Array.from(study.lesionLabels, (l) => (l ? 1 : 0));
    expect(dice(predicted, truth)).toBeGreaterThan(0.8);
  });

  it('grades its scores: a hotter lesion outscores a cooler one, and the map is not flat', () => {
    const peakScore = (label: number) => {
      let best = 0;
      for (let index = 0; index < scores.length; index++) if (study.lesionLabels[index] === label) best = Math.max(best, scores[index]);
      return best;
    };
    // Lesion 3 (SUV 30) is hotter than lesion 2 (SUV 20), both well above the threshold.
    expect(peakScore(3)).toBeGreaterThan(peakScore(2));
    const distinct = new Set(Array.from(scores.filter((s) => s > 0), (s) => s.toFixed(3)));
    expect(distinct.size).toBeGreaterThan(20);
  });
});

describe('PERCIST detector against noise and neighbouring organs', () => {
  it('gives a noisy lesion-free liver (CoV 0.2, blurred like a scanner) no detection', () => {
    const normal = analyticStudy({ lesions: [], noiseCov: 0.2, psfFwhmMm: 7, seed: 12 });
    expect(runDetector(normal).some((s) => s > 0)).toBe(false);
  });

  it('ignores uptake spilling in from a hotter kidney that touches the liver', () => {
    // A hot organ (4 × liver) against the liver's posterior surface; blurred, so the liver's
    // edge next to it rises above the PERCIST threshold although the liver holds no lesion.
    const study = analyticStudy({ lesions: [], noiseCov: 0.05, psfFwhmMm: 8, seed: 13, organs: [{ centre: [-55, 85, 0], semiAxes: [30, 25, 40], suv: 24 }] });
    const reference = liverReference(study.pet, study.liver, NORMAL_LIVER_CENTRES);
    let edgeAboveThreshold = 0;
    for (let index = 0; index < study.pet.voxels.length; index++) if (study.liver.voxels[index] && study.pet.voxels[index] > reference.threshold) edgeAboveThreshold++;
    expect(edgeAboveThreshold).toBeGreaterThan(10);
    expect(runDetector(study).some((s) => s > 0)).toBe(false);
  });

  it('still finds a lesion at the liver surface that is a hill of its own', () => {
    const study = analyticStudy({ lesions: [{ centre: [-55, 56, 0], radiusMm: 9, suv: 30 }], noiseCov: 0.05, psfFwhmMm: 6, seed: 14 });
    const scores = runDetector(study);
    let found = 0;
    for (let index = 0; index < scores.length; index++) if (study.lesionLabels[index] && scores[index] > 0) found++;
    expect(found).toBeGreaterThan(0);
  });

  it('delineates a lesion larger than the ordinary 30 mm search (radius 40 mm)', () => {
    const study = analyticStudy({ lesions: [{ centre: [-55, 0, 0], radiusMm: 40, suv: 20 }], noiseCov: 0.05, seed: 15 });
    const predicted = Uint8Array.from(runDetector(study), (s) => (s > 0 ? 1 : 0));
    const truth = Uint8Array.from(study.lesionLabels, (l) => (l ? 1 : 0));
    expect(dice(predicted, truth)).toBeGreaterThan(0.85);
  });
});

describe('smoothing and candidate peaks', () => {
  it('keeps a flat volume flat and lowers the noise', () => {
    const geometry = grid([20, 20, 20], [4, 4, 4]);
    expect(gaussianSmoothMm({ ...geometry, voxels: new Float32Array(8000).fill(5) }, 3).every((v) => Math.abs(v - 5) < 1e-5)).toBe(true);
    const noise = gaussianNoise(3);
    const noisy = Float32Array.from({ length: 8000 }, () => 5 * (1 + 0.2 * noise()));
    const sd = (values: Float32Array) => {
      let sum = 0;
      let squares = 0;
      for (const value of values) {
        sum += value;
        squares += value * value;
      }
      return Math.sqrt(squares / values.length - (sum / values.length) ** 2);
    };
    // σ = 4 mm on 4 mm voxels averages ~(2√π)³ ≈ 45 voxels of white noise: SD falls ~6-fold.
    expect(sd(gaussianSmoothMm({ ...geometry, voxels: noisy }, 4))).toBeLessThan(sd(noisy) / 3);
  });

  it('takes a liver voxel as a peak only when no neighbour, inside the liver or not, is hotter', () => {
    // 5 × 5 × 1 slab; the liver is the left three columns; a hot voxel just outside on column 3.
    const geometry = grid([5, 5, 1], [4, 4, 4]);
    const liver: MaskVolume = { ...geometry, voxels: Uint8Array.from({ length: 25 }, (_, p) => (p % 5 < 3 ? 1 : 0)) };
    const values = new Float32Array(25).fill(1);
    values[2 + 5 * 2] = 5; // liver voxel at its right edge
    values[3 + 5 * 2] = 9; // hotter voxel outside, next to it
    expect(candidatePeaks(values, values, liver, { smoothedLevel: 2, rawLevel: 2 })).toEqual([]);
    values[3 + 5 * 2] = 1;
    expect(candidatePeaks(values, values, liver, { smoothedLevel: 2, rawLevel: 2 }).map((peak) => peak.index)).toEqual([12]);
    expect(candidatePeaks(values, values, liver, { smoothedLevel: 2, rawLevel: 6 })).toEqual([]);
  });
});
