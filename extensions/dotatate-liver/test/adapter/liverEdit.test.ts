/**
 * The review session's brush edit of the liver mask against fake OHIF services, a fake liver
 * labelmap (what the brush left on it is set by the test) and a fake detection worker: Apply sends
 * the painted liver as the worker's `liverMask` and the source becomes 'edited'; Cancel drops the
 * strokes; each refusal (no detection, running, empty, too small, a failed run) says why and keeps
 * the earlier liver; an open boundary edit is closed first; the liver survives a reload.
 */
import { createReviewSession, STORAGE_KEY_PREFIX, type ReviewEnvironment } from '../../src/adapter/reviewSession';
import type { LesionSegmentation } from '../../src/adapter/lesionSegmentation';
import { MINIMUM_EDITED_LIVER_ML } from '../../src/adapter/liverEdit';
import type { LiverOverlay } from '../../src/adapter/liverOverlay';
import type { OhifServices } from '../../src/adapter/ohifTypes';
import { regionFromSortedIndices } from '../../src/adapter/regionStatistics';
import type { Vec3 } from '../../src/core/types';
import { regionVoxelCount, type VoxelRegion } from '../../src/state/voxelRegion';
import type { DetectRequest, WorkerDetection, WorkerReply } from '../../src/worker/protocol';
import { answeringWorker, fakePetImageVolume, fakeViewerWithActivePet } from './fakePetImageVolume';

/** 4 × 4 × 4 PET grid of 20 mm voxels (8 ml each), origin 0: voxel (i, j, k) lies at LPS (20i, 20j, 20k) mm. */
const GRID: Vec3 = [4, 4, 4];
const VOXEL_ML = 8;
const indices = (from: number, count: number) => Array.from({ length: count }, (_, n) => from + n);
/** The automatic liver: slices 1 and 2 (linear indices 16–47, 256 ml). */
const LIVER = regionFromSortedIndices(GRID, indices(16, 32));
/** The liver after the reader erased slice 2: slice 1 only (128 ml). */
const SLICE_1 = regionFromSortedIndices(GRID, indices(16, 16));
const AUTOMATIC_CENTRES: Vec3[] = [[20, 20, 20], [40, 40, 20], [20, 20, 40]];
const LESION = regionFromSortedIndices(GRID, [21, 22]);

function petVolume() {
  return fakePetImageVolume(new Float32Array(64).fill(1), 20);
}

/** The fake worker: the given liver is used as is; one under 10 voxels holds too few spheres (as the real worker says). */
function answer(request: DetectRequest): WorkerReply {
  const { liverSeedLPS, referenceCentresLPS, liverMask } = request.options;
  if (liverMask && regionVoxelCount(liverMask) < 10) {
    return { type: 'error', runId: request.runId, message: 'The edited liver mask is too small for the reference: only 1 of 3 3 cm spheres fit in it without overlapping.' };
  }
  const centres = referenceCentresLPS ?? AUTOMATIC_CENTRES;
  const liver = liverMask ?? LIVER;
  const detection: WorkerDetection = {
    units: 'SUVbw',
    seriesInstanceUID: '1.2.840.1',
    candidates: [{ statistics: { id: 1, centroidLPS: [30, 40, 20], voxels: 2, volumeMl: 16, suvMax: 9, suvMean: 9, suvPeak: 9, totalLesionActivity: 144, longestAxialDiameterMm: 40, sliceRange: [1, 1], score: 1 }, region: LESION }],
    reference: { spheres: centres.map((centreLPS) => ({ centreLPS, radiusMm: 15, mean: 1, sd: 0.1, voxelCount: 5 })), mean: 1, sd: 0.1, threshold: 1 + regionVoxelCount(liver) / 100 },
    liver: { source: liverMask ? 'edited' : liverSeedLPS ? 'seed' : 'automatic', volumeMl: regionVoxelCount(liver) * VOXEL_ML, region: liver },
    detector: { name: 'percist', version: '1', parameters: {} },
    parameters: {},
    coreVersion: 'test',
    warnings: [],
    elapsedMs: 1,
  };
  return { type: 'result', runId: request.runId, detection };
}

