/**
 * @jest-environment jsdom
 *
 * An automatic liver that fails its plausibility checks in the viewer: the run lists no candidate,
 * the Detection section says which check failed and offers "Click in the liver" (the same seed
 * click as Re-seed liver), the doubtful liver is drawn, and a click then runs with the seed.
 * Fake OHIF services and a fake detection worker, as in the other session tests.
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { createReviewSession, type ReviewEnvironment } from '../../src/adapter/reviewSession';
import type { LiverOverlay } from '../../src/adapter/liverOverlay';
import type { OhifServices } from '../../src/adapter/ohifTypes';
import { regionFromSortedIndices } from '../../src/adapter/regionStatistics';
import type { LiverCheckResult } from '../../src/core/liver/liverPlausibility';
import type { Vec3 } from '../../src/core/types';
import { DetectionSection } from '../../src/Panels/DetectionSection';
import type { DetectRequest, WorkerDetection, WorkerReply } from '../../src/worker/protocol';
import { answeringWorker, fakePetImageVolume, fakeViewerWithActivePet, FAKE_PET_GRID } from './fakePetImageVolume';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LIVER = regionFromSortedIndices(FAKE_PET_GRID, Array.from({ length: 32 }, (_, n) => 16 + n));
const LESION = regionFromSortedIndices(FAKE_PET_GRID, [21, 22]);
const MESSAGE =
  'The automatic liver mask does not look like a liver: volume 5253 ml (a liver: 700–4000 ml). No candidates are listed: one click inside the liver (or a liver segmentation) is needed.';
const FAILED: LiverCheckResult = {
  status: 'failed',
  checks: [
    { name: 'volume', passed: false, value: 5253, unit: 'ml', limit: { min: 700, max: 4000 }, text: 'volume 5253 ml (a liver: 700–4000 ml)' },
    { name: 'right-side', passed: true, value: 90, unit: '%', limit: { min: 70 }, text: "90 % on the patient's right of the body's midline (a liver: ≥ 70 %)" },
  ],
  message: MESSAGE,
};

/** The worker: the automatic liver fails its checks (no candidate); a seeded liver is not checked and finds one lesion. */
function answer(request: DetectRequest): WorkerReply {
  const seeded = Boolean(request.options.liverSeedLPS);
  const detection: WorkerDetection = {
    units: 'SUVbw',
    seriesInstanceUID: '1.2.840.1',
    candidates: seeded
      ? [{ statistics: { id: 1, centroidLPS: [3, 4, 2], voxels: 2, volumeMl: 0.016, suvMax: 9, suvMean: 9, suvPeak: 9, totalLesionActivity: 0.1, longestAxialDiameterMm: 4, sliceRange: [1, 1], score: 1 }, region: LESION }]
      : [],
    reference: { spheres: [{ centreLPS: [2, 2, 2], radiusMm: 2, mean: 1, sd: 0.1, voxelCount: 5 }], mean: 1, sd: 0.1, threshold: 1.7 },
    liver: { source: seeded ? 'seed' : 'automatic', volumeMl: seeded ? 0.256 : 5253, region: LIVER },
    liverCheck: seeded ? { status: 'not-checked', checks: [], message: null } : FAILED,
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
  const requests: DetectRequest['options'][] = [];
  const overlayLog: string[] = [];
  const overlay: LiverOverlay = {
    segmentationId: 'liver',
    show: async (liver) => void overlayLog.push(`show ${liver.runs.join(',')}`),
    hide: () => void overlayLog.push('hide'),
    beginEdit: () => undefined,
    readLiver: () => LIVER,
    endEdit: () => undefined,
  };
  let click: ((world: Vec3) => void) | null = null;
  const environment: ReviewEnvironment = {
    findVolume: () => fakePetImageVolume(new Float32Array(64).fill(1)),
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
  const session = createReviewSession({ viewportGridService, displaySetService } as unknown as OhifServices, environment);
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(<DetectionSection session={session} volumeStatus={{ kind: 'ready', units: 'SUVbw' }} />));
  const find = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  /** The reader's click on the PET once armed; resolves when the run it starts has settled. */
  const clickAt = async (world: Vec3) => {
    if (!click) throw new Error('no click is armed');
    const armed = click;
    await act(async () => {
      armed(world);
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  };
  return { session, requests, overlayLog, find, clickAt, unmount: () => act(() => root.unmount()) };
}

afterEach(() => {
  document.body.innerHTML = '';
});

test('an implausible automatic liver lists no candidate, shows the liver and says which check failed', async () => {
  const { session, overlayLog, find, unmount } = setup();
  await act(() => session.run());
  expect(session.store.getState().run).toMatchObject({ status: 'failed', message: MESSAGE });
  expect(session.store.getState().candidates).toEqual([]);
  expect(session.ui.getState()).toMatchObject({
    liver: { source: 'automatic', volumeMl: 5253 },
    liverShown: true,
    liverDoubt: { message: MESSAGE, failed: ['volume 5253 ml (a liver: 700–4000 ml)'] },
  });
  expect(overlayLog).toEqual([`show ${LIVER.runs.join(',')}`]);
  expect(find('dotatate-liver-doubt')?.textContent).toBe(`${MESSAGE} Click in the liver`);
  // The failed run is said once, as the liver's doubt, not also as "Detection failed".
  expect(find('dotatate-run-error')).toBeNull();
  unmount();
});

test('"Click in the liver" arms the seed click; the click runs with it and the doubt goes', async () => {
  const { session, requests, find, clickAt, unmount } = setup();
  await act(() => session.run());
  act(() => find('dotatate-liver-doubt-click')?.click());
  expect(session.ui.getState().liverArmed).toEqual({ kind: 'seed' });
  expect(find('dotatate-liver-doubt-click')?.textContent).toBe('Click the liver on the PET…');
  await clickAt([4, 4, 2]);
  expect(requests.at(-1)?.liverSeedLPS).toEqual([4, 4, 2]);
  expect(session.store.getState().run.status).toBe('done');
  expect(session.store.getState().candidates).toHaveLength(1);
  expect(session.ui.getState()).toMatchObject({ liver: { source: 'seed' }, liverDoubt: null });
  expect(find('dotatate-liver-doubt')).toBeNull();
  unmount();
});
