/**
 * The review session's brush edit and leaving the mode, against fake OHIF services and a fake
 * lesion labelmap: Edit switches the brush on for the PET viewports, the brush's data-modified
 * event (the path a real stroke takes) becomes a boundary edit with new statistics, Done reads the
 * last stroke and gives window/level back; leaving keeps the review and notifies unfinished work.
 */
import { regionFromSortedIndices } from '../../src/adapter/regionStatistics';
import { EDIT_SETTLE_MS, STORAGE_KEY_PREFIX, type ReviewEnvironment } from '../../src/adapter/reviewSession';
import type { LesionSegmentation, LesionSegmentationOptions } from '../../src/adapter/lesionSegmentation';
import type { OhifServices } from '../../src/adapter/ohifTypes';
import commandsModule, { COMMANDS, LEFT_WITH_UNSAVED_WORK } from '../../src/commandsModule';
import { configureReviewEnvironment, getReviewSession } from '../../src/adapter/sessionRegistry';
import type { VoxelRegion } from '../../src/state/voxelRegion';
import { fakePetImageVolume, fakeViewerWithActivePet } from './fakePetImageVolume';

/** 4 × 4 × 4 PET grid, 2 mm voxels, SUV 1 everywhere but a hot 2 × 2 block (SUV 10) on slice 1. */
const GRID: [number, number, number] = [4, 4, 4];
const HOT = [16 + 5, 16 + 6, 16 + 9, 16 + 10];

function petVolume() {
  const voxels = new Float32Array(64).fill(1);
  for (const index of HOT) voxels[index] = 10;
  return fakePetImageVolume(voxels);
}

class FakeSegmentationEvents {
  EVENTS = { SEGMENTATION_DATA_MODIFIED: 'event::segmentation_data_modified' };
  private listeners: Array<(event?: unknown) => void> = [];
  subscribe(_name: string, callback: (event?: unknown) => void) {
    this.listeners.push(callback);
    return { unsubscribe: () => (this.listeners = this.listeners.filter((listener) => listener !== callback)) };
  }
  publish(event: unknown) {
    this.listeners.forEach((listener) => listener(event));
  }
}

function setup() {
  jest.useFakeTimers();
  const { viewportGridService, displaySetService } = fakeViewerWithActivePet();
  const segmentationService = new FakeSegmentationEvents();
  const notifications: Array<{ title: string; message: string; type: string }> = [];
  const services = { viewportGridService, displaySetService, segmentationService, uiNotificationService: { show: (n: { title: string; message: string; type: string }) => notifications.push(n) } } as unknown as OhifServices;

  const log: string[] = [];
  /** What the next read-back of the labelmap finds for each candidate (as a brush would leave it). */
  const painted = new Map<number, VoxelRegion>();
  let segmentationOptions: Omit<LesionSegmentationOptions, 'segmentationService' | 'imageCache' | 'notifyDataModified'> | null = null;
  let editing: number | null = null;
  const segmentation: LesionSegmentation = {
    segmentationId: 'labelmap',
    sync: async () => undefined,
    readBackEdits(candidates) {
      log.push('read back');
      for (const candidate of candidates) {
        const region = painted.get(candidate.id);
        if (region) segmentationOptions?.onSegmentEdited(candidate.id, region);
      }
      painted.clear();
    },
    isWriting: () => false,
    async beginEdit(id, viewportIds) {
      editing = id;
      log.push(`begin ${id} on ${viewportIds.join(',')}`);
    },
    endEdit() {
      editing = null;
      log.push('end');
    },
    editingId: () => editing,
    dispose: () => undefined,
  };
  const storage = new Map<string, string>();
  const environment: ReviewEnvironment = {
    findVolume: () => petVolume(),
    createWorker: () => {
      throw new Error('no worker in this test');
    },
    createSegmentation: (options) => {
      segmentationOptions = options;
      return segmentation;
    },
    centreViewports: () => [],
    armClick: () => () => undefined,
    activatePrimaryTool: (viewportIds, toolName) => {
      log.push(`activate ${toolName} on ${viewportIds.join(',')}`);
      return { applied: true, restore: () => log.push(`restore after ${toolName}`) };
    },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value), removeItem: (key) => void storage.delete(key) },
    storageScope: () => 'study-1',
    now: () => 0,
  };
  configureReviewEnvironment(() => environment);
  const servicesManager = { services };
  const session = getReviewSession(servicesManager);
  if (!session) throw new Error('no session');
  // One detected candidate: the hot block.
  const runId = session.store.requestRun() as number;
  const region = regionFromSortedIndices(GRID, HOT);
  const completed = session.store.completeRun(runId, {
    info: { petSeriesInstanceUID: '1.2.840.1', units: 'SUVbw', reference: null, algorithm: { name: 'test', version: '1', settings: {} } },
    candidates: [{ statistics: { id: 1, centroidLPS: [3, 3, 2], voxels: 4, volumeMl: 0.032, suvMax: 10, suvMean: 10, suvPeak: 10, totalLesionActivity: 0.32, longestAxialDiameterMm: 4, sliceRange: [1, 1], score: 1 }, region }],
  });
  if (!completed.applied) throw new Error(`the test's detection result was refused: ${completed.notice}`);
  const runCommand = (name: string, options?: Record<string, unknown>) => {
    const commandsManager = { runCommand };
    return commandsModule({ servicesManager, commandsManager, extensionManager: { getModuleEntry: () => undefined } }).definitions[name].commandFn(options);
  };
  return { session, log, painted, segmentationService, notifications, storage, runCommand };
}

