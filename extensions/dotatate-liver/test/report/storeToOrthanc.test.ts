/**
 * The report workflow with the real writers and a real PACS: a private Orthanc (the harness's
 * starter, its own storage and a free port). Stored reports are listed by QIDO-RS in the study;
 * a stopped PACS and a refused request fail with a message (and the HTTP status when there is
 * one), keep the built objects for download, and a retry stores the very same objects.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { findFreePort, startOrthanc, type RunningOrthanc } from '../../../../platform-config/src/orthanc';
import { buildReportObjects, type PredecessorInstance } from '../../src/adapter/report/buildReport';
import { stowRs } from '../../src/adapter/report/stowRs';
import { toStowError } from '../../src/adapter/report/viewerStore';
import { readPart10 } from '../../src/dicom';
import { createReportWorkflow, type ReportEffects, type ReviewStore } from '../../src/state';
import { box, reviewedStore, syntheticStudy } from './helpers/reviewedStudy';

type DicomJson = Record<string, { Value?: unknown[] }>;

const study = syntheticStudy();
let storageDir: string;
let port: number;
let orthanc: RunningOrthanc | null = null;

async function startPacs(): Promise<RunningOrthanc> {
  orthanc = await startOrthanc({ storageDir, httpPort: port });
  return orthanc;
}

async function stopPacs(): Promise<void> {
  await orthanc?.stop();
  orthanc = null;
}

/** The harness's Orthanc wants its per-run credential, as a hospital PACS would want the viewer's. */
function withCredential(init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), Authorization: orthanc?.authorization ?? '' } };
}

async function qido(url: string): Promise<DicomJson[]> {
  const response = await fetch(url, withCredential({ headers: { Accept: 'application/dicom+json' } }));
  if (!response.ok) throw new Error(`QIDO ${url} answered ${response.status}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as DicomJson[]) : [];
}

const value = (item: DicomJson, tag: string) => item[tag]?.Value?.[0];

/** The study's series as QIDO-RS lists them: modality → SeriesInstanceUIDs. */
async function seriesInStudy(): Promise<Record<string, string[]>> {
  const series = await qido(`http://127.0.0.1:${port}/dicom-web/studies/${study.pet.studyInstanceUID}/series`);
  const byModality: Record<string, string[]> = {};
  for (const item of series) (byModality[String(value(item, '00080060'))] ??= []).push(String(value(item, '0020000E')));
  return byModality;
}

/** The workflow with the real writers; like the viewer, it remembers what it wrote to name predecessors. */
function workflowAgainst(review: ReviewStore, dicomWebRoot: () => string) {
  const written = new Map<string, PredecessorInstance>();
  const effects: ReportEffects = {
    buildReport: (snapshot) => {
      const objects = buildReportObjects(snapshot, { petInstances: study.petInstances, findPredecessor: (uid) => written.get(uid) ?? null });
      for (const result of [objects.sr, objects.seg]) {
        if (result) {
          written.set(result.sopInstanceUID, {
            studyInstanceUID: study.pet.studyInstanceUID,
            seriesInstanceUID: result.seriesInstanceUID,
            sopClassUID: String(result.dataset.SOPClassUID),
            sopInstanceUID: result.sopInstanceUID,
          });
        }
      }
      return objects.built;
    },
    storeInstances: (parts) => stowRs(dicomWebRoot(), parts, { fetch: (url, init) => fetch(url, withCredential(init)) }),
  };
  return createReportWorkflow(review, effects);
}

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(os.tmpdir(), 'report-orthanc-'));
  port = await findFreePort();
  await startPacs();
}, 60_000);

