import { automaticLiverMask, fillHolesPerSlice, growRegionFromSeed, liverMaskFromLabels, LiverNotFoundError } from '../../src/core/liver';
import type { MaskVolume } from '../../src/core/types';
import { analyticStudy, dice, grid } from './helpers/analyticVolumes';

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

  it('refuses a volume with no organ, saying how to seed it', () => {
    const flat = { ...study.pet, voxels: new Float32Array(study.pet.voxels.length).fill(1) };
    expect(() => automaticLiverMask(flat)).toThrow(expect.objectContaining({ name: 'LiverNotFoundError', message: expect.stringMatching(/seed/) }));
    expect(new LiverNotFoundError('x')).toBeInstanceOf(Error);
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
