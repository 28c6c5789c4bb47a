/**
 * The objects we write, checked by the field's validators: dciodvfy (IOD rules) must print no
 * line starting with "Error"; dsrdump must read the SR and show its TID 1500 root.
 */
import { createMeasurementReport } from '../../src/dicom/srWriter';
import { ALGORITHM, reviewFixture, SETTINGS } from './helpers/reviewFixture';
import { reviewedObjects } from './helpers/reviewedObjects';
import { dciodvfy, dsrdump, errorLines, writeTemp } from './helpers/validators';
import { fixtureBytes } from './helpers/syntheticPet';

function writeReview(columns: number, rows: number, slices: number) {
  const { review, seg, sr } = reviewedObjects({ columns, rows, slices });
  return { review, segFile: writeTemp('seg.dcm', seg.arrayBuffer), srFile: writeTemp('sr.dcm', sr.arrayBuffer) };
}

describe('DICOM validators on the objects we write', () => {
  it('dciodvfy finds no error in the SEG or the SR (odd 13×11 frames)', () => {
    const { segFile, srFile } = writeReview(13, 11, 7);
    const seg = dciodvfy(segFile);
    expect(seg.output).toContain('Segmentation');
    expect(errorLines(seg.output)).toEqual([]);
    const sr = dciodvfy(srFile);
    expect(sr.output).toContain('ComprehensiveSR');
    expect(errorLines(sr.output)).toEqual([]);
  });

  it('dciodvfy finds no error in a SEG with even frames', () => {
    const { segFile } = writeReview(16, 8, 6);
    expect(errorLines(dciodvfy(segFile).output)).toEqual([]);
  });

  it('dsrdump reads the SR and shows its Imaging Measurement Report root and groups', () => {
    const { srFile } = writeReview(13, 11, 7);
    const dump = dsrdump(srFile);
    expect(dump.status).toBe(0);
    expect(dump.output).toContain('<CONTAINER:(,,"Imaging Measurement Report")=SEPARATE>');
    expect(dump.output.match(/"Referenced Segment"/g)).toHaveLength(3);
    expect(dump.output).toContain('({SUVbw}g/ml,UCUM,"Standardized Uptake Value body weight")');
    expect(dump.output).not.toMatch(/^E:/m);
  });

  it('validates the report that says no lesions were confirmed', () => {
    const review = reviewFixture();
    const sr = createMeasurementReport({ pet: review.pet, lesions: [], units: 'SUVbw', decisions: [], algorithm: { ...ALGORITHM, settings: SETTINGS } });
    const file = writeTemp('sr-empty.dcm', sr.arrayBuffer);
    expect(errorLines(dciodvfy(file).output)).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.status).toBe(0);
    expect(dump.output).toContain('No hepatic lesions confirmed by the reader');
  });

  it('the validators do see errors in the broken fixtures (they are not silent)', () => {
    const brokenSeg = writeTemp('seg_broken.dcm', fixtureBytes('dicom-validation/broken/seg_broken.dcm'));
    expect(errorLines(dciodvfy(brokenSeg).output).length).toBeGreaterThan(0);
    const brokenSr = writeTemp('sr_broken.dcm', fixtureBytes('dicom-validation/broken/sr_broken.dcm'));
    expect(dsrdump(brokenSr).status).not.toBe(0);
  });
});
