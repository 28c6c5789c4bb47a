/**
 * detect() checks every automatic liver before listing candidates, and cautions for a tracer that
 * is not an SSTR ligand: analytic PETs where the automatic mask takes a column from the neck down
 * the spine (the real FDG failure) or a liver too small, each with a hot lesion inside.
 */
import { detect, radiopharmaceuticalFromDataset } from '../../src/core';
import type { PetVolume, Vec3 } from '../../src/core/types';
import { analyticStudy, forEachVoxel, gaussianNoise, grid, insideEllipsoid } from './helpers/analyticVolumes';

const distance = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const HOT: Vec3 = [0, 40, 0];

/**
 * A 450 mm long body whose only organ above the background is a column of uptake 6 behind the
 * midline (radius 40 mm, z -225..225: 2.3 L), with a 12 mm lesion of 25 in it; noise 5 %.
 */
function spinePet(): PetVolume {
  const geometry = grid([48, 40, 100], [5, 5, 5]);
  const voxels = new Float32Array(48 * 40 * 100);
  const noise = gaussianNoise(3);
  forEachVoxel(geometry, (index, lps) => {
    let value = insideEllipsoid(lps, [0, 0, 0], [150, 110, 1e4]) ? 1 : 0;
    if (lps[0] ** 2 + (lps[1] - 40) ** 2 <= 40 ** 2 && Math.abs(lps[2]) <= 225) value = 6;
    if (distance(lps, HOT) <= 12) value = 25;
    voxels[index] = value * (1 + 0.05 * noise());
  });
  return { ...geometry, voxels, units: 'SUVbw', seriesInstanceUID: '2.25.7' };
}

describe('detect(): the automatic liver is checked before any candidate is listed', () => {
  it('lists no candidate when the automatic mask runs down the spine, and says which checks failed', async () => {
    const stages: string[] = [];
    const result = await detect({ pet: spinePet() }, { onProgress: (stage) => stages.at(-1) !== stage && stages.push(stage) });
    expect(result.liver.source).toBe('automatic');
    expect(result.liverCheck.status).toBe('failed');
    const failed = result.liverCheck.checks.filter((check) => !check.passed).map((check) => check.name);
    expect(failed).toEqual(['right-side', 'craniocaudal-extent']);
    expect(result.liverCheck.checks.find((check) => check.name === 'craniocaudal-extent')?.value).toBe(450);
    expect(result.liverCheck.message).toMatch(/craniocaudal extent 450 mm .* one click inside the liver \(or a liver segmentation\) is needed/);
    expect(result.lesions).toEqual([]);
    expect(result.lesionLabels.some((label) => label !== 0)).toBe(false);
    // The detector never ran: the stages stop at the check.
    expect(stages).toEqual(['liver', 'crop', 'reference', 'liverCheck', 'done']);
  });

  it('runs on the same PET from a click (the reader vouches for the organ) and finds the lesion', async () => {
    const result = await detect({ pet: spinePet(), liverSeedLPS: [0, 40, 100] });
    expect(result.liver.source).toBe('seed');
    expect(result.liverCheck).toEqual({ status: 'not-checked', checks: [], message: null });
    expect(result.lesions.some((lesion) => distance(lesion.centroidLPS, HOT) < 5)).toBe(true);
  });

  it('lists no candidate for an automatic liver too small (about 470 ml), and does from a click in it', async () => {
    const lesion = { centre: [-55, 0, 0] as Vec3, radiusMm: 10, suv: 25 };
    const { pet } = analyticStudy({ seed: 5, liverShape: { centre: [-55, 0, 0], semiAxes: [50, 45, 50] }, lesions: [lesion] });
    const automatic = await detect({ pet });
    expect(automatic.liverCheck.status).toBe('failed');
    const volume = automatic.liverCheck.checks.find((check) => check.name === 'volume');
    expect(volume?.passed).toBe(false);
    expect(volume?.value).toBeGreaterThan(350);
    expect(volume?.value).toBeLessThan(700);
    expect(automatic.liverCheck.checks.filter((check) => !check.passed)).toHaveLength(1);
    expect(automatic.lesions).toEqual([]);
    const seeded = await detect({ pet, liverSeedLPS: [-55, 20, 20] });
    expect(seeded.lesions.some((found) => distance(found.centroidLPS, lesion.centre) < 5)).toBe(true);
  });

  it('passes a plausible automatic liver and lists its lesions', async () => {
    const study = analyticStudy({ seed: 21 });
    const result = await detect({ pet: study.pet });
    expect(result.liverCheck.status).toBe('passed');
    expect(result.liverCheck.checks.map((check) => [check.name, check.passed])).toEqual([
      ['volume', true],
      ['right-side', true],
      ['craniocaudal-extent', true],
      ['reference-spheres', true],
    ]);
    expect(result.lesions).toHaveLength(study.lesions.length);
  });
});

describe('detect(): the tracer', () => {
  const study = analyticStudy({ seed: 21 });
  const fdg = radiopharmaceuticalFromDataset({ RadiopharmaceuticalInformationSequence: [{ Radiopharmaceutical: 'Fluorodeoxyglucose' }] });

  it('cautions for FDG in its warnings and records the tracer, but still lists the candidates', async () => {
    const result = await detect({ pet: study.pet, liverMask: study.liver, radiopharmaceutical: fdg });
    expect(result.warnings).toContain(
      'Radiopharmaceutical is Fluorodeoxyglucose, not a somatostatin-receptor ligand: this detector is validated for 68Ga-DOTATATE; review candidates with care.',
    );
    expect(result.radiopharmaceutical).toMatchObject({ kind: 'other', name: 'Fluorodeoxyglucose' });
    expect(result.lesions).toHaveLength(study.lesions.length);
  });

  it('adds no caution for 68Ga-DOTATATE', async () => {
    const dotatate = radiopharmaceuticalFromDataset({ RadiopharmaceuticalInformationSequence: [{ Radiopharmaceutical: 'Ga-68 DOTATATE' }] });
    const result = await detect({ pet: study.pet, liverMask: study.liver, radiopharmaceutical: dotatate });
    expect(result.warnings).toEqual([]);
    expect(result.radiopharmaceutical?.kind).toBe('sstr');
  });
});
