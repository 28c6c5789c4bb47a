import { placeReferenceSpheres, liverReference, measureSphere, percistThreshold, pooledMoments } from '../../src/core/reference';
import { distanceToOutsideMm, lpsToIjk } from '../../src/core/volume';
import { meanAndSd } from '../../src/core/stats';
import type { Vec3 } from '../../src/core/types';
import { analyticStudy } from './helpers/analyticVolumes';

const distance = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('placing the PERCIST reference spheres', () => {
  const study = analyticStudy({ noiseCov: 0.1, seed: 5 });
  const { centresLPS, warnings } = placeReferenceSpheres(study.pet, study.liver);
  const depth = distanceToOutsideMm(study.liver);

  it('places three spheres without relaxing a rule', () => {
    expect(centresLPS).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  it('keeps every sphere inside the liver (centre at least a radius deep)', () => {
    for (const centre of centresLPS) {
      const [i, j, k] = lpsToIjk(study.pet, centre).map(Math.round);
      const [nx, ny] = study.pet.dimensions;
      expect(depth[i + nx * (j + ny * k)]).toBeGreaterThanOrEqual(15);
    }
  });

  it('keeps spheres away from lesions and from each other', () => {
    for (const centre of centresLPS) {
      for (const lesion of study.lesions) expect(distance(centre, lesion.centre) - lesion.radiusMm).toBeGreaterThanOrEqual(15);
    }
    for (let a = 0; a < 3; a++) for (let b = a + 1; b < 3; b++) expect(distance(centresLPS[a], centresLPS[b])).toBeGreaterThanOrEqual(30);
  });

  it('spreads the spheres out more than any three neighbouring positions would be', () => {
    const spread = Math.min(distance(centresLPS[0], centresLPS[1]), distance(centresLPS[0], centresLPS[2]), distance(centresLPS[1], centresLPS[2]));
    expect(spread).toBeGreaterThan(40);
  });

  it('warns and relaxes the rules in a liver too small for 3 cm spheres', () => {
    const small = analyticStudy({ lesions: [], dimensions: [80, 64, 4] });
    const placement = placeReferenceSpheres(small.pet, small.liver);
    expect(placement.warnings.join(' ')).toMatch(/too small/);
  });
});

describe('measuring the reference', () => {
  const study = analyticStudy({ noiseCov: 0.1, seed: 7 });

  it('gives the liver uptake and PERCIST threshold = 1.5 × mean + 2 × SD', () => {
    const { centresLPS } = placeReferenceSpheres(study.pet, study.liver);
    const reference = liverReference(study.pet, study.liver, centresLPS);
    expect(reference.mean).toBeCloseTo(6, 0);
    expect(reference.sd).toBeGreaterThan(0.4);
    expect(reference.sd).toBeLessThan(0.8);
    expect(reference.threshold).toBeCloseTo(1.5 * reference.mean + 2 * reference.sd, 10);
    expect(percistThreshold(4, 1)).toBe(8);
  });

  it('moves with the centres it is given, and only counts liver voxels', () => {
    const centre: Vec3 = [-80, 0, -10]; // on the largest lesion
    const onLesion = measureSphere(study.pet, centre, 15, study.liver);
    expect(onLesion.mean).toBeGreaterThan(10);
    const outside = measureSphere(study.pet, [100, -60, 0], 15, study.liver);
    expect(outside.voxelCount).toBe(0);
    expect(() => liverReference(study.pet, study.liver, [[100, -60, 0]])).toThrow(/no liver voxel/);
  });

  it('pools sphere moments exactly', () => {
    const a = [1, 2, 3, 4];
    const b = [10, 12];
    const pooled = pooledMoments([
      { voxelCount: 4, ...meanAndSd(a) },
      { voxelCount: 2, ...meanAndSd(b) },
    ]);
    const direct = meanAndSd([...a, ...b]);
    expect(pooled.mean).toBeCloseTo(direct.mean, 10);
    expect(pooled.sd).toBeCloseTo(direct.sd, 10);
  });
});
