/**
 * Plausibility checks of a liver mask on analytic volumes whose answers are known: an ellipsoid
 * liver, a 5 L column from the neck down the spine (the real FDG failure), a liver too small, a
 * patient lying off the scanner's centre, and a grid whose i axis runs to the patient's right.
 */
import type { Direction3, MaskVolume, ScalarVolume, Vec3, VolumeGeometry } from '../../src/core/types';
import { checkedLiver, liverPlausibilityChecks, type LiverCheck } from '../../src/core/liver/liverPlausibility';
import { forEachVoxel, grid, insideEllipsoid } from './helpers/analyticVolumes';

/** 320 × 240 × 550 mm at 5 mm: long enough for a mask from the neck to the pelvis. */
const GEOMETRY = grid([64, 48, 110], [5, 5, 5]);

/** PET of a body (elliptic cylinder, semi-axes bodySemiX × 110 mm around x = bodyX) at 1, the mask's voxels at 6; the mask is `inside`. */
function scene(inside: (lps: Vec3) => boolean, options: { bodyX?: number; bodySemiX?: number; geometry?: VolumeGeometry } = {}): { pet: ScalarVolume; mask: MaskVolume } {
  const geometry = options.geometry ?? GEOMETRY;
  const bodyX = options.bodyX ?? 0;
  const bodySemiX = options.bodySemiX ?? 150;
  const count = geometry.dimensions[0] * geometry.dimensions[1] * geometry.dimensions[2];
  const pet = new Float32Array(count);
  const mask = new Uint8Array(count);
  forEachVoxel(geometry, (index, lps) => {
    if (((lps[0] - bodyX) / bodySemiX) ** 2 + (lps[1] / 110) ** 2 <= 1) pet[index] = 1;
    if (inside(lps)) {
      mask[index] = 1;
      pet[index] = 6;
    }
  });
  return { pet: { ...geometry, voxels: pet }, mask: { ...geometry, voxels: mask } };
}

const byName = (checks: LiverCheck[]) => Object.fromEntries(checks.map((item) => [item.name, item]));
const ellipsoid = (centre: Vec3, semiAxes: Vec3) => (lps: Vec3) => insideEllipsoid(lps, centre, semiAxes);
/** An upright cylinder of this radius around (x, y), from z0 to z1 (mm). */
const column = (x: number, y: number, radius: number, z0: number, z1: number) => (lps: Vec3) =>
  (lps[0] - x) ** 2 + (lps[1] - y) ** 2 <= radius ** 2 && lps[2] >= z0 && lps[2] <= z1;
/** Sphere centres inside the default liver (LPS mm). */
const CENTRES: Vec3[] = [[-80, 0, 0], [-40, 20, 20], [-50, -20, -25]];

