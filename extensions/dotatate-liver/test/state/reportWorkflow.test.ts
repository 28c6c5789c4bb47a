import type { BuiltReport, ReportEffects, ReviewSnapshot, ReviewStore } from '../../src/state';
import { createReportWorkflow, describeStoreFailure, selectHasUnsavedWork } from '../../src/state';
import { box, firstResult, runDetection, storeWithStatistics } from './reviewFixtures';

/** A report writer that records what it was asked and encodes the snapshot's gist as bytes. */
function fakeBuilder() {
  let uid = 100;
  const snapshots: ReviewSnapshot[] = [];
  const buildReport = jest.fn((snapshot: ReviewSnapshot): BuiltReport => {
    snapshots.push(snapshot);
    const encode = (part: string) =>
      new TextEncoder().encode(JSON.stringify({ part, lesions: snapshot.lesions.map((l) => l.candidate.id), revision: snapshot.revision })).buffer as ArrayBuffer;
    const sr = { sr: encode('SR'), srSopInstanceUID: `2.25.${uid++}` };
    return snapshot.lesions.length > 0 ? { ...sr, seg: encode('SEG'), segSopInstanceUID: `2.25.${uid++}` } : sr;
  });
  return { buildReport, snapshots };
}

/** A PACS that fails with the queued errors first, then stores; it never deletes anything. */
function fakePacs(...failures: unknown[]) {
  const stored: ArrayBuffer[][] = [];
  const storeInstances = jest.fn(async (parts: ArrayBuffer[]) => {
    if (failures.length > 0) throw failures.shift();
    stored.push(parts);
  });
  return { stored, storeInstances };
}

const decode = (bytes: ArrayBuffer) => JSON.parse(new TextDecoder().decode(bytes)) as { part: string; lesions: number[] };

function reviewed(): ReviewStore {
  const store = storeWithStatistics();
  runDetection(store, firstResult());
  store.accept(1);
  store.accept(3);
  store.reject(2, 'physiologic-uptake');
  store.reject(4, 'edge-slice');
  store.reject(5, 'below-threshold');
  return store;
}

function workflowFor(review: ReviewStore, pacs = fakePacs(), builder = fakeBuilder()) {
  const effects: ReportEffects = { ...builder, storeInstances: pacs.storeInstances, now: () => new Date('2024-06-01T12:00:00Z') };
  return { workflow: createReportWorkflow(review, effects), pacs, builder };
}

