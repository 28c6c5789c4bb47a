/**
 * One review session per OHIF mode session: the review store (outside any component, so it
 * survives closing the panel and layout changes), the detection worker, the candidates' labelmap
 * and viewport navigation. The panel, hotkeys and commands all call this object; the brush edit,
 * adding a lesion and the liver (controls, brush edit, saved liver: liverSession.ts) are their own
 * parts, composed here.
 * Coordinates: centroids and clicks are LPS mm; regions are linear IJK indices on the PET grid.
 */
import type { PetVolume } from '../core/types';
import { createReviewStore, type DispatchOutcome } from '../state/reviewStore';
import { createStore } from '../state/store';
import type { DetectionRunInfo, DetectionResult as ReviewDetectionResult } from '../state/reviewTypes';
import { selectHasUnsavedWork } from '../state/reviewSelectors';
import { parseSavedReview, serializeReview } from '../state/reviewSerialization';
import type { VoxelRegion } from '../state/voxelRegion';
import { createDetectionWorkerClient, DetectionCancelledError, type DetectionWorkerClient } from '../worker/detectionWorkerClient';
import type { WorkerDetection } from '../worker/protocol';
import { runProgressOf } from '../worker/stageProgress';
import { createAddLesion } from './addLesion';
import { createBoundaryEdit } from './boundaryEdit';
import { describeDetectorChoices, DEFAULT_FILTER_PX, MAX_FILTER_PX } from './detectorChoices';
import type { LesionSegmentation } from './lesionSegmentation';
import { FINISH_LIVER_EDIT_FIRST, INITIAL_LIVER_UI, type LiverRunOptions, type RunOutcome } from './liverControls';
import { createLiverSession } from './liverSession';
import type { OhifDisplaySet, OhifServices } from './ohifTypes';
import { volumeLoadState, type ImageVolumeLike } from './petVolumeFromImageVolume';
import { createReviewedPet } from './reviewedPet';
import { statisticsOfRegion } from './regionStatistics';
import type { ReviewEnvironment, ReviewSession, SessionState } from './reviewSessionTypes';

export { EDIT_SETTLE_MS, EDIT_TOOL_NAMES, type EditTool } from './boundaryEdit';
export type { ReviewEnvironment, ReviewSession, RunTimings, SessionState, VolumeStatus } from './reviewSessionTypes';

export const STORAGE_KEY_PREFIX = 'ohif-extension-dotatate-liver:review:';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The panel's detector and pixel filter recorded in a run's settings (those that are valid). */
export function runChoicesOf(info: DetectionRunInfo | null): Partial<Pick<SessionState, 'detector' | 'filterPx'>> {
  const settings = info?.algorithm.settings ?? {};
  const choices: Partial<Pick<SessionState, 'detector' | 'filterPx'>> = {};
  const { detectorChoice, filterPx } = settings;
  if (detectorChoice === 'percist' || detectorChoice === 'unet' || detectorChoice === 'both') choices.detector = detectorChoice;
  if (typeof filterPx === 'number' && Number.isInteger(filterPx) && filterPx >= 0 && filterPx <= MAX_FILTER_PX) choices.filterPx = filterPx;
  return choices;
}

