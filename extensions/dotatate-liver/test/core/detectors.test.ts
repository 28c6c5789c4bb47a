import { edgeRadiusAlongRay, fibonacciDirections, percistDetector, sampleTrilinear } from '../../src/core/detectors';
import { liverReference, placeReferenceSpheres } from '../../src/core/reference';
import { analyticStudy, dice } from './helpers/analyticVolumes';

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
    expect(detector.parameters).toMatchObject({ rayCount: 64, maxRadiusMm: 30 });
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

  it('gives a lesion-free liver no detection', () => {
    const normal = analyticStudy({ lesions: [], noiseCov: 0.05, seed: 12 });
    const ref = liverReference(normal.pet, normal.liver, placeReferenceSpheres(normal.pet, normal.liver).centresLPS);
    const map = percistDetector().run({ pet: normal.pet, liver: normal.liver, reference: ref }, {}) as Float32Array;
    expect(map.some((s) => s > 0)).toBe(false);
  });
});
