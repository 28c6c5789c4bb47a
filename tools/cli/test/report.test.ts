/**
 * `dotatate-liver report` on a detected and reviewed analytic PET series: the SEG and SR it writes
 * pass dciodvfy (no Error line), dsrdump and the TID 1500 checks, the SR's numbers are recomputed
 * from the PET (equal to the result file's unless someone edited them), outputs appear together or
 * not at all, and bad review files are refused with a message naming the lesion and the field.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTid1500, newUid, petSeriesFromDatasets, readLesionSeg, readMeasurementReport, readPart10, writePart10 } from 'ohif-extension-dotatate-liver/src/dicom';
import { dciodvfy, dsrdump, errorLines } from 'ohif-extension-dotatate-liver/test/dicom/helpers/validators';
import { listFiles } from '../src/io/scanDicomFolder';
import { writePetSeries } from './detect/writePetSeries';
import { runCli as run } from './runCli';

const bytesOf = (file: string) => {
  const buffer = readFileSync(file);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
};

/** Runs of a box [from, to) on the analytic grid (48 × 40 × 24). */
function boxRuns(from: [number, number, number], to: [number, number, number]): number[] {
  const runs: number[] = [];
  for (let k = from[2]; k < to[2]; k++) for (let j = from[1]; j < to[1]; j++) runs.push(from[0] + 48 * (j + 40 * k), to[0] - from[0]);
  return runs;
}

/** The analytic series lacks a Frame of Reference, which a SEG must share with its source: add one. */
function addFrameOfReference(folder: string): void {
  const frameOfReferenceUID = newUid();
  for (const path of listFiles(folder)) {
    writeFileSync(path, new Uint8Array(writePart10({ ...readPart10(bytesOf(path), 'PET'), FrameOfReferenceUID: frameOfReferenceUID })));
  }
}

