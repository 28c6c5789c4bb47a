/**
 * buildReportObjects on a review driven through the reader's actions: the SEG read back with
 * dcmjs holds exactly the confirmed lesions' voxels, the SR holds the snapshot's statistics, and
 * bad input is refused with a message that names the problem.
 */
import { buildReportObjects, decisionForReport } from '../../src/adapter/report/buildReport';
import { checkTid1500, DicomInputError, readLesionSeg, readMeasurementReport, readPart10 } from '../../src/dicom';
import { decimalString } from '../../src/dicom/dataset';
import { paintRegion } from '../../src/state';
import { createReviewSnapshot, type ReviewSnapshot } from '../../src/state';
import { dciodvfy, errorLines, writeTemp } from '../dicom/helpers/validators';
import { box, COLUMNS, ROWS, SLICES, reviewedStore, syntheticStudy, type SyntheticStudy } from './helpers/reviewedStudy';

function snapshotOf(study: SyntheticStudy): ReviewSnapshot {
  const snapshot = createReviewSnapshot(reviewedStore(study).getState(), false);
  if (!snapshot) throw new Error('no snapshot');
  return snapshot;
}

/** Same number as the SR writes it (a DS of at most 16 characters). */
const asWritten = (value: number) => Number(decimalString(value));

describe('buildReportObjects', () => {
  const study = syntheticStudy();

  it('writes a SEG whose read-back masks are voxel-identical to the confirmed lesions', () => {
    const snapshot = snapshotOf(study);
    expect(snapshot.lesions.map((lesion) => [lesion.segmentNumber, lesion.candidate.id, lesion.algorithmType])).toEqual([
      [1, 1, 'AUTOMATIC'],
      [2, 3, 'SEMIAUTOMATIC'],
      [3, 5, 'MANUAL'],
    ]);
    const { built, seg } = buildReportObjects(snapshot, { petInstances: study.petInstances });
    expect(built.seg).toBeDefined();
    expect(built.segSopInstanceUID).toBe(seg?.sopInstanceUID);

    const readBack = readLesionSeg(built.seg as ArrayBuffer, study.pet);
    const expected = new Uint16Array(COLUMNS * ROWS * SLICES);
    for (const lesion of snapshot.lesions) paintRegion(lesion.candidate.region, expected, lesion.segmentNumber);
    expect(readBack.overlappingVoxels).toBe(0);
    expect(Array.from(readBack.labels.voxels)).toEqual(Array.from(expected));
    // The edited lesion is stored with the reader's boundary, not the detector's.
    const edited = Array.from(readBack.labels.voxels).filter((value) => value === 2).length;
    expect(edited).toBe(2 * 3 * 2);
    expect(readBack.segments.map((segment) => [segment.segmentNumber, segment.lesionId, segment.algorithmType])).toEqual([
      [1, 1, 'AUTOMATIC'],
      [2, 3, 'SEMIAUTOMATIC'],
      [3, 5, 'MANUAL'],
    ]);
  });

  it('writes an SR whose values are the snapshot statistics, with every decision and reason', () => {
    const snapshot = snapshotOf(study);
    const { built, seg } = buildReportObjects(snapshot, { petInstances: study.petInstances });
    const report = readMeasurementReport(built.sr);
    expect(report.sopInstanceUID).toBe(built.srSopInstanceUID);
    expect(report.lesions).toHaveLength(3);
    for (const lesion of snapshot.lesions) {
      const reported = report.lesions.find((candidate) => candidate.lesionId === lesion.candidate.id);
      const statistics = lesion.candidate.statistics;
      expect(reported).toMatchObject({
        segSopInstanceUID: seg?.sopInstanceUID,
        segmentNumber: lesion.segmentNumber,
        sourceSeriesInstanceUID: study.pet.seriesInstanceUID,
        units: 'SUVbw',
        suvMax: asWritten(statistics.suvMax),
        suvMean: asWritten(statistics.suvMean),
        suvPeak: asWritten(statistics.suvPeak),
        volumeMl: asWritten(statistics.volumeMl),
        totalLesionActivity: asWritten(statistics.totalLesionActivity),
      });
      expect(reported?.suvMean).toBeCloseTo(statistics.suvMean, 10);
    }
    const reference = snapshot.runInfo.reference;
    expect(report.liverReference).toEqual({ mean: asWritten(reference!.mean), sd: asWritten(reference!.sd), threshold: asWritten(reference!.threshold) });
    expect(report.decisions.map(({ candidateId, decision, reason }) => ({ candidateId, decision, reason }))).toEqual([
      { candidateId: 1, decision: 'accepted', reason: undefined },
      { candidateId: 2, decision: 'rejected', reason: 'Physiologic uptake: gallbladder' },
      { candidateId: 3, decision: 'accepted', reason: 'Boundary edited by the reader' },
      { candidateId: 5, decision: 'added', reason: undefined },
    ]);
    expect(report.algorithm.settings).toMatchObject({ detector: 'classical', pixelFilterPx: '15', undecidedCandidates: '4', reviewRevision: String(snapshot.revision) });
    expect(report.noLesionsConfirmed).toBe(false);
    expect(checkTid1500(report.dataset, seg?.dataset)).toEqual([]);
  });

  it('passes dciodvfy with no error line for the SEG and the SR', () => {
    const { built } = buildReportObjects(snapshotOf(study), { petInstances: study.petInstances });
    for (const [name, bytes] of [['seg.dcm', built.seg as ArrayBuffer], ['sr.dcm', built.sr]] as const) {
      const run = dciodvfy(writeTemp(name, bytes));
      expect(run.output).toMatch(/Segmentation|ComprehensiveSR/);
      expect(errorLines(run.output)).toEqual([]);
    }
  });

  it('writes only an SR that says no lesion was confirmed, once the reader confirmed it', () => {
    const store = reviewedStore(study);
    for (const id of [1, 3]) store.reject(id, 'below-threshold');
    store.removeAddedLesion(5);
    const unconfirmed = createReviewSnapshot(store.getState(), false)!;
    expect(() => buildReportObjects(unconfirmed, { petInstances: study.petInstances })).toThrow(/not confirmed a report without lesions/);

    const { built, seg } = buildReportObjects(createReviewSnapshot(store.getState(), true)!, { petInstances: study.petInstances });
    expect(seg).toBeNull();
    expect(built.seg).toBeUndefined();
    const report = readMeasurementReport(built.sr);
    expect(report.noLesionsConfirmed).toBe(true);
    expect(report.lesions).toEqual([]);
    expect(report.decisions.filter((decision) => decision.decision === 'rejected').map((decision) => decision.candidateId)).toEqual([1, 2, 3]);
    expect(checkTid1500(report.dataset)).toEqual([]);
    expect(errorLines(dciodvfy(writeTemp('sr-empty.dcm', built.sr)).output)).toEqual([]);
  });

  it('lists the report it supersedes as a predecessor document', () => {
    const first = buildReportObjects(snapshotOf(study), { petInstances: study.petInstances });
    const known = new Map(
      [first.sr, first.seg!].map((result) => [
        result.sopInstanceUID,
        { studyInstanceUID: study.pet.studyInstanceUID, seriesInstanceUID: result.seriesInstanceUID, sopClassUID: String(result.dataset.SOPClassUID), sopInstanceUID: result.sopInstanceUID },
      ]),
    );
    const snapshot: ReviewSnapshot = { ...snapshotOf(study), predecessorSopInstanceUIDs: [first.sr.sopInstanceUID, first.seg!.sopInstanceUID, '2.25.42'] };
    const second = buildReportObjects(snapshot, { petInstances: study.petInstances, findPredecessor: (uid) => known.get(uid) ?? null });

    const dataset = readPart10(second.built.sr, 'SR');
    const [study0] = dataset.PredecessorDocumentsSequence as Array<{ StudyInstanceUID: string; ReferencedSeriesSequence: Array<{ SeriesInstanceUID: string; ReferencedSOPSequence: Array<{ ReferencedSOPInstanceUID: string }> }> }>;
    expect(study0.StudyInstanceUID).toBe(study.pet.studyInstanceUID);
    expect(study0.ReferencedSeriesSequence.map((series) => [series.SeriesInstanceUID, series.ReferencedSOPSequence.map((sop) => sop.ReferencedSOPInstanceUID)])).toEqual([
      [first.sr.seriesInstanceUID, [first.sr.sopInstanceUID]],
      [first.seg!.seriesInstanceUID, [first.seg!.sopInstanceUID]],
    ]);
    // An earlier report the viewer cannot locate is still named.
    expect(readMeasurementReport(second.built.sr).algorithm.settings.supersedes).toBe('2.25.42');
    expect(second.built.srSopInstanceUID).not.toBe(first.built.srSopInstanceUID);
    expect(errorLines(dciodvfy(writeTemp('sr-second.dcm', second.built.sr)).output)).toEqual([]);
  });

  describe('refuses with a clear message', () => {
    it('headers of another series', () => {
      const other = syntheticStudy();
      expect(() => buildReportObjects(snapshotOf(study), { petInstances: other.petInstances })).toThrow(
        new DicomInputError(`The review was made on PET series ${study.pet.seriesInstanceUID}, but the headers given are of series ${other.pet.seriesInstanceUID}.`),
      );
    });

    it('a lesion whose voxels contradict its statistics (slice order reversed)', () => {
      const snapshot = snapshotOf(study);
      const [first, ...rest] = snapshot.lesions;
      // The detector's box at slices 0-1 mirrored to slices 5-6, statistics unchanged.
      const mirrored = { ...first, candidate: { ...first.candidate, region: box([1, 1, 5], [4, 3, 7]) } };
      expect(() => buildReportObjects({ ...snapshot, lesions: [mirrored, ...rest] }, { petInstances: study.petInstances })).toThrow(
        /Lesion 1's voxels lie 1\d\.\d mm from where its statistics place it/,
      );
    });

    it('two lesions that share voxels', () => {
      const snapshot = snapshotOf(study);
      const [first, second, third] = snapshot.lesions;
      const overlapping = { ...third, candidate: { ...third.candidate, region: first.candidate.region, statistics: first.candidate.statistics } };
      expect(() => buildReportObjects({ ...snapshot, lesions: [first, second, overlapping] }, { petInstances: study.petInstances })).toThrow(
        'Lesions 1 and 5 share 12 voxel(s)',
      );
    });

    it('a lesion on another grid', () => {
      const snapshot = snapshotOf(study);
      const [first, ...rest] = snapshot.lesions;
      const offGrid = { ...first, candidate: { ...first.candidate, region: { dimensions: [COLUMNS, ROWS, SLICES + 1] as [number, number, number], runs: [0, 1] } } };
      expect(() => buildReportObjects({ ...snapshot, lesions: [offGrid, ...rest] }, { petInstances: study.petInstances })).toThrow(
        `Lesion 1 lies on a 13×11×8 grid but the PET series is 13×11×7`,
      );
    });
  });

  it('records a pending candidate as undecided and no decision', () => {
    const pending = reviewedStore(study).getState().candidates.find((candidate) => candidate.id === 4)!;
    expect(decisionForReport(pending)).toBeNull();
  });
});

