import { createMeasurementReport } from '../../src/dicom/srWriter';
import { readMeasurementReport } from '../../src/dicom/srReader';
import { DicomInputError } from '../../src/dicom/dataset';
import { ALGORITHM, reviewFixture, SETTINGS } from './helpers/reviewFixture';
import { reviewedObjects } from './helpers/reviewedObjects';
import { fixtureBytes } from './helpers/syntheticPet';

function reviewedReport(units: 'SUVbw' | 'relative' = 'SUVbw') {
  return reviewedObjects({ units });
}

describe('createMeasurementReport / readMeasurementReport', () => {
  it('reads back each lesion with the values it was given, linked to its SEG segment', () => {
    const { review, seg, sr } = reviewedReport();
    const report = readMeasurementReport(sr.arrayBuffer);
    expect(report.lesions).toHaveLength(3);
    review.lesions.forEach((lesion, n) => {
      const read = report.lesions[n];
      expect(read.lesionId).toBe(lesion.id);
      expect(read.units).toBe('SUVbw');
      // The statistics are float32 values; the 16-character DS keeps them exactly.
      expect(Math.fround(read.suvMax as number)).toBe(lesion.suvMax);
      expect(Math.fround(read.suvMean as number)).toBe(lesion.suvMean);
      expect(Math.fround(read.suvPeak as number)).toBe(lesion.suvPeak);
      expect(Math.fround(read.volumeMl as number)).toBe(lesion.volumeMl);
      expect(Math.fround(read.totalLesionActivity as number)).toBe(lesion.totalLesionActivity);
      expect(read.segSopInstanceUID).toBe(seg.sopInstanceUID);
      expect(read.segmentNumber).toBe(seg.segments[n].segmentNumber);
      expect(read.trackingUid).toBe(seg.segments[n].trackingUid);
      expect(read.sourceSeriesInstanceUID).toBe(review.pet.seriesInstanceUID);
      expect(read.finding?.value).toBe('14799000');
      expect(read.findingSite?.value).toBe('10200004');
    });
  });

  it('records the liver reference, every reader decision and the algorithm settings', () => {
    const { review, sr } = reviewedReport();
    const report = readMeasurementReport(sr.arrayBuffer);
    expect(Math.fround(report.liverReference?.mean as number)).toBe(review.liverReference.mean);
    expect(Math.fround(report.liverReference?.sd as number)).toBe(review.liverReference.sd);
    expect(Math.fround(report.liverReference?.threshold as number)).toBe(review.liverReference.threshold);
    expect(report.decisions.map((d) => [d.candidateId, d.decision, d.reason])).toEqual(
      review.decisions.map((d) => [d.candidateId, d.decision, d.reason]),
    );
    expect(report.decisions.map((d) => d.score)).toEqual(review.decisions.map((d) => d.score));
    expect(report.algorithm.settings).toEqual({
      algorithmVersion: ALGORITHM.version,
      ...Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, String(v)])),
    });
    expect(report.algorithm.name).toBe(ALGORITHM.name);
    expect(report.procedureReported?.value).toBe('44139-4');
    expect(report.noLesionsConfirmed).toBe(false);
  });

  it('writes the SUV values with the UCUM unit {SUVbw}g/ml and their derivations', () => {
    const { sr } = reviewedReport();
    const text = JSON.stringify(sr.dataset);
    expect(text).toContain('"CodeValue":"{SUVbw}g/ml","CodingSchemeDesignator":"UCUM"');
    for (const derivation of ['56851009', '373098007', '126031', '126410', '118565006']) expect(text).toContain(`"CodeValue":"${derivation}"`);
  });

  it('reports relative uptake without claiming SUVbw when the PET is not calibrated', () => {
    const { sr } = reviewedReport('relative');
    const report = readMeasurementReport(sr.arrayBuffer);
    expect(report.lesions[0].units).toBe('relative');
    expect(report.lesions[0].suvMax).toBeGreaterThan(0);
    expect(JSON.stringify(sr.dataset)).not.toContain('{SUVbw}g/ml');
  });

  it('writes a report that says no lesions were confirmed when there are none', () => {
    const review = reviewFixture();
    const sr = createMeasurementReport({
      pet: review.pet,
      lesions: [],
      units: 'SUVbw',
      liverReference: review.liverReference,
      decisions: [{ candidateId: 5, decision: 'rejected', reason: 'Motion artefact', score: 0.3 }],
      algorithm: { ...ALGORITHM, settings: SETTINGS },
    });
    const report = readMeasurementReport(sr.arrayBuffer);
    expect(report.noLesionsConfirmed).toBe(true);
    expect(report.lesions).toEqual([]);
    expect(report.decisions).toHaveLength(1);
  });

  it('refuses lesions without a SEG, lesions missing from the SEG and rejections without a reason', () => {
    const { review, seg } = reviewedReport();
    const base = { pet: review.pet, units: 'SUVbw' as const, decisions: [], algorithm: { ...ALGORITHM, settings: {} } };
    expect(() => createMeasurementReport({ ...base, lesions: review.lesions })).toThrow(/no SEG to refer to/);
    expect(() => createMeasurementReport({ ...base, seg, lesions: [{ ...review.lesions[0], id: 99 }] })).toThrow(/Lesion 99 has no segment/);
    expect(() =>
      createMeasurementReport({ ...base, seg, lesions: review.lesions, decisions: [{ candidateId: 5, decision: 'rejected' }] }),
    ).toThrow(/rejected without a reason/);
  });

  it('gives clear errors for a truncated file, a SEG and a non-DICOM buffer', () => {
    expect(() => readMeasurementReport(fixtureBytes('dicom-validation/broken/seg_truncated.dcm'))).toThrow(/truncated/);
    expect(() => readMeasurementReport(fixtureBytes('dicom-validation/dcmqi-examples/sr-example_seg.dcm'))).toThrow(/not a TID 1500/);
    expect(() => readMeasurementReport(new Uint8Array(10))).toThrow(DicomInputError);
  });
});