describe('report workflow', () => {
  it('builds a SEG and an SR of the confirmed lesions and stores the SEG first', async () => {
    const review = reviewed();
    review.addLesion(box([4, 4, 4], [6, 6, 6]));
    review.editBoundary(3, box([9, 9, 0], [12, 12, 3]));
    const { workflow, pacs, builder } = workflowFor(review);
    await workflow.createReport();

    const snapshot = builder.snapshots[0];
    expect(snapshot.lesions.map((l) => [l.segmentNumber, l.candidate.id, l.algorithmType])).toEqual([
      [1, 1, 'AUTOMATIC'],
      [2, 3, 'SEMIAUTOMATIC'],
      [3, 6, 'MANUAL'],
    ]);
    expect(snapshot.candidates).toHaveLength(6);
    expect(snapshot.zeroLesionsConfirmed).toBe(false);
    expect(snapshot.predecessorSopInstanceUIDs).toEqual([]);
    expect(pacs.stored).toHaveLength(1);
    expect(pacs.stored[0].map((part) => decode(part).part)).toEqual(['SEG', 'SR']);

    const state = workflow.getState();
    expect(state.phase).toBe('stored');
    expect(review.getState().storedReports).toEqual([
      { revision: snapshot.revision, srSopInstanceUID: '2.25.100', segSopInstanceUID: '2.25.101', storedAt: '2024-06-01T12:00:00.000Z' },
    ]);
    expect(selectHasUnsavedWork(review.getState())).toBe(false);
    expect(workflow.reportIsStale()).toBe(false);
  });

  it('keeps the report when storing fails, offers it for download, and stores it on retry', async () => {
    const review = reviewed();
    const networkDown = new TypeError('Failed to fetch');
    const refused = Object.assign(new Error('Service Unavailable'), { status: 503 });
    const { workflow, pacs, builder } = workflowFor(review, fakePacs(networkDown, refused));
    const reviewBefore = review.getState();

    await workflow.createReport();
    let state = workflow.getState();
    expect(state).toMatchObject({ phase: 'storeFailed', attempt: 1, httpStatus: null, message: expect.stringMatching(/did not answer \(Failed to fetch\).*retry, or download/) });
    expect(review.getState()).toBe(reviewBefore); // the review is untouched
    const files = workflow.downloadableFiles();
    expect(files.map((f) => f.name)).toEqual(['DOTATATE-liver-SEG-2.25.101.dcm', 'DOTATATE-liver-SR-2.25.100.dcm']);
    expect(files.map((f) => decode(f.bytes).part)).toEqual(['SEG', 'SR']);
    expect(files.every((f) => f.mediaType === 'application/dicom')).toBe(true);

    await workflow.retry();
    state = workflow.getState();
    expect(state).toMatchObject({ phase: 'storeFailed', attempt: 2, httpStatus: 503, message: expect.stringMatching(/refused the report \(HTTP 503\)/) });
    expect(review.getState()).toBe(reviewBefore);

    await workflow.retry();
    expect(workflow.getState()).toMatchObject({ phase: 'stored' });
    expect(builder.buildReport).toHaveBeenCalledTimes(1); // the same objects, the same UIDs
    expect(pacs.storeInstances).toHaveBeenCalledTimes(3);
    expect(pacs.stored).toEqual([files.map((f) => f.bytes)]);
    expect(review.getState().storedReports).toHaveLength(1);
  });

  it('asks before an empty report, then writes an SR that says so and no SEG', async () => {
    const review = storeWithStatistics();
    runDetection(review, firstResult());
    for (const id of [1, 2, 3, 4, 5]) review.reject(id, 'physiologic-uptake');
    const builder = fakeBuilder();
    // A writer that returns a SEG anyway must not get it stored.
    const eager = jest.fn((snapshot: ReviewSnapshot) => ({ ...builder.buildReport(snapshot), seg: new ArrayBuffer(8), segSopInstanceUID: '2.25.999' }));
    const { workflow, pacs } = workflowFor(review, fakePacs(), { ...builder, buildReport: eager });

    await workflow.createReport();
    expect(workflow.getState()).toEqual({ phase: 'confirmingZeroLesions', pendingCount: 0 });
    expect(eager).not.toHaveBeenCalled();
    workflow.cancelZeroLesions();
    expect(workflow.getState()).toEqual({ phase: 'idle' });

    await workflow.createReport();
    await workflow.confirmZeroLesions();
    expect(builder.snapshots[0]).toMatchObject({ zeroLesionsConfirmed: true, lesions: [] });
    expect(pacs.stored).toHaveLength(1);
    expect(pacs.stored[0].map((part) => decode(part).part)).toEqual(['SR']);
    expect(review.getState().storedReports[0].segSopInstanceUID).toBeNull();
    expect(workflow.downloadableFiles().map((f) => f.name)).toEqual([expect.stringMatching(/^DOTATATE-liver-SR-/)]);
  });

  it('lets a second report supersede the first, naming it as predecessor, deleting nothing', async () => {
    const review = reviewed();
    const { workflow, pacs, builder } = workflowFor(review);
    await workflow.createReport();
    workflow.dismiss();
    review.accept(5);
    expect(workflow.reportIsStale()).toBe(true);

    await workflow.createReport();
    expect(builder.snapshots[1].predecessorSopInstanceUIDs).toEqual(['2.25.100', '2.25.101']);
    expect(pacs.stored).toHaveLength(2);
    expect(decode(pacs.stored[1][0]).lesions).toEqual([1, 3, 5]);
    expect(review.getState().storedReports.map((r) => r.srSopInstanceUID)).toEqual(['2.25.100', '2.25.102']);
    expect(workflow.reportIsStale()).toBe(false);
  });

  it('marks the stored report stale when an accepted lesion is edited afterwards', async () => {
    const review = reviewed();
    const { workflow } = workflowFor(review);
    await workflow.createReport();
    expect(workflow.reportIsStale()).toBe(false);
    review.editBoundary(1, box([0, 0, 0], [2, 2, 2]));
    expect(workflow.reportIsStale()).toBe(true);
    expect(selectHasUnsavedWork(review.getState())).toBe(true);
    expect(review.getState().candidates[0].decision.kind).toBe('accepted');
  });

  it('ignores Create report while one is being stored', async () => {
    const review = reviewed();
    let release: () => void = () => undefined;
    const slowPacs = jest.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const builder = fakeBuilder();
    const workflow = createReportWorkflow(review, { buildReport: builder.buildReport, storeInstances: slowPacs });
    const first = workflow.createReport();
    await Promise.resolve();
    expect(workflow.getState().phase).toBe('storing');
    await workflow.createReport();
    expect(builder.buildReport).toHaveBeenCalledTimes(1);
    release();
    await first;
    expect(workflow.getState().phase).toBe('stored');
  });

  it('reports a writer failure or an incomplete report without touching the review', async () => {
    const review = reviewed();
    const before = review.getState();
    const broken = createReportWorkflow(review, {
      buildReport: () => {
        throw new Error('no PET instance metadata');
      },
      storeInstances: fakePacs().storeInstances,
    });
    await broken.createReport();
    expect(broken.getState()).toEqual({ phase: 'buildFailed', message: expect.stringMatching(/no PET instance metadata/) });

    const noSeg = createReportWorkflow(review, { buildReport: () => ({ sr: new ArrayBuffer(4), srSopInstanceUID: '2.25.5' }), storeInstances: fakePacs().storeInstances });
    await noSeg.createReport();
    expect(noSeg.getState()).toEqual({ phase: 'buildFailed', message: expect.stringMatching(/no SEG for 2 lesions/) });
    expect(review.getState()).toBe(before);
    noSeg.dismiss();
    expect(noSeg.getState()).toEqual({ phase: 'idle' });
  });

  it('asks for a detection run before any report', async () => {
    const { workflow, builder } = workflowFor(storeWithStatistics());
    await workflow.createReport();
    expect(workflow.getState()).toEqual({ phase: 'buildFailed', message: expect.stringMatching(/Run the detection first/) });
    expect(builder.buildReport).not.toHaveBeenCalled();
  });

  it('reads an HTTP status from the errors STOW clients throw', () => {
    expect(describeStoreFailure({ httpStatus: 409 }).httpStatus).toBe(409);
    expect(describeStoreFailure('offline')).toEqual({ httpStatus: null, message: expect.stringMatching(/did not answer \(offline\)/) });
  });
});