describe('dotatate-liver report', () => {
  let root: string;
  let study: string;
  let detected: { lesions: Array<Record<string, unknown>> } & Record<string, unknown>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'report-cli-'));
    study = join(root, 'study');
    writePetSeries(study);
    addFrameOfReference(study);
    const { code, err } = await run(['detect', study, '--out', join(root, 'result.json'), '--quiet']);
    if (code !== 0) throw new Error(`detect failed: ${err}`);
    detected = JSON.parse(readFileSync(join(root, 'result.json'), 'utf8'));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function reviewed(name: string, lesions: Array<Record<string, unknown>>): string {
    const file = join(root, name);
    writeFileSync(file, JSON.stringify({ ...detected, lesions }));
    return file;
  }

  it('writes a SEG and a TID 1500 SR that pass dciodvfy, dsrdump and the checks, with the result file\'s numbers', async () => {
    expect(detected.lesions).toHaveLength(1);
    const [lesion] = detected.lesions;
    const added = { id: 2, decision: 'added', region: { dimensions: [48, 40, 24], runs: boxRuns([30, 18, 10], [32, 20, 12]) } };
    const file = reviewed('reviewed.json', [{ ...lesion, decision: { kind: 'accepted' } }, added]);
    const seg = join(root, 'out-seg.dcm');
    const sr = join(root, 'out-sr.dcm');
    const { code, out, err } = await run(['report', study, '--result', file, '--seg', seg, '--sr', sr, '--quiet']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(`SEG with 2 segment(s) → ${seg}; SR (TID 1500) → ${sr}; 0 candidate(s) left pending\n`);

    for (const written of [seg, sr]) expect(errorLines(dciodvfy(written).output)).toEqual([]);
    const dump = dsrdump(sr);
    expect(dump.status).toBe(0);
    expect(dump.output).toContain('<CONTAINER:(,,"Imaging Measurement Report")=SEPARATE>');

    const pet = petSeriesFromDatasets(listFiles(study).map((path) => readPart10(bytesOf(path), 'PET')));
    const segRead = readLesionSeg(bytesOf(seg), pet);
    const counts = [1, 2].map((segment) => Array.from(segRead.labels.voxels).filter((value) => value === segment).length);
    expect(counts).toEqual([lesion.voxels, 8]);
    expect(segRead.segments.map((segment) => [segment.lesionId, segment.algorithmType])).toEqual([
      [1, 'AUTOMATIC'],
      [2, 'MANUAL'],
    ]);

    const report = readMeasurementReport(bytesOf(sr));
    expect(checkTid1500(report.dataset, segRead.dataset)).toEqual([]);
    const first = report.lesions.find((reported) => reported.lesionId === 1);
    expect(first).toMatchObject({
      suvMax: lesion.suvMax,
      suvMean: lesion.suvMean,
      suvPeak: lesion.suvPeak,
      volumeMl: lesion.volumeMl,
      totalLesionActivity: lesion.totalLesionActivity,
      segmentNumber: 1,
    });
    expect(report.liverReference).toEqual({
      mean: (detected.reference as { mean: number }).mean,
      sd: (detected.reference as { sd: number }).sd,
      threshold: (detected.reference as { threshold: number }).threshold,
    });
    expect(report.decisions.map((decision) => [decision.candidateId, decision.decision])).toEqual([
      [1, 'accepted'],
      [2, 'added'],
    ]);
  }, 60_000);

  it('asks for --confirm-no-lesions when nothing is confirmed, then writes an SR that says so', async () => {
    const [lesion] = detected.lesions;
    const file = reviewed('rejected.json', [{ ...lesion, decision: { kind: 'rejected', reason: 'physiologic-uptake', note: 'bowel' } }]);
    const sr = join(root, 'none-sr.dcm');
    const refused = await run(['report', study, '--result', file, '--sr', sr]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/no lesion in the result is accepted or added: pass --confirm-no-lesions/);

    const { code, out } = await run(['report', study, '--result', file, '--sr', sr, '--confirm-no-lesions', '--quiet']);
    expect(code).toBe(0);
    expect(out).toBe(`No confirmed lesion: SR (TID 1500) recording none → ${sr}; no SEG written\n`);
    const report = readMeasurementReport(bytesOf(sr));
    expect(report.noLesionsConfirmed).toBe(true);
    expect(report.decisions).toEqual([{ candidateId: 1, decision: 'rejected', reason: 'Physiologic uptake: bowel', score: lesion.score }]);
    expect(errorLines(dciodvfy(sr).output)).toEqual([]);
  }, 60_000);

  it('refuses PET headers without a Frame of Reference, naming it', async () => {
    const bare = join(root, 'bare');
    writePetSeries(bare);
    const { code: detectCode } = await run(['detect', bare, '--out', join(root, 'bare.json'), '--quiet']);
    expect(detectCode).toBe(0);
    const bareResult = JSON.parse(readFileSync(join(root, 'bare.json'), 'utf8'));
    const file = join(root, 'bare-reviewed.json');
    writeFileSync(file, JSON.stringify({ ...bareResult, lesions: bareResult.lesions.map((lesion: object) => ({ ...lesion, decision: 'accepted' })) }));
    const { code, err } = await run(['report', bare, '--result', file, '--seg', join(root, 'bare-seg.dcm'), '--sr', join(root, 'bare-sr.dcm')]);
    expect(code).toBe(1);
    expect(err).toBe('dotatate-liver report: The PET instances lack FrameOfReferenceUID; a SEG or SR cannot refer to them.\n');
  }, 60_000);

  it('recomputes the SR statistics from the PET and the lesion mask, never copying edited numbers from the result file', async () => {
    const [lesion] = detected.lesions;
    const reference = detected.reference as { mean: number; sd: number; threshold: number };
    const edited = { ...detected, reference: { ...reference, mean: 99 }, lesions: [{ ...lesion, totalLesionActivity: 9999, suvMean: 88, suvPeak: 77, volumeMl: 66, decision: 'accepted' }] };
    const file = join(root, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    const sr = join(root, 'edited-sr.dcm');
    const { code, err } = await run(['report', study, '--result', file, '--seg', join(root, 'edited-seg.dcm'), '--sr', sr, '--quiet']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = readMeasurementReport(bytesOf(sr));
    expect(report.lesions[0]).toMatchObject({ totalLesionActivity: lesion.totalLesionActivity, suvMean: lesion.suvMean, suvPeak: lesion.suvPeak, volumeMl: lesion.volumeMl });
    expect(report.liverReference).toEqual({ mean: reference.mean, sd: reference.sd, threshold: reference.threshold });
  }, 60_000);

  it('refuses --seg and --sr naming the same file, before any work', async () => {
    const [lesion] = detected.lesions;
    const file = reviewed('same.json', [{ ...lesion, decision: 'accepted' }]);
    const same = join(root, 'same.dcm');
    const { code, err } = await run(['report', study, '--result', file, '--seg', same, '--sr', join(root, '.', 'same.dcm')]);
    expect(code).toBe(2);
    expect(err).toMatch(/--seg and --sr name the same file/);
    expect(() => readFileSync(same)).toThrow(/ENOENT/);
  });

  it('writes neither the SEG nor the SR when the SR cannot be written', async () => {
    const [lesion] = detected.lesions;
    const file = reviewed('partial.json', [{ ...lesion, decision: 'accepted' }]);
    const seg = join(root, 'partial-seg.dcm');
    const { code, err } = await run(['report', study, '--result', file, '--seg', seg, '--sr', join(root, 'no-such-folder', 'sr.dcm')]);
    expect(() => readFileSync(seg)).toThrow(/ENOENT/);
    expect(code).toBe(2);
    expect(err).toMatch(/--sr .*no-such-folder.*the folder .*no-such-folder does not exist/);
  }, 60_000);

  it.each([
    ['a rejection without a reason', { decision: { kind: 'rejected' } }, 2, /lesions\[0\] \(id 1\): a rejection needs a "reason"/],
    ['an added lesion without voxels', { id: 7, decision: 'added' }, 2, /lesions\[0\] \(id 7\): a lesion added by the reader needs its "region"/],
    ['a result that does not match the folder', { voxels: 3, decision: 'accepted' }, 1, /does not match a fresh detection on this folder: lesion 1 has 3 voxel\(s\)/],
  ])('refuses %s and writes nothing', async (_name, change, exitCode, message) => {
    const [lesion] = detected.lesions;
    const file = reviewed('bad.json', [{ ...lesion, ...change }]);
    const sr = join(root, 'bad-sr.dcm');
    const { code, err } = await run(['report', study, '--result', file, '--seg', join(root, 'bad-seg.dcm'), '--sr', sr]);
    expect(code).toBe(exitCode);
    expect(err).toMatch(message);
    expect(() => readFileSync(sr)).toThrow(/ENOENT/);
  }, 60_000);
});
