import { automaticLiverMask, fillHolesPerSlice, growRegionFromSeed, liverMaskFromLabels, LiverNotFoundError } from '../../src/core/liver';
import type { MaskVolume, Vec3 } from '../../src/core/types';
import { analyticStudy, dice, forEachVoxel, grid, insideEllipsoid } from './helpers/analyticVolumes';

describe('hole filling', () => {
  it('fills an enclosed hole on each slice but not a notch open to the outside', () => {
    const geometry = grid([9, 9, 2], [1, 1, 1]);
    const voxels = new Uint8Array(162);
    for (let k = 0; k < 2; k++) for (let j = 1; j < 8; j++) for (let i = 1; i < 8; i++) voxels[i + 9 * (j + 9 * k)] = 1;
    voxels[4 + 9 * 4] = 0; // hole on slice 0
    for (let j = 0; j < 5; j++) voxels[4 + 9 * (j + 9)] = 0; // notch reaching the border on slice 1
    const filled = fillHolesPerSlice({ ...geometry, voxels });
    expect(filled.voxels[4 + 9 * 4]).toBe(1);
    expect(filled.voxels[4 + 9 * (3 + 9)]).toBe(0);
  });
});

describe('automatic liver mask', () => {
  const study = analyticStudy();
  let liver: MaskVolume;
  beforeAll(() => {
    liver = automaticLiverMask(study.pet);
  });

  it('finds the liver (Dice > 0.95) and keeps its lesions inside', () => {
    expect(dice(liver.voxels, study.liver.voxels)).toBeGreaterThan(0.95);
    let lesionVoxelsOutside = 0;
    for (let index = 0; index < study.lesionLabels.length; index++) if (study.lesionLabels[index] && !liver.voxels[index]) lesionVoxelsOutside++;
    expect(lesionVoxelsOutside).toBe(0);
  });

  it('does not take the hotter spleen', () => {
    let spleenVoxels = 0;
    for (let index = 0; index < liver.voxels.length; index++) if (liver.voxels[index] && study.pet.voxels[index] > 12 && !study.lesionLabels[index]) spleenVoxels++;
    expect(spleenVoxels).toBeLessThan(20);
  });

  it('gives the same liver whether it starts on the half-resolution grid or not (Dice > 0.95)', () => {
    expect(dice(automaticLiverMask(study.pet, { coarseFirst: false }).voxels, liver.voxels)).toBeGreaterThan(0.95);
  });

  it('refuses a volume with no organ, saying how to seed it', () => {
    const flat = { ...study.pet, voxels: new Float32Array(study.pet.voxels.length).fill(1) };
    expect(() => automaticLiverMask(flat)).toThrow(expect.objectContaining({ name: 'LiverNotFoundError', message: expect.stringMatching(/seed/) }));
    expect(new LiverNotFoundError('x')).toBeInstanceOf(Error);
  });
});

describe('automatic liver mask next to a hot organ', () => {
  // A kidney at 2 × liver uptake pressed against the liver's posterior surface, blurred like a
  // scanner (8 mm FWHM): the partial-volume rim between them falls inside the liver's uptake band.
  const kidney = { centre: [-55, 88, -10] as Vec3, semiAxes: [28, 25, 40] as Vec3, suv: 12 };
  const study = analyticStudy({ lesions: [{ centre: [-80, 0, -10], radiusMm: 12, suv: 24 }], organs: [kidney], psfFwhmMm: 8, noiseCov: 0.1, seed: 9 });
  const liver = automaticLiverMask(study.pet);

  it('does not leak into the kidney beyond the partial-volume layer at their contact', () => {
    let kidneyVoxels = 0;
    let taken = 0;
    forEachVoxel(study.pet, (index, lps) => {
      if (study.liver.voxels[index] || !insideEllipsoid(lps, kidney.centre, kidney.semiAxes)) return;
      kidneyVoxels++;
      if (liver.voxels[index]) taken++;
    });
    expect(kidneyVoxels).toBeGreaterThan(500);
    // The contact layer is about 8 % of this kidney; a mask grown into it takes far more.
    expect(taken / kidneyVoxels).toBeLessThan(0.1);
  });

  it('still finds the liver (Dice > 0.93) with its lesion inside', () => {
    expect(dice(liver.voxels, study.liver.voxels)).toBeGreaterThan(0.93);
    let lesionVoxelsOutside = 0;
    for (let index = 0; index < study.lesionLabels.length; index++) if (study.lesionLabels[index] && !liver.voxels[index]) lesionVoxelsOutside++;
    expect(lesionVoxelsOutside).toBe(0);
  });
});

describe('liver from a seed and from a segmentation', () => {
  const study = analyticStudy({ seed: 3 });

  it('grows the liver from one point inside it', () => {
    const liver = growRegionFromSeed(study.pet, study.liverCentre);
    expect(dice(liver.voxels, study.liver.voxels)).toBeGreaterThan(0.95);
  });

  it('refuses a seed outside the volume', () => {
    expect(() => growRegionFromSeed(study.pet, [5000, 0, 0])).toThrow(/outside the PET volume/);
  });

  it('takes one segment of a label volume', () => {
    const labels = Uint16Array.from(study.liver.voxels, (v) => (v ? 2 : 0));
    labels[0] = 1;
    const mask: MaskVolume = liverMaskFromLabels({ ...study.liver, voxels: labels }, 2);
    expect(Buffer.from(mask.voxels).equals(Buffer.from(study.liver.voxels))).toBe(true);
  });
});