function setup(storage = new Map<string, string>()) {
  const { viewportGridService, displaySetService } = fakeViewerWithActivePet();
  const services = { viewportGridService, displaySetService } as unknown as OhifServices;
  const requests: DetectRequest['options'][] = [];
  const log: string[] = [];
  /** What the brush left on the liver segment: read back by Apply. */
  const labelmap: { liver: VoxelRegion } = { liver: LIVER };
  const overlay: LiverOverlay = {
    segmentationId: 'liver',
    show: async (liver, spheres) => {
      labelmap.liver = liver;
      log.push(`show ${liver.runs.join(',')} with ${spheres.length > 0 ? 'spheres' : 'no spheres'}`);
    },
    hide: () => void log.push('hide'),
    beginEdit: (viewportIds) => void log.push(`liver paintable on ${viewportIds.join(',')}`),
    readLiver: () => labelmap.liver,
    endEdit: () => void log.push('liver locked'),
  };
  let boundaryEditing: number | null = null;
  const lesions: LesionSegmentation = {
    segmentationId: 'lesions',
    sync: async () => undefined,
    readBackEdits: () => void log.push('lesion strokes read'),
    isWriting: () => false,
    beginEdit: async (id) => void (boundaryEditing = id),
    endEdit: () => void (boundaryEditing = null),
    editingId: () => boundaryEditing,
    dispose: () => undefined,
  };
  const environment: ReviewEnvironment = {
    findVolume: () => petVolume(),
    createWorker: () => answeringWorker(answer, requests),
    createSegmentation: () => lesions,
    createLiverOverlay: () => overlay,
    centreViewports: () => [],
    armClick: () => () => undefined,
    activatePrimaryTool(viewportIds, toolName) {
      log.push(`activate ${toolName} on ${viewportIds.join(',')}`);
      return { applied: true, restore: () => log.push(`restore after ${toolName}`) };
    },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value), removeItem: (key) => void storage.delete(key) },
    storageScope: () => 'study-1',
    now: () => 0,
  };
  const session = createReviewSession(services, environment);
  /** The reader's strokes: what the liver segment holds when Apply reads it. */
  const paint = (region: VoxelRegion) => void (labelmap.liver = region);
  return { session, requests, log, paint, storage, boundaryEditing: () => boundaryEditing };
}

type Session = ReturnType<typeof setup>['session'];
const liverUi = (session: Session) => session.ui.getState();

test('Edit liver before any detection is refused: the liver comes from a run', async () => {
  const { session, log } = setup();
  await expect(session.startLiverEdit()).resolves.toBe(false);
  expect(liverUi(session).liverMessage).toMatch(/Run detection first/);
  expect(liverUi(session).liverEditing).toBe(false);
  expect(log).toEqual([]);
  await expect(session.applyLiverEdit()).resolves.toMatchObject({ kind: 'not-run', message: expect.stringMatching(/Open "Edit liver" first/) });
});

test('Edit liver while detection runs is refused; it opens once the run is done', async () => {
  const { session } = setup();
  await session.run();
  const rerun = session.run();
  await expect(session.startLiverEdit()).resolves.toBe(false);
  expect(liverUi(session).liverMessage).toMatch(/Detection is running/);
  await rerun;
  await expect(session.startLiverEdit()).resolves.toBe(true);
});

