/**
 * The review session's liver controls against fake OHIF services and a fake detection worker:
 * re-seeding and moving a sphere send `liverSeedLPS` / `referenceCentresLPS` to the worker and
 * re-run detection keeping decisions; a failed re-seed (no liver grows) and a sphere click outside
 * the liver are said in the panel and keep the earlier results; the liver overlay shows and hides.
 */
import { createReviewSession, type ReviewEnvironment } from '../../src/adapter/reviewSession';
import type { LiverOverlay } from '../../src/adapter/liverOverlay';
import type { OhifServices } from '../../src/adapter/ohifTypes';
import type { Vec3 } from '../../src/core/types';
import type { DetectRequest, WorkerDetection, WorkerReply } from '../../src/worker/protocol';
import { regionFromSortedIndices } from '../../src/adapter/regionStatistics';
import { answeringWorker, fakePetImageVolume, fakeViewerWithActivePet } from './fakePetImageVolume';

/** 4 × 4 × 4 PET grid, 2 mm voxels, origin 0: voxel (i, j, k) lies at LPS (2i, 2j, 2k) mm. */
const GRID: Vec3 = [4, 4, 4];
/** The fake liver: slices 1 and 2 (linear indices 16–47). */
const LIVER = regionFromSortedIndices(GRID, Array.from({ length: 32 }, (_, n) => 16 + n));
const AUTOMATIC_CENTRES: Vec3[] = [[2, 2, 2], [4, 4, 2], [2, 2, 4]];
const LESION = regionFromSortedIndices(GRID, [21, 22]);

function petVolume() {
  return fakePetImageVolume(new Float32Array(64).fill(1));
}

/** The fake worker's answer: the threshold is 1 + the x of sphere 1 (so a move shows); a seed at x = 0 grows no liver. */
function answer(request: DetectRequest): WorkerReply {
  const { liverSeedLPS, referenceCentresLPS } = request.options;
  if (liverSeedLPS && liverSeedLPS[0] === 0) {
    return { type: 'error', runId: request.runId, message: 'No liver was found automatically: the liver mask is empty. Give one point inside the liver (LPS, mm) as a seed, or a liver segmentation.' };
  }
  const centres = referenceCentresLPS ?? AUTOMATIC_CENTRES;
  const detection: WorkerDetection = {
    units: 'SUVbw',
    seriesInstanceUID: '1.2.840.1',
    candidates: [{ statistics: { id: 1, centroidLPS: [3, 4, 2], voxels: 2, volumeMl: 0.016, suvMax: 9, suvMean: 9, suvPeak: 9, totalLesionActivity: 0.1, longestAxialDiameterMm: 4, sliceRange: [1, 1], score: 1 }, region: LESION }],
    reference: { spheres: centres.map((centreLPS) => ({ centreLPS, radiusMm: 2, mean: 1, sd: 0.1, voxelCount: 5 })), mean: 1, sd: 0.1, threshold: 1 + centres[0][0] },
    liver: { source: liverSeedLPS ? 'seed' : 'automatic', volumeMl: 0.256, region: LIVER },
    detector: { name: 'percist', version: '1', parameters: {} },
    parameters: {},
    coreVersion: 'test',
    warnings: [],
    elapsedMs: 1,
  };
  return { type: 'result', runId: request.runId, detection };
}