describe('buildReportObjects: the tracer caution in the SR', () => {
  const study = syntheticStudy();
  /** The study's PET headers with this radiopharmaceutical item (radionuclide kept from the real header). */
  const withTracer = (item: Record<string, unknown>) =>
    study.petInstances.map((instance) => {
      const [original] = instance.RadiopharmaceuticalInformationSequence as Record<string, unknown>[];
      return { ...instance, RadiopharmaceuticalInformationSequence: [{ ...original, ...item }] };
    });

  it('records the caution of the real 18F-FLT header (no radiopharmaceutical named) as a Comment, valid for dciodvfy', () => {
    const { built, sr, seg } = buildReportObjects(snapshotOf(study), { petInstances: study.petInstances });
    expect(readMeasurementReport(built.sr).cautions).toEqual([
      'The PET headers do not name the radiopharmaceutical (radionuclide Fluorine-18): this detector is validated for 68Ga-DOTATATE, a somatostatin-receptor ligand; review candidates with care.',
    ]);
    expect(checkTid1500(sr.dataset, seg?.dataset)).toEqual([]);
    expect(errorLines(dciodvfy(writeTemp('sr-caution.dcm', built.sr)).output)).toEqual([]);
  });

  it('names FDG in the caution', () => {
    const petInstances = withTracer({ RadiopharmaceuticalCodeSequence: [{ CodeValue: '35321007', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Fluorodeoxyglucose F^18^' }] });
    const { built } = buildReportObjects(snapshotOf(study), { petInstances });
    expect(readMeasurementReport(built.sr).cautions).toEqual([
      'Radiopharmaceutical is Fluorodeoxyglucose F-18, not a somatostatin-receptor ligand: this detector is validated for 68Ga-DOTATATE; review candidates with care.',
    ]);
  });

  it('writes no caution for 68Ga-DOTATATE', () => {
    const { built } = buildReportObjects(snapshotOf(study), { petInstances: withTracer({ Radiopharmaceutical: 'Ga-68 DOTATATE' }) });
    expect(readMeasurementReport(built.sr).cautions).toEqual([]);
  });
});