test('Edit shows the liver alone and paintable with the brush; Apply re-runs with the painted liver as the edited mask and keeps decisions', async () => {
  const { session, requests, log, paint } = setup();
  await session.run();
  expect(session.accept(1).applied).toBe(true);
  log.length = 0;

  await expect(session.startLiverEdit()).resolves.toBe(true);
  expect(log).toEqual(['show 16,32 with no spheres', 'liver paintable on petAxial', 'activate CircularBrush on petAxial']);
  expect(liverUi(session)).toMatchObject({ liverEditing: true, liverShown: true, liverMessage: null });
  session.setLiverEditTool('eraser');
  expect(log.slice(-2)).toEqual(['restore after CircularBrush', 'activate CircularEraser on petAxial']);

  // While the liver is painted, other runs and liver clicks wait for Apply or Cancel.
  await session.run();
  expect(liverUi(session).message).toBe('Apply or cancel the liver edit first.');
  session.armMoveSphere(0);
  expect(liverUi(session)).toMatchObject({ liverArmed: null, liverMessage: 'Apply or cancel the liver edit first.' });
  expect(requests).toHaveLength(1);

  paint(SLICE_1); // the eraser took slice 2
  const outcome = await session.applyLiverEdit();
  expect(outcome).toEqual({ kind: 'done' });
  expect(requests[1]).toEqual({ detector: 'percist', filterPx: 15, liverMask: SLICE_1 });
  expect(liverUi(session)).toMatchObject({ liver: { source: 'edited', volumeMl: 128 }, editedLiver: SLICE_1, liverEditing: false, liverMessage: null });
  expect(log.slice(-3)).toEqual(['show 16,16 with spheres', 'restore after CircularEraser', 'liver locked']);
  expect(session.store.getState().runInfo?.reference?.threshold).toBeCloseTo(1.16, 6);
  expect(session.store.getState().candidates[0].decision.kind).toBe('accepted');

  // Later runs keep the edited liver; a re-seed replaces it.
  await session.run();
  expect(requests[2].liverMask).toEqual(SLICE_1);
  await session.reseedLiverAt([40, 40, 20]);
  expect(requests[3]).toEqual({ detector: 'percist', filterPx: 15, liverSeedLPS: [40, 40, 20] });
  expect(liverUi(session)).toMatchObject({ liver: { source: 'seed' }, editedLiver: null });
});

test('Apply with an empty mask, or one too small for three spheres, is refused; the edit stays open and the earlier liver is kept', async () => {
  const { session, requests, paint } = setup();
  await session.run();
  await session.startLiverEdit();
  const before = session.store.getState();

  paint(regionFromSortedIndices(GRID, []));
  await expect(session.applyLiverEdit()).resolves.toMatchObject({ kind: 'not-run' });
  expect(liverUi(session).liverMessage).toMatch(/The edited liver mask is empty, so it was not applied/);

  // Five voxels (40 ml) cannot hold three 3 cm spheres (≈ 42 ml).
  expect(5 * VOXEL_ML).toBeLessThan(MINIMUM_EDITED_LIVER_ML);
  paint(regionFromSortedIndices(GRID, indices(16, 5)));
  await expect(session.applyLiverEdit()).resolves.toMatchObject({ kind: 'not-run' });
  expect(liverUi(session).liverMessage).toMatch(/holds 40 ml, too small for the three 3 cm reference spheres \(at least 42 ml\)/);

  // Big enough by volume, but the worker places fewer than three spheres: the run fails, results stay.
  paint(regionFromSortedIndices(GRID, indices(16, 8)));
  await expect(session.applyLiverEdit()).resolves.toMatchObject({ kind: 'failed' });
  expect(liverUi(session).liverMessage).toMatch(/The edited liver was not applied: .*too small for the reference.*earlier liver, reference and candidates are kept; your strokes stay/);

  expect(requests).toHaveLength(2);
  expect(liverUi(session)).toMatchObject({ liverEditing: true, liver: { source: 'automatic', volumeMl: 256 }, editedLiver: null });
  expect(session.store.getState().candidates).toBe(before.candidates);
  expect(session.store.getState().runInfo).toBe(before.runInfo);
});

test('Cancel drops the strokes, gives the tools back and hides the liver again (it was hidden before)', async () => {
  const { session, requests, log, paint } = setup();
  await session.run();
  await session.startLiverEdit();
  paint(SLICE_1);
  await session.cancelLiverEdit();
  expect(log.slice(-3)).toEqual(['restore after CircularBrush', 'liver locked', 'hide']);
  expect(liverUi(session)).toMatchObject({ liverEditing: false, liverShown: false, liver: { source: 'automatic' }, editedLiver: null });
  expect(requests).toHaveLength(1);

  // Shown before: Cancel redraws the earlier liver with its spheres.
  await session.setLiverShown(true);
  await session.startLiverEdit();
  paint(SLICE_1);
  await session.cancelLiverEdit();
  expect(log.slice(-1)).toEqual(['show 16,32 with spheres']);
  expect(liverUi(session).liverShown).toBe(true);
});