describe('liver plausibility checks', () => {
  it('passes an adult liver on the right: 1.2 L, 95 % right of the midline, 120 mm tall, spheres inside', () => {
    const { pet, mask } = scene(ellipsoid([-55, 0, 0], [75, 65, 60]));
    const checks = byName(liverPlausibilityChecks(pet, mask, CENTRES));
    // 4/3 π 75·65·60 mm³ = 1225 ml; the cap beyond x = 0 holds (1 - 55/75)² (2 + 55/75) / 4 = 4.9 %.
    expect(checks.volume.value).toBeGreaterThan(1225 * 0.97);
    expect(checks.volume.value).toBeLessThan(1225 * 1.03);
    expect(checks['right-side'].value).toBeGreaterThan(94);
    expect(checks['right-side'].value).toBeLessThan(96.5);
    // Voxel centres from z = -57.5 to 57.5 mm, plus one 5 mm voxel.
    expect(checks['craniocaudal-extent'].value).toBe(120);
    expect(checks['reference-spheres'].value).toBe(3);
    expect(Object.values(checks).every((item) => item.passed)).toBe(true);
  });

  it('fails a 5 L column from the neck through the spine on volume, side and extent (the real FDG case)', () => {
    // Radius 60 mm behind the midline, z -200..250 mm: π·60²·450 mm³ = 5.09 L, half on each side.
    const { pet, mask } = scene(column(0, 40, 60, -200, 250));
    const checks = byName(liverPlausibilityChecks(pet, mask, [[0, 40, 0], [0, 40, 100], [0, 40, 200]]));
    expect(checks.volume).toMatchObject({ passed: false, unit: 'ml', limit: { min: 700, max: 4000 } });
    expect(checks.volume.value).toBeGreaterThan(5090 * 0.97);
    expect(checks.volume.value).toBeLessThan(5090 * 1.03);
    // The grid's x centres are symmetric about 0 (±2.5, ±7.5, ...): exactly half lies on the right.
    expect(checks['right-side']).toMatchObject({ passed: false, value: 50, limit: { min: 70 } });
    expect(checks['craniocaudal-extent']).toMatchObject({ passed: false, value: 450, limit: { max: 300 } });
    expect(checks['reference-spheres'].passed).toBe(true);
    expect(checks['craniocaudal-extent'].text).toBe('craniocaudal extent 450 mm (a liver: ≤ 300 mm)');
  });

  it('fails a liver with a thin tail up the spine on its extent, though volume and side are plausible', () => {
    const liver = ellipsoid([-55, 0, 0], [75, 65, 60]);
    const spine = column(0, 60, 20, -60, 260);
    const { pet, mask } = scene((lps) => liver(lps) || spine(lps));
    const checks = byName(liverPlausibilityChecks(pet, mask, CENTRES));
    expect(checks.volume.passed).toBe(true);
    // Voxel centres from z = -57.5 (liver) to 257.5 mm (column), plus one voxel.
    expect(checks['craniocaudal-extent']).toMatchObject({ passed: false, value: 320 });
    // The 0.4 L tail is half on the left: (1165 + 200) / 1625 ml ≈ 84 % on the right still passes.
    expect(checks['right-side'].passed).toBe(true);
    expect(checks['right-side'].value).toBeLessThan(90);
  });

  it('fails a liver too small (300 ml) on volume only', () => {
    const { pet, mask } = scene(ellipsoid([-60, 0, 0], [45, 40, 40]));
    const checks = byName(liverPlausibilityChecks(pet, mask, [[-60, 0, 0]]));
    // 4/3 π 45·40·40 mm³ = 302 ml
    expect(checks.volume.passed).toBe(false);
    expect(checks.volume.value).toBeGreaterThan(290);
    expect(checks.volume.value).toBeLessThan(315);
    expect(checks.volume.text).toMatch(/^volume 3\d\d ml \(a liver: 700–4000 ml\)$/);
    expect(checks['right-side'].passed && checks['craniocaudal-extent'].passed && checks['reference-spheres'].passed).toBe(true);
  });

  it('takes the midline from the body, not from x = 0, for a patient lying 50 mm to the left', () => {
    // Body x -50..150 (midline +50); the liver x -45..45 lies wholly on its right, though half of it is at x > 0.
    const { pet, mask } = scene(ellipsoid([0, 0, 0], [45, 50, 60]), { bodyX: 50, bodySemiX: 100 });
    const right = byName(liverPlausibilityChecks(pet, mask, []))['right-side'];
    expect(right).toMatchObject({ passed: true, value: 100 });
  });

  it('reads the patient\'s right in LPS when the i axis runs toward the patient\'s right', () => {
    const flipped: VolumeGeometry = { ...GEOMETRY, origin: [-GEOMETRY.origin[0], GEOMETRY.origin[1], GEOMETRY.origin[2]], direction: [-1, 0, 0, 0, 1, 0, 0, 0, 1] as Direction3 };
    const onRight = byName(liverPlausibilityChecks(...pair(scene(ellipsoid([-55, 0, 0], [75, 65, 60]), { geometry: flipped })), []))['right-side'];
    const onLeft = byName(liverPlausibilityChecks(...pair(scene(ellipsoid([55, 0, 0], [75, 65, 60]), { geometry: flipped })), []))['right-side'];
    expect(onRight.passed).toBe(true);
    expect(onLeft.passed).toBe(false);
    expect(onLeft.value).toBeLessThan(6);
  });

  it('fails when a reference sphere centre lies outside the mask', () => {
    const { pet, mask } = scene(ellipsoid([-55, 0, 0], [75, 65, 60]));
    const spheres = byName(liverPlausibilityChecks(pet, mask, [...CENTRES.slice(0, 2), [60, 0, 0]]))['reference-spheres'];
    expect(spheres).toMatchObject({ passed: false, value: 2, limit: { min: 3 }, text: '2 of 3 reference sphere centres inside the mask (all must be)' });
  });
});

describe('checkedLiver', () => {
  const { pet, mask } = scene(column(0, 40, 60, -200, 250));
  const checks = () => liverPlausibilityChecks(pet, mask, []);

  it('fails an implausible automatic liver, naming each failed check and asking for a click', () => {
    const result = checkedLiver('automatic', checks);
    expect(result.status).toBe('failed');
    expect(result.checks.map((item) => item.name)).toEqual(['volume', 'right-side', 'craniocaudal-extent', 'reference-spheres']);
    expect(result.message).toMatch(/^The automatic liver mask does not look like a liver: volume 5\d{3} ml .*; 50 % on the patient's right .*; craniocaudal extent 450 mm .*\. No candidates are listed: one click inside the liver \(or a liver segmentation\) is needed\.$/);
  });

  it('does not check a liver the reader chose: a SEG, a click or a brush edit', () => {
    for (const source of ['seg', 'seed', 'edited']) expect(checkedLiver(source, checks)).toEqual({ status: 'not-checked', checks: [], message: null });
  });

  it('passes a plausible automatic liver with its four measured checks', () => {
    const liver = scene(ellipsoid([-55, 0, 0], [75, 65, 60]));
    const result = checkedLiver('automatic', () => liverPlausibilityChecks(liver.pet, liver.mask, CENTRES));
    expect(result).toMatchObject({ status: 'passed', message: null });
    expect(result.checks).toHaveLength(4);
  });
});

function pair({ pet, mask }: { pet: ScalarVolume; mask: MaskVolume }): [ScalarVolume, MaskVolume] {
  return [pet, mask];
}
