import { encodeDicomFile, petSlice, studyUids } from '../src';
import { smallStudy } from './helpers';

describe('phantom determinism', () => {
  const first = smallStudy(11, 3);
  const again = smallStudy(11, 3);
  const other = smallStudy(12, 3);

  it('gives byte-identical PET, masks and DICOM pixel data for the same seed', () => {
    expect(Buffer.from(again.petSuv.buffer).equals(Buffer.from(first.petSuv.buffer))).toBe(true);
    expect(Buffer.from(again.lesionLabels.buffer).equals(Buffer.from(first.lesionLabels.buffer))).toBe(true);
    expect(Buffer.from(again.goldLabels.buffer).equals(Buffer.from(first.goldLabels.buffer))).toBe(true);
    const slice = Math.floor(first.petGrid.dimensions[2] / 2);
    const fileA = encodeDicomFile(petSlice(first, studyUids(first.seed), slice));
    const fileB = encodeDicomFile(petSlice(again, studyUids(again.seed), slice));
    expect(fileA.equals(fileB)).toBe(true);
  });

  it('gives different images and UIDs for a different seed', () => {
    const length = Math.min(first.petSuv.length, other.petSuv.length);
    let differing = 0;
    for (let n = 0; n < length; n++) if (first.petSuv[n] !== other.petSuv[n]) differing += 1;
    expect(differing / length).toBeGreaterThan(0.1);
    expect(studyUids(11).study).not.toBe(studyUids(12).study);
    expect(studyUids(11).study).toMatch(/^2\.25\.[1-9]\d*$/);
    expect(studyUids(11).study.length).toBeLessThanOrEqual(64);
  });

  it('places the requested number of lesions inside the liver, sized 5-40 mm', () => {
    expect(first.lesions).toHaveLength(3);
    for (const lesion of first.lesions) {
      expect(lesion.diameterMm).toBeGreaterThanOrEqual(5);
      expect(lesion.diameterMm).toBeLessThanOrEqual(40);
      let inLiver = 0;
      let total = 0;
      first.lesionLabels.forEach((label, index) => {
        if (label !== lesion.id) return;
        total += 1;
        inLiver += first.liverMask[index];
      });
      expect(total).toBeGreaterThan(0);
      expect(inLiver).toBe(total);
    }
  });
});