export function createReviewSession(services: OhifServices, environment: ReviewEnvironment): ReviewSession {
  const { displaySetService } = services;
  let segmentation: LesionSegmentation | null = null;
  let worker: DetectionWorkerClient | null = null;
  let runStartedAt = 0;
  let overlayPendingForRun: number | null = null;

  const ui = createStore<SessionState>({
    detector: 'percist',
    filterPx: DEFAULT_FILTER_PX,
    liver: null,
    warnings: [],
    message: null,
    timings: null,
    overlaySegments: null,
    addArmed: false,
    rejectingId: null,
    editingId: null,
    editTool: 'brush',
    ...INITIAL_LIVER_UI,
  });
  const patchUi = (patch: Partial<SessionState>) => ui.setState({ ...ui.getState(), ...patch });

  const reviewedPet = createReviewedPet({
    services,
    findVolume: (displaySetInstanceUID) => environment.findVolume(displaySetInstanceUID),
    runSeriesUid: () => store.getState().runInfo?.petSeriesInstanceUID,
  });
  const { activePet, reviewDisplaySet, gridViewports, petViewportIds, volumeStatus, petForStatistics } = reviewedPet;

  const store = createReviewStore({ computeStatistics: (region, previous) => statisticsOfRegion(petForStatistics(), region, previous) });

  const scope = environment.storageScope() ?? displaySetService.getActiveDisplaySets?.()?.[0]?.StudyInstanceUID;
  const storageKey = `${STORAGE_KEY_PREFIX}${scope ?? 'unknown-study'}`;
  const saved = environment.storage?.getItem(storageKey);
  const restored = saved ? store.restore(saved) : null;
  if (restored && !restored.applied) patchUi({ message: `The saved review could not be restored: ${restored.notice ?? 'unknown reason'}` });
  // A restored review shows, and a new Run repeats, the detector and pixel filter it was detected with.
  if (restored?.applied) patchUi(runChoicesOf(store.getState().runInfo));
  /** The review and the liver of its last run, as sessionStorage keeps them. */
  const serialize = () => serializeReview(store.getState(), liverSession.saved());

  function segmentationFor(displaySet: OhifDisplaySet, volume: ImageVolumeLike, grid: PetVolume['dimensions']): LesionSegmentation | null {
    if (segmentation) return segmentation;
    segmentation = environment.createSegmentation({
      displaySet,
      sliceImageIds: volume.imageIds ?? [],
      gridDimensions: grid,
      viewportIds: () => petViewportIds(displaySet.displaySetInstanceUID),
      onSegmentEdited: (candidateId: number, region: VoxelRegion | null) => {
        if (region) store.editBoundary(candidateId, region);
        else patchUi({ message: `Lesion ${candidateId} was erased with the brush; reject it instead, or undo the erase with the brush.` });
      },
    });
    return segmentation;
  }

  let overlayQueue: Promise<void> = Promise.resolve();
  function refreshOverlay(): Promise<void> {
    overlayQueue = overlayQueue.then(async () => {
      const state = store.getState();
      const displaySet = reviewDisplaySet();
      if (!displaySet || (state.candidates.length === 0 && !segmentation)) return;
      const volume = environment.findVolume(displaySet.displaySetInstanceUID);
      if (!volume || !volumeLoadState(volume).loaded) return;
      const grid: PetVolume['dimensions'] = [Number(volume.dimensions[0]), Number(volume.dimensions[1]), Number(volume.dimensions[2])];
      const overlay = segmentationFor(displaySet, volume, grid);
      if (!overlay) return;
      try {
        await overlay.sync(store.getState().candidates);
        const timings = ui.getState().timings;
        const firstOverlayOfRun = overlayPendingForRun !== null && timings;
        overlayPendingForRun = null;
        patchUi({
          overlaySegments: store.getState().candidates.length,
          ...(firstOverlayOfRun ? { timings: { ...timings, toOverlayMs: environment.now() - runStartedAt } } : {}),
        });
      } catch (error) {
        patchUi({ message: `The lesion overlay could not be drawn: ${messageOf(error)}` });
      }
    });
    return overlayQueue;
  }

  let lastCandidates = store.getState().candidates;
  const unsubscribeStore = store.subscribe(() => {
    const state = store.getState();
    if (state.candidates !== lastCandidates) {
      lastCandidates = state.candidates;
      void refreshOverlay();
    }
    if (state.run.status !== 'running') {
      try {
        environment.storage?.setItem(storageKey, serialize());
      } catch {
        // A full sessionStorage loses only the copy; the review itself stays in memory.
      }
    }
  });

  function toReviewResult(detection: WorkerDetection): ReviewDetectionResult {
    const { detector, filterPx } = ui.getState();
    return {
      info: {
        petSeriesInstanceUID: detection.seriesInstanceUID,
        units: detection.units,
        reference: detection.reference,
        algorithm: {
          name: detection.detector.name,
          version: detection.detector.version,
          settings: { ...detection.parameters, detectorChoice: detector, filterPx, coreVersion: detection.coreVersion },
        },
      },
      candidates: detection.candidates,
    };
  }

  async function run(): Promise<void> {
    await runWith({});
  }

  /**
   * Runs detection with the committed liver (seed, edited mask) and sphere centres, `overrides`
   * replacing them; commits them on success. While the liver is painted only its Apply may run.
   */
  async function runWith(overrides: LiverRunOptions, fromLiverEdit = false): Promise<RunOutcome> {
    const notRun = (message: string): RunOutcome => {
      patchUi({ message });
      return { kind: 'not-run', message };
    };
    if (!fromLiverEdit && ui.getState().liverEditing) return notRun(FINISH_LIVER_EDIT_FIRST);
    const displaySet = activePet();
    if (!displaySet) return notRun('Select the PET viewport first: the active viewport shows no PET series.');
    const choices = describeDetectorChoices();
    const choice = choices.find((option) => option.value === ui.getState().detector);
    if (!choice?.available) return notRun(choice?.reason ?? 'This detector is not available.');
    const volume = environment.findVolume(displaySet.displaySetInstanceUID);
    const load = volume ? volumeLoadState(volume) : null;
    if (!volume || !load?.loaded) {
      return notRun(
        volume
          ? `The PET volume is still loading (${Math.round((load?.fraction ?? 0) * 100)} %). Run once every slice is in.`
          : 'The PET volume is not loaded in a viewport yet. Wait for the PET viewport to show the images.',
      );
    }
    const liverOptions = liverSession.runOptions(overrides);
    const runId = store.requestRun();
    if (runId === null) return { kind: 'not-run', message: 'Detection is already running.' }; // a second click while running
    runStartedAt = environment.now();
    patchUi({ message: null });
    store.reportProgress(runId, 'volume', 0);
    let volumeCopy: PetVolume;
    try {
      const pet = reviewedPet.adoptForRun(displaySet, volume);
      volumeCopy = { ...pet, voxels: new Float32Array(pet.voxels) };
    } catch (error) {
      store.failRun(runId, messageOf(error));
      return { kind: 'failed', message: messageOf(error) };
    }
    store.reportProgress(runId, 'volume', 0.05);
    worker ??= createDetectionWorkerClient(() => environment.createWorker());
    try {
      const detection = await worker.run(
        {
          type: 'detect',
          runId,
          pet: volumeCopy,
          options: {
            detector: ui.getState().detector,
            filterPx: ui.getState().filterPx,
            // An edited liver is used as given; a seed matters only without it.
            ...(liverOptions.liverMask ? { liverMask: liverOptions.liverMask } : liverOptions.liverSeedLPS ? { liverSeedLPS: liverOptions.liverSeedLPS } : {}),
            ...(liverOptions.referenceCentresLPS ? { referenceCentresLPS: liverOptions.referenceCentresLPS } : {}),
          },
        },
        (stage, fraction) => {
          const progress = runProgressOf(stage, fraction);
          if (progress) store.reportProgress(runId, progress.stage, progress.fraction);
        },
      );
      if (detection.liverCheck?.status === 'failed') {
        // No candidates: the run fails, and the doubtful liver is shown with a request for a click.
        const message = detection.liverCheck.message ?? 'The automatic liver mask failed its checks.';
        store.failRun(runId, message);
        patchUi({ warnings: detection.warnings });
        await liverSession.showDoubtfulLiver(detection.liver, detection.liverCheck);
        return { kind: 'failed', message };
      }
      const toResultMs = environment.now() - runStartedAt;
      liverSession.commitRun(liverOptions, detection.liver);
      patchUi({
        warnings: detection.warnings,
        timings: { toResultMs, toOverlayMs: null, workerMs: detection.elapsedMs },
      });
      overlayPendingForRun = runId;
      const outcome = store.completeRun(runId, toReviewResult(detection));
      if (!outcome.applied && outcome.notice) patchUi({ message: outcome.notice });
      await refreshOverlay();
      await liverSession.controls.refreshLiverOverlay();
      return { kind: 'done' };
    } catch (error) {
      if (error instanceof DetectionCancelledError) return { kind: 'not-run', message: 'Detection was cancelled.' };
      store.failRun(runId, messageOf(error));
      return { kind: 'failed', message: messageOf(error) };
    }
  }

  const liverSession = createLiverSession({
    ui,
    patch: patchUi,
    store,
    environment,
    reviewedPet,
    runWith,
    disarmAddLesion() {
      addLesion.disarmAddClick();
      if (ui.getState().addArmed) patchUi({ addArmed: false });
    },
    finishBoundaryEdit: () => finishEdit(),
  });
  const { controls: liverControls, edit: liverEdit } = liverSession;
  if (restored?.applied && saved) liverSession.restore(parseSavedReview(saved).liver);

  function centreOn(id: number): void {
    const candidate = store.getState().candidates.find((c) => c.id === id);
    if (!candidate) return;
    const viewportIds = gridViewports()
      .filter((viewport) => !viewport.isMip)
      .map((viewport) => viewport.viewportId);
    environment.centreViewports(candidate.statistics.centroidLPS, viewportIds);
  }

  function selectedOr(id: number | undefined): number | null {
    return id ?? store.getState().selectedId;
  }

  const addLesion = createAddLesion({
    patch: patchUi,
    store,
    petForStatistics,
    reviewDisplaySet,
    petViewportIds,
    armClick: (viewportIds, onClick) => environment.armClick(viewportIds, onClick),
    disarmLiverClick: () => liverControls.disarmLiverClick(),
    centreOn,
  });

  function onBeforeUnload(event: BeforeUnloadEvent) {
    if (!selectHasUnsavedWork(store.getState())) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = '';
  }
  if (typeof window !== 'undefined') window.addEventListener('beforeunload', onBeforeUnload);

  const boundaryEdit = createBoundaryEdit({
    ui,
    patch: patchUi,
    store,
    segmentationService: services.segmentationService,
    segmentation: () => segmentation,
    refreshOverlay,
    reviewDisplaySet,
    petViewportIds,
    activatePrimaryTool: (viewportIds, toolName) => environment.activatePrimaryTool(viewportIds, toolName),
    selectedOr,
    goTo,
  });
  const { finishEdit } = boundaryEdit;

  function goTo(id: number): DispatchOutcome {
    const outcome = store.select(id);
    if (outcome.applied) centreOn(id);
    return outcome;
  }

  return {
    store,
    ui,
    activePet,
    volumeStatus,
    setDetector: (choice) => patchUi({ detector: choice }),
    setFilterPx: (pixels) => {
      if (Number.isInteger(pixels) && pixels >= 0 && pixels <= MAX_FILTER_PX) patchUi({ filterPx: pixels, message: null });
      else patchUi({ message: `The pixel filter is a whole number of pixels from 0 to ${MAX_FILTER_PX}.` });
    },
    run,
    cancel() {
      if (store.getState().run.status !== 'running') return;
      store.cancelRun();
      worker?.cancel();
      patchUi({ message: 'Detection was cancelled; the earlier candidates and decisions are unchanged.' });
    },
    goTo,
    goToPending(direction) {
      const candidate = store.goToPending(direction);
      if (candidate) centreOn(candidate.id);
      else patchUi({ message: 'No candidate is pending.' });
      return candidate?.id ?? null;
    },
    accept(id) {
      const target = selectedOr(id);
      return target === null ? { applied: false, notice: 'Select a candidate first.' } : store.accept(target);
    },
    reject(id, reason, note) {
      const target = selectedOr(id);
      patchUi({ rejectingId: null });
      return target === null ? { applied: false, notice: 'Select a candidate first.' } : store.reject(target, reason, note);
    },
    chooseRejectReason(id) {
      const target = id === null ? null : selectedOr(id);
      if (id !== null && target === null) patchUi({ message: 'Select a candidate first.' });
      else patchUi({ rejectingId: target });
    },
    armAddLesion() {
      if (liverEdit.isOpen()) patchUi({ message: FINISH_LIVER_EDIT_FIRST });
      else addLesion.armAddLesion();
    },
    addLesionAt: addLesion.addLesionAt,
    ...liverSession.actions,
    async startEdit(id) {
      if (!liverEdit.isOpen()) return boundaryEdit.startEdit(id);
      patchUi({ message: FINISH_LIVER_EDIT_FIRST });
      return false;
    },
    setEditTool: boundaryEdit.setEditTool,
    finishEdit,
    leave() {
      if (store.getState().run.status === 'running') {
        store.cancelRun();
        worker?.cancel();
      }
      finishEdit();
      let saved = false;
      try {
        environment.storage?.setItem(storageKey, serialize());
        saved = environment.storage !== null;
      } catch {
        saved = false;
      }
      return { unsavedWork: selectHasUnsavedWork(store.getState()), saved };
    },
    refreshOverlay,
    hasUnsavedWork: () => selectHasUnsavedWork(store.getState()),
    dispose() {
      boundaryEdit.dispose();
      worker?.dispose();
      addLesion.dispose();
      liverSession.dispose();
      unsubscribeStore();
      if (typeof window !== 'undefined') window.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}