function setup() {
  const { viewportGridService, displaySetService } = fakeViewerWithActivePet();
  const services = { viewportGridService, displaySetService } as unknown as OhifServices;
  const requests: DetectRequest['options'][] = [];
  const overlayLog: string[] = [];
  const overlay: LiverOverlay = {
    segmentationId: 'liver',
    show: async (liver, spheres) => void overlayLog.push(`show ${liver.runs.join(',')} with ${spheres.length} sphere voxels`),
    hide: () => void overlayLog.push('hide'),
    beginEdit: () => void overlayLog.push('begin edit'),
    readLiver: () => LIVER,
    endEdit: () => void overlayLog.push('end edit'),
  };
  let click: ((world: Vec3) => void) | null = null;
  const environment: ReviewEnvironment = {
    findVolume: () => petVolume(),
    createWorker: () => answeringWorker(answer, requests),
    createSegmentation: () => null,
    createLiverOverlay: () => overlay,
    centreViewports: () => [],
    armClick(_viewportIds, onClick) {
      click = onClick;
      return () => (click = null);
    },
    activatePrimaryTool: () => ({ applied: false, reason: 'no tools in this test' }),
    storage: null,
    storageScope: () => 'study-1',
    now: () => 0,
  };
  const session = createReviewSession(services, environment);
  /** The reader's click on the PET while a mode is armed; resolves once the re-run it starts has settled. */
  const clickAt = async (world: Vec3) => {
    if (!click) throw new Error('no click is armed');
    click(world);
    await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { session, requests, overlayLog, clickAt, isArmed: () => click !== null };
}

const threshold = (session: ReturnType<typeof setup>['session']) => session.store.getState().runInfo?.reference?.threshold;

test('moving sphere 1 with a click in the liver re-runs with all three centres, the moved one replaced; decisions are kept', async () => {
  const { session, requests, clickAt } = setup();
  await session.run();
  expect(requests[0]).toEqual({ detector: 'percist', filterPx: 15 });
  expect(session.accept(1).applied).toBe(true);
  expect(threshold(session)).toBe(3);

  session.armMoveSphere(0);
  expect(session.ui.getState().liverArmed).toEqual({ kind: 'sphere', index: 0 });
  await clickAt([6, 6, 4]);
  expect(requests[1].referenceCentresLPS).toEqual([[6, 6, 4], [4, 4, 2], [2, 2, 4]]);
  expect(threshold(session)).toBe(7);
  expect(session.ui.getState()).toMatchObject({ liverArmed: null, liverMessage: null, referenceCentresLPS: [[6, 6, 4], [4, 4, 2], [2, 2, 4]] });
  expect(session.store.getState().candidates[0].decision.kind).toBe('accepted');

  // A plain Run keeps the moved centres; Reset spheres goes back to automatic placement.
  await session.run();
  expect(requests[2].referenceCentresLPS).toEqual([[6, 6, 4], [4, 4, 2], [2, 2, 4]]);
  await session.resetSpheres();
  expect(requests[3].referenceCentresLPS).toBeUndefined();
  expect(threshold(session)).toBe(3);
  expect(session.ui.getState().referenceCentresLPS).toBeNull();
});

test('a sphere click outside the liver is refused with a message; nothing re-runs', async () => {
  const { session, requests, clickAt } = setup();
  await session.run();
  session.armMoveSphere(1);
  await clickAt([2, 2, 0]); // slice 0: in the volume, not in the liver
  expect(requests).toHaveLength(1);
  expect(session.ui.getState().liverMessage).toMatch(/Sphere 2 was not moved: the click lies outside the liver mask/);
  expect(threshold(session)).toBe(3);
});

test('re-seeding the liver sends the click as liverSeedLPS; the source becomes seed and the spheres go back to automatic', async () => {
  const { session, requests, clickAt } = setup();
  await session.run();
  await session.moveSphereTo(0, [6, 6, 4]);
  session.armLiverSeed();
  expect(session.ui.getState().liverArmed).toEqual({ kind: 'seed' });
  await clickAt([4, 4, 2]);
  expect(requests[2]).toEqual({ detector: 'percist', filterPx: 15, liverSeedLPS: [4, 4, 2] });
  expect(session.ui.getState()).toMatchObject({ liver: { source: 'seed' }, liverSeedLPS: [4, 4, 2], referenceCentresLPS: null });
  // The seed stays for the next Run.
  await session.run();
  expect(requests[3].liverSeedLPS).toEqual([4, 4, 2]);
});

test('a seed where no liver grows says why and keeps the earlier liver, reference and candidates', async () => {
  const { session, requests } = setup();
  await session.run();
  const before = session.store.getState().candidates;
  const outcome = await session.reseedLiverAt([0, 4, 2]);
  expect(outcome.kind).toBe('failed');
  expect(session.ui.getState().liverMessage).toMatch(/The new liver seed was not applied: No liver was found.*earlier liver, reference and candidates are kept/);
  expect(session.ui.getState()).toMatchObject({ liver: { source: 'automatic' }, liverSeedLPS: null });
  expect(session.store.getState().candidates).toBe(before);
  // The failed seed is not used by the next Run.
  await session.run();
  expect(requests[2].liverSeedLPS).toBeUndefined();
});

test('a seed click outside the PET volume is refused before any run', async () => {
  const { session, requests } = setup();
  await session.run();
  const outcome = await session.reseedLiverAt([500, 0, 0]);
  expect(outcome).toEqual({ kind: 'not-run', message: expect.stringMatching(/outside the PET volume/) });
  expect(requests).toHaveLength(1);
});

test('Show liver draws the liver and the sphere voxels on their own labelmap, redraws after a re-run, and Hide removes it', async () => {
  const { session, overlayLog } = setup();
  await session.setLiverShown(true);
  expect(session.ui.getState().liverMessage).toMatch(/Run detection first/);
  expect(overlayLog).toEqual([]);
  await session.run();
  await session.setLiverShown(true);
  expect(session.ui.getState().liverShown).toBe(true);
  expect(overlayLog[0]).toMatch(/^show 16,32 with \d+ sphere voxels$/);
  await session.moveSphereTo(0, [6, 6, 4]);
  expect(overlayLog).toHaveLength(2);
  await session.setLiverShown(false);
  expect(overlayLog[2]).toBe('hide');
});