afterEach(() => {
  jest.useRealTimers();
});

test('Edit switches the brush on the PET viewports; a settled stroke becomes an edit with new statistics; Done restores the tool', async () => {
  const { session, log, painted, segmentationService } = setup();
  await expect(session.startEdit(1)).resolves.toBe(true);
  expect(session.ui.getState().editingId).toBe(1);
  expect(log).toEqual(['begin 1 on petAxial', 'activate CircularBrush on petAxial']);

  // The brush paints two more voxels of the slice; cornerstone fires data-modified per stroke step.
  painted.set(1, regionFromSortedIndices(GRID, [...HOT, 16 + 7, 16 + 11].sort((a, b) => a - b)));
  segmentationService.publish({ segmentationId: 'labelmap' });
  segmentationService.publish({ segmentationId: 'labelmap' });
  expect(session.store.getState().candidates[0].edited).toBe(false);
  jest.advanceTimersByTime(EDIT_SETTLE_MS);
  const edited = session.store.getState().candidates[0];
  expect(edited.edited).toBe(true);
  expect(edited.statistics.voxels).toBe(6);
  expect(edited.statistics.volumeMl).toBeCloseTo(6 * 0.008, 6);
  expect(edited.statistics.suvMean).toBeCloseTo((4 * 10 + 2 * 1) / 6, 5);
  expect(log.filter((entry) => entry === 'read back')).toHaveLength(1);

  session.setEditTool('eraser');
  expect(log.slice(-2)).toEqual(['restore after CircularBrush', 'activate CircularEraser on petAxial']);
  session.finishEdit();
  expect(log.slice(-3)).toEqual(['read back', 'restore after CircularEraser', 'end']);
  expect(session.ui.getState().editingId).toBeNull();
  // One undo step takes the edit back.
  session.store.undo();
  expect(session.store.getState().candidates[0].edited).toBe(false);
  session.dispose();
});

test('an edit of an unknown candidate, or with nothing selected, is refused with a message', async () => {
  const { session, log } = setup();
  session.store.select(null);
  await expect(session.startEdit()).resolves.toBe(false);
  expect(session.ui.getState().message).toBe('Select a candidate first.');
  await expect(session.startEdit(9)).resolves.toBe(false);
  expect(session.ui.getState().message).toBe('There is no candidate 9 to edit.');
  expect(log).toEqual([]);
  session.dispose();
});

test('leaving the mode with a pending candidate keeps the review in sessionStorage and notifies; nothing left, no notice', async () => {
  const { session, notifications, storage, runCommand, log } = setup();
  await session.startEdit(1);
  const outcome = runCommand(COMMANDS.leaveReview) as { unsavedWork: boolean; saved: boolean };
  expect(outcome).toEqual({ unsavedWork: true, saved: true });
  // An open edit is closed first (its last stroke read, the tool given back).
  expect(log.slice(-3)).toEqual(['read back', 'restore after CircularBrush', 'end']);
  expect(notifications).toEqual([expect.objectContaining({ title: LEFT_WITH_UNSAVED_WORK.title, type: 'warning' })]);
  const saved = JSON.parse(storage.get(`${STORAGE_KEY_PREFIX}study-1`) ?? 'null');
  expect(saved.candidates).toHaveLength(1);

  // A review with everything decided and a stored report of it: leaving says nothing.
  const again = setup();
  again.session.store.accept(1);
  again.session.store.recordStoredReport({ revision: again.session.store.getState().revision, srSopInstanceUID: '1.2.3', segSopInstanceUID: '1.2.4', storedAt: '2024-01-01T00:00:00Z' });
  expect(again.runCommand(COMMANDS.leaveReview)).toEqual({ unsavedWork: false, saved: true });
  expect(again.notifications).toEqual([]);
});