afterAll(async () => {
  await stopPacs();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

describe('storing reports in Orthanc', () => {
  it('stores the SEG and the SR, which QIDO-RS then lists in the study', async () => {
    const review = reviewedStore(study);
    const workflow = workflowAgainst(review, () => `http://127.0.0.1:${port}/dicom-web`);
    await workflow.createReport();
    const state = workflow.getState();
    if (state.phase !== 'stored') throw new Error(`not stored: ${JSON.stringify(state)}`);

    const seg = readPart10(state.report.built.seg!, 'SEG');
    const sr = readPart10(state.report.built.sr, 'SR');
    const listed = await seriesInStudy();
    expect(listed.SEG).toContain(seg.SeriesInstanceUID);
    expect(listed.SR).toContain(sr.SeriesInstanceUID);
    const instances = await qido(`http://127.0.0.1:${port}/dicom-web/studies/${study.pet.studyInstanceUID}/series/${String(seg.SeriesInstanceUID)}/instances`);
    expect(instances.map((item) => value(item, '00080018'))).toEqual([state.report.built.segSopInstanceUID]);
    expect(review.getState().storedReports.map((record) => record.srSopInstanceUID)).toEqual([state.report.built.srSopInstanceUID]);
  }, 60_000);

  it('keeps the report for download when the PACS is down, and a retry stores the same objects', async () => {
    const review = reviewedStore(study);
    const workflow = workflowAgainst(review, () => `http://127.0.0.1:${port}/dicom-web`);
    await stopPacs();
    try {
      await workflow.createReport();
      const failed = workflow.getState();
      if (failed.phase !== 'storeFailed') throw new Error(`expected a failed store, got ${failed.phase}`);
      expect(failed.httpStatus).toBeNull();
      expect(failed.message).toMatch(/^The report could not be stored: the PACS did not answer \(cannot reach http:\/\/127\.0\.0\.1:\d+\/dicom-web\/studies .*\)\. The report is kept: retry, or download it\.$/);
      const files = workflow.downloadableFiles();
      expect(files.map((file) => file.name)).toEqual([
        `DOTATATE-liver-SEG-${failed.report.built.segSopInstanceUID}.dcm`,
        `DOTATATE-liver-SR-${failed.report.built.srSopInstanceUID}.dcm`,
      ]);
      expect(files[1].bytes).toBe(failed.report.built.sr);
      expect(review.getState().storedReports).toEqual([]);
    } finally {
      await startPacs();
    }
    const kept = workflow.getState();
    await workflow.retry();
    const stored = workflow.getState();
    if (stored.phase !== 'stored' || kept.phase !== 'storeFailed') throw new Error(`retry did not store: ${stored.phase}`);
    expect(stored.report.built).toBe(kept.report.built);
    const sr = readPart10(stored.report.built.sr, 'SR');
    expect((await seriesInStudy()).SR).toContain(sr.SeriesInstanceUID);
  }, 90_000);

  it('fails with the HTTP status when the PACS refuses the request, and offers the download', async () => {
    const review = reviewedStore(study);
    const workflow = workflowAgainst(review, () => `http://127.0.0.1:${port}/no-dicom-web-here`);
    await workflow.createReport();
    const state = workflow.getState();
    if (state.phase !== 'storeFailed') throw new Error(`expected a failed store, got ${state.phase}`);
    expect(state.httpStatus).toBe(404);
    expect(state.message).toMatch(/^The PACS refused the report \(HTTP 404\): STOW-RS to .* failed.*The report is kept: retry, or download it\.$/);
    expect(workflow.downloadableFiles()).toHaveLength(2);
  }, 30_000);

  it('stores a second report beside the first after an edit: both SRs stay, the first is marked stale until then', async () => {
    const review = reviewedStore(study);
    const workflow = workflowAgainst(review, () => `http://127.0.0.1:${port}/dicom-web`);
    await workflow.createReport();
    const first = workflow.getState();
    if (first.phase !== 'stored') throw new Error('first report not stored');
    expect(workflow.reportIsStale()).toBe(false);

    review.editBoundary(1, box([1, 1, 0], [3, 3, 2]));
    expect(workflow.reportIsStale()).toBe(true);
    workflow.dismiss();
    await workflow.createReport();
    const second = workflow.getState();
    if (second.phase !== 'stored') throw new Error('second report not stored');
    expect(workflow.reportIsStale()).toBe(false);

    const srSeries = (await seriesInStudy()).SR;
    for (const report of [first, second]) expect(srSeries).toContain(String(readPart10(report.report.built.sr, 'SR').SeriesInstanceUID));
    // As the PACS holds it, the second SR lists the first SR and SEG as predecessor documents.
    const secondSr = readPart10(second.report.built.sr, 'SR');
    const [metadata] = await qido(
      `http://127.0.0.1:${port}/dicom-web/studies/${study.pet.studyInstanceUID}/series/${String(secondSr.SeriesInstanceUID)}/instances/${second.record.srSopInstanceUID}/metadata`,
    );
    const predecessors = (metadata['0040A360']?.Value ?? []) as DicomJson[];
    const referenced = predecessors.flatMap((item) =>
      ((item['00081115']?.Value ?? []) as DicomJson[]).flatMap((series) => ((series['00081199']?.Value ?? []) as DicomJson[]).map((sop) => value(sop, '00081155'))),
    );
    expect(referenced).toEqual([first.record.srSopInstanceUID, first.record.segSopInstanceUID]);
  }, 60_000);
});

describe('toStowError', () => {
  it('reads the status of a dicomweb-client error, and treats status 0 as no answer', () => {
    const refused = Object.assign(new Error('request failed'), { status: 400, response: new TextEncoder().encode('{"Message":"Bad request","Details":"not DICOM"}').buffer });
    expect(toStowError(refused)).toMatchObject({ status: 400, message: 'request failed: Bad request: not DICOM' });
    expect(toStowError(Object.assign(new Error('request failed'), { status: 0 }))).toMatchObject({ status: null, message: 'request failed' });
  });
});