test('moved spheres stay when the edited liver holds them; a sphere outside it sends the spheres back to automatic, said in the panel', async () => {
  const { session, requests, paint } = setup();
  await session.run();
  await session.moveSphereTo(0, [60, 60, 20]);
  expect(requests[1].referenceCentresLPS).toEqual([[60, 60, 20], [40, 40, 20], [20, 20, 40]]);

  await session.startLiverEdit();
  paint(LIVER);
  await session.applyLiverEdit();
  expect(requests[2].referenceCentresLPS).toEqual([[60, 60, 20], [40, 40, 20], [20, 20, 40]]);

  await session.startLiverEdit();
  paint(SLICE_1); // sphere 3 (slice 2) is erased
  await session.applyLiverEdit();
  expect(requests[3].referenceCentresLPS).toBeUndefined();
  expect(liverUi(session)).toMatchObject({ referenceCentresLPS: null, liver: { source: 'edited' } });
  expect(liverUi(session).liverMessage).toBe('Sphere 3 lay outside the edited liver, so the reference spheres were placed automatically again.');
});

test('an open boundary edit is closed (its strokes read) before the liver is edited; a boundary edit waits for the liver edit', async () => {
  const { session, log, boundaryEditing } = setup();
  await session.run();
  await expect(session.startEdit(1)).resolves.toBe(true);
  expect(boundaryEditing()).toBe(1);
  await expect(session.startLiverEdit()).resolves.toBe(true);
  expect(boundaryEditing()).toBeNull();
  expect(log).toContain('lesion strokes read');
  expect(liverUi(session).editingId).toBeNull();

  await expect(session.startEdit(1)).resolves.toBe(false);
  expect(liverUi(session).message).toBe('Apply or cancel the liver edit first.');
  expect(boundaryEditing()).toBeNull();
});

test('after a reload the saved liver comes back: Show liver, Move sphere and Edit liver work without a new run, at the same pixel filter', async () => {
  const first = setup();
  first.session.setFilterPx(7);
  await first.session.run();
  await first.session.startLiverEdit();
  first.paint(SLICE_1);
  await first.session.applyLiverEdit();
  first.session.dispose();

  const again = setup(first.storage);
  const { session, requests, log } = again;
  expect(liverUi(session)).toMatchObject({ liver: { source: 'edited', volumeMl: 128 }, editedLiver: SLICE_1, detector: 'percist', filterPx: 7 });
  await session.setLiverShown(true);
  expect(log).toEqual(['show 16,16 with spheres']);
  expect(liverUi(session).liverMessage).toBeNull();

  await session.moveSphereTo(0, [40, 20, 20]);
  expect(requests[0]).toEqual({ detector: 'percist', filterPx: 7, liverMask: SLICE_1, referenceCentresLPS: [[40, 20, 20], [40, 40, 20], [20, 20, 40]] });
  await expect(session.startLiverEdit()).resolves.toBe(true);
});

test('a review saved before the liver was kept (format 1) still restores; the liver controls ask for a run', async () => {
  const first = setup();
  await first.session.run();
  first.session.dispose();
  const key = `${STORAGE_KEY_PREFIX}study-1`;
  const { liver, ...formatOne } = JSON.parse(first.storage.get(key) ?? '{}') as Record<string, unknown>;
  expect(liver).toBeTruthy();
  first.storage.set(key, JSON.stringify({ ...formatOne, version: 1 }));

  const { session, requests, log } = setup(first.storage);
  expect(session.store.getState().candidates).toHaveLength(1);
  expect(liverUi(session).liver).toBeNull();
  await session.setLiverShown(true);
  expect(liverUi(session).liverMessage).toMatch(/Run detection first/);
  await expect(session.moveSphereTo(0, [40, 20, 20])).resolves.toMatchObject({ kind: 'not-run', message: expect.stringMatching(/Run detection first/) });
  await expect(session.startLiverEdit()).resolves.toBe(false);
  expect(liverUi(session).liverMessage).toMatch(/Run detection first/);
  expect(requests).toHaveLength(0);
  expect(log).toEqual([]);
});
