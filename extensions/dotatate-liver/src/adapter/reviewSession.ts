/**
 * One review session per OHIF mode session: the review store (outside any component, so it
 * survives closing the panel and layout changes), the detection worker, the candidates' labelmap
 * and viewport navigation. The panel, hotkeys and commands all call this object.
 * Coordinates: centroids and clicks are LPS mm; regions are linear IJK indices on the PET grid.
 */
import type { PetVolume, Vec3 } from '../core/types';
import { createReviewStore, type DispatchOutcome, type ReviewStore } from '../state/reviewStore';
import { createStore, type ObservableStore } from '../state/store';
import type { DetectionResult as ReviewDetectionResult, RejectionReason } from '../state/reviewTypes';
import { selectHasUnsavedWork } from '../state/reviewSelectors';
import type { VoxelRegion } from '../state/voxelRegion';
import { createDetectionWorkerClient, DetectionCancelledError, type DetectionWorkerClient, type WorkerLike } from '../worker/detectionWorkerClient';
import type { DetectorChoice, WorkerDetection } from '../worker/protocol';
import { runProgressOf } from '../worker/stageProgress';
import { activeViewportDisplaySets } from './activePet';
import { describeDetectorChoices, DEFAULT_FILTER_PX } from './detectorChoices';
import type { ToolActivation } from './primaryTool';
import type { LesionSegmentation, LesionSegmentationOptions } from './lesionSegmentation';
import { createLiverControls, INITIAL_LIVER_UI, liverOnGrid, type LiverControls, type LiverRunOptions, type LiverUiState, type RunOutcome } from './liverControls';
import type { LiverOverlay, LiverOverlayOptions } from './liverOverlay';
import type { OhifDisplaySet, OhifServices } from './ohifTypes';
import { petUnitsOfVolume, petVolumeFromImageVolume, volumeLoadState, type ImageVolumeLike } from './petVolumeFromImageVolume';
import { growLesionAtThreshold, statisticsOfRegion } from './regionStatistics';
import { collectViewports, type GridViewportInfo } from './viewportGrid';

/** What the session needs from the viewer; the browser's is in browserEnvironment, tests pass fakes. */
export interface ReviewEnvironment {
  findVolume(displaySetInstanceUID: string): ImageVolumeLike | undefined;
  createWorker(): WorkerLike;
  /** Null where no segmentation service is available (the overlay is then skipped, the review still works). */
  createSegmentation(options: Omit<LesionSegmentationOptions, 'segmentationService' | 'imageCache' | 'notifyDataModified'>): LesionSegmentation | null;
  /** The liver and reference spheres' own labelmap; absent or null where it cannot be drawn. */
  createLiverOverlay?(options: Omit<LiverOverlayOptions, 'segmentationService' | 'imageCache' | 'notifyDataModified'>): LiverOverlay | null;
  centreViewports(world: Vec3, viewportIds: readonly string[]): string[];
  /** Calls `onClick` with the LPS point of the next primary click on one of these viewports; returns a disarm function. */
  armClick(viewportIds: readonly string[], onClick: (world: Vec3) => void): () => void;
  /** Makes a segmentation tool (the mode's brush or eraser) the left-button tool of these viewports. */
  activatePrimaryTool(viewportIds: readonly string[], toolName: string): ToolActivation;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Names what is reviewed (the study in the URL), so a saved review comes back only for it. */
  storageScope(): string | null;
  now(): number;
}

/** The brush tools the mode adds to the PET viewports' tool group (cornerstone tool instances of 'Brush'). */
export const EDIT_TOOL_NAMES = { brush: 'CircularBrush', eraser: 'CircularEraser' } as const;
export type EditTool = keyof typeof EDIT_TOOL_NAMES;

/** How long the brush's data-modified events must be quiet before the painted labelmap is read back (ms). */
export const EDIT_SETTLE_MS = 300;

export type VolumeStatus =
  | { kind: 'no-pet' }
  | { kind: 'not-found' }
  | { kind: 'loading'; fraction: number }
  | { kind: 'ready'; units: PetVolume['units'] };

export interface RunTimings {
  /** From Run to the worker's result (ms). */
  toResultMs: number;
  /** From Run to the overlay drawn (ms); null until drawn. */
  toOverlayMs: number | null;
  /** detect() inside the worker (ms). */
  workerMs: number;
}

export interface SessionState extends LiverUiState {
  detector: DetectorChoice;
  filterPx: number;
  liver: { source: string; volumeMl: number } | null;
  warnings: readonly string[];
  /** A message about the last session action (not a review decision), e.g. why Run did nothing. */
  message: string | null;
  timings: RunTimings | null;
  /** Segments drawn on the viewports; null before the first overlay. */
  overlaySegments: number | null;
  addArmed: boolean;
  /** The candidate whose reject-reason chooser is open in the list; null when none. */
  rejectingId: number | null;
  /** The candidate whose boundary the reader is painting; null when no edit is open. */
  editingId: number | null;
  editTool: EditTool;
}

export interface ReviewSession extends Omit<LiverControls, 'dispose' | 'refreshLiverOverlay'> {
  readonly store: ReviewStore;
  readonly ui: ObservableStore<SessionState>;
  /** The active PET display set (the PET layer of a fused viewport counts), or null. */
  activePet(): OhifDisplaySet | null;
  volumeStatus(): VolumeStatus;
  setDetector(choice: DetectorChoice): void;
  setFilterPx(pixels: number): void;
  run(): Promise<void>;
  cancel(): void;
  goTo(id: number): DispatchOutcome;
  goToPending(direction: 'next' | 'previous'): number | null;
  accept(id?: number): DispatchOutcome;
  reject(id: number | undefined, reason: RejectionReason, note?: string): DispatchOutcome;
  /** Opens (or, with null, closes) the reject-reason chooser of a candidate; no id: the selected one. */
  chooseRejectReason(id?: number | null): void;
  armAddLesion(): void;
  addLesionAt(world: Vec3): DispatchOutcome & { id: number | null };
  /**
   * Opens a brush edit of a candidate's boundary (no id: the selected one): its segment becomes
   * the active segment of the labelmap (others locked) and the brush the left-button tool of the
   * PET viewports. Each settled stroke is read back as a boundary edit (statistics recomputed,
   * candidate flagged edited). Resolves to false, with the reason in `ui.message`, when refused.
   */
  startEdit(id?: number): Promise<boolean>;
  /** Brush or eraser for the open edit. */
  setEditTool(tool: EditTool): void;
  /** Reads the painted labelmap back one last time, closes the edit and gives the earlier tools back. */
  finishEdit(): void;
  /**
   * Leaving the mode: stops a run, saves the review to sessionStorage (it comes back when the
   * study is opened again in this tab) and says whether undecided or unreported work was left.
   */
  leave(): { unsavedWork: boolean; saved: boolean };
  /** Brings the overlay in line with the review (after the volume loads or the layout changes). */
  refreshOverlay(): Promise<void>;
  hasUnsavedWork(): boolean;
  dispose(): void;
}

export const STORAGE_KEY_PREFIX = 'ohif-extension-dotatate-liver:review:';

function isPet(displaySet: OhifDisplaySet | undefined): displaySet is OhifDisplaySet {
  return String(displaySet?.Modality ?? '').toUpperCase() === 'PT';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createReviewSession(services: OhifServices, environment: ReviewEnvironment): ReviewSession {
  const { viewportGridService, displaySetService } = services;
  let pet: PetVolume | null = null;
  let petDisplaySetUID: string | null = null;
  let segmentation: LesionSegmentation | null = null;
  let worker: DetectionWorkerClient | null = null;
  let disarmClick: (() => void) | null = null;
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

  /** The PET volume the statistics of edits are measured on (rebuilt from the viewer's cache when needed). */
  function petForStatistics(): PetVolume {
    if (pet) return pet;
    const displaySet = reviewDisplaySet();
    const volume = displaySet ? environment.findVolume(displaySet.displaySetInstanceUID) : undefined;
    if (!displaySet || !volume) throw new Error('the PET volume is not loaded');
    pet = petVolumeFromImageVolume(volume, String(displaySet.SeriesInstanceUID ?? ''));
    return pet;
  }

  const store = createReviewStore({ computeStatistics: (region, previous) => statisticsOfRegion(petForStatistics(), region, previous) });

  const scope = environment.storageScope() ?? displaySetService.getActiveDisplaySets?.()?.[0]?.StudyInstanceUID;
  const storageKey = `${STORAGE_KEY_PREFIX}${scope ?? 'unknown-study'}`;
  const saved = environment.storage?.getItem(storageKey);
  if (saved) {
    const restored = store.restore(saved);
    if (!restored.applied) patchUi({ message: `The saved review could not be restored: ${restored.notice ?? 'unknown reason'}` });
  }

  function gridViewports(): GridViewportInfo[] {
    return collectViewports(viewportGridService.getState());
  }

  function activePet(): OhifDisplaySet | null {
    return activeViewportDisplaySets(viewportGridService, displaySetService).find(isPet) ?? null;
  }

  /** The PET display set of the review: the one detection ran on, else the active one. */
  function reviewDisplaySet(): OhifDisplaySet | null {
    if (petDisplaySetUID) {
      const known = displaySetService.getDisplaySetByUID(petDisplaySetUID);
      if (known) return known;
    }
    const seriesUid = store.getState().runInfo?.petSeriesInstanceUID;
    if (seriesUid) {
      const match = displaySetService.getActiveDisplaySets?.()?.find((ds) => isPet(ds) && ds.SeriesInstanceUID === seriesUid);
      if (match) {
        petDisplaySetUID = match.displaySetInstanceUID;
        return match;
      }
    }
    return activePet();
  }

  function petViewportIds(displaySetUID: string): string[] {
    return gridViewports()
      .filter((viewport) => viewport.displaySetInstanceUIDs.includes(displaySetUID) && !viewport.isMip)
      .map((viewport) => viewport.viewportId);
  }

  function volumeStatus(): VolumeStatus {
    const displaySet = activePet();
    if (!displaySet) return { kind: 'no-pet' };
    const volume = environment.findVolume(displaySet.displaySetInstanceUID);
    if (!volume) return { kind: 'not-found' };
    const load = volumeLoadState(volume);
    if (!load.loaded) return { kind: 'loading', fraction: load.fraction };
    return { kind: 'ready', units: petUnitsOfVolume(volume) };
  }

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
        environment.storage?.setItem(storageKey, store.serialize());
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

  /** The liver mask of the last successful run, on the PET grid (linear IJK runs). */
  let liverRegion: VoxelRegion | null = null;

  async function run(): Promise<void> {
    await runWith({});
  }

  /** Runs detection with the committed liver seed and sphere centres, `overrides` replacing them; commits them on success. */
  async function runWith(overrides: LiverRunOptions): Promise<RunOutcome> {
    const notRun = (message: string): RunOutcome => {
      patchUi({ message });
      return { kind: 'not-run', message };
    };
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
    const committed = ui.getState();
    const liverOptions: LiverRunOptions = {
      liverSeedLPS: committed.liverSeedLPS ?? undefined,
      referenceCentresLPS: committed.referenceCentresLPS ?? undefined,
      ...overrides,
    };
    const runId = store.requestRun();
    if (runId === null) return { kind: 'not-run', message: 'Detection is already running.' }; // a second click while running
    runStartedAt = environment.now();
    patchUi({ message: null });
    store.reportProgress(runId, 'volume', 0);
    let volumeCopy: PetVolume;
    try {
      const seriesUid = String(displaySet.SeriesInstanceUID ?? '');
      pet = petVolumeFromImageVolume(volume, seriesUid);
      petDisplaySetUID = displaySet.displaySetInstanceUID;
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
            ...(liverOptions.liverSeedLPS ? { liverSeedLPS: liverOptions.liverSeedLPS } : {}),
            ...(liverOptions.referenceCentresLPS ? { referenceCentresLPS: liverOptions.referenceCentresLPS } : {}),
          },
        },
        (stage, fraction) => {
          const progress = runProgressOf(stage, fraction);
          if (progress) store.reportProgress(runId, progress.stage, progress.fraction);
        },
      );
      const toResultMs = environment.now() - runStartedAt;
      liverRegion = detection.liver.region;
      patchUi({
        liverSeedLPS: liverOptions.liverSeedLPS ?? null,
        referenceCentresLPS: liverOptions.referenceCentresLPS ?? null,
        liver: { source: detection.liver.source, volumeMl: detection.liver.volumeMl },
        warnings: detection.warnings,
        timings: { toResultMs, toOverlayMs: null, workerMs: detection.elapsedMs },
      });
      overlayPendingForRun = runId;
      const outcome = store.completeRun(runId, toReviewResult(detection));
      if (!outcome.applied && outcome.notice) patchUi({ message: outcome.notice });
      await refreshOverlay();
      await liverControls.refreshLiverOverlay();
      return { kind: 'done' };
    } catch (error) {
      if (error instanceof DetectionCancelledError) return { kind: 'not-run', message: 'Detection was cancelled.' };
      store.failRun(runId, messageOf(error));
      return { kind: 'failed', message: messageOf(error) };
    }
  }

  let liverOverlay: LiverOverlay | null | undefined;
  const liverControls = createLiverControls({
    ui,
    patch: patchUi,
    runWith,
    isRunning: () => store.getState().run.status === 'running',
    armClick(onClick) {
      const displaySet = reviewDisplaySet();
      if (!displaySet) return 'Select the PET viewport first.';
      disarmClick?.();
      disarmClick = null;
      if (ui.getState().addArmed) patchUi({ addArmed: false });
      return environment.armClick(petViewportIds(displaySet.displaySetInstanceUID), onClick);
    },
    liver: () => liverOnGrid(liverRegion, pet),
    spheres() {
      const spheres = store.getState().runInfo?.reference?.spheres;
      return spheres?.length ? { centresLPS: spheres.map((sphere) => [...sphere.centreLPS] as Vec3), radiusMm: spheres[0].radiusMm } : null;
    },
    overlay() {
      if (liverOverlay !== undefined) return liverOverlay;
      const displaySet = reviewDisplaySet();
      const volume = displaySet ? environment.findVolume(displaySet.displaySetInstanceUID) : undefined;
      if (!displaySet || !volume) return null;
      liverOverlay =
        environment.createLiverOverlay?.({
          displaySet,
          sliceImageIds: volume.imageIds ?? [],
          viewportIds: () => petViewportIds(displaySet.displaySetInstanceUID),
        }) ?? null;
      return liverOverlay;
    },
  });

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

  function addLesionAt(world: Vec3): DispatchOutcome & { id: number | null } {
    const threshold = store.getState().runInfo?.reference?.threshold;
    if (threshold === undefined) {
      const notice = 'Run detection first: a missed lesion is grown at the PERCIST threshold of the liver reference.';
      patchUi({ message: notice });
      return { applied: false, notice, id: null };
    }
    let region: VoxelRegion;
    try {
      region = growLesionAtThreshold(petForStatistics(), world, threshold);
    } catch (error) {
      const notice = messageOf(error);
      patchUi({ message: notice });
      return { applied: false, notice, id: null };
    }
    const outcome = store.addLesion(region);
    patchUi({ message: outcome.applied ? null : outcome.notice });
    return outcome;
  }

  function onBeforeUnload(event: BeforeUnloadEvent) {
    if (!selectHasUnsavedWork(store.getState())) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = '';
  }
  if (typeof window !== 'undefined') window.addEventListener('beforeunload', onBeforeUnload);

  const segmentationService = services.segmentationService as { EVENTS?: Record<string, string>; subscribe?: (name: string, cb: (event?: unknown) => void) => { unsubscribe(): void } } | undefined;
  let editTimer: ReturnType<typeof setTimeout> | null = null;
  const dataModified = segmentationService?.EVENTS?.SEGMENTATION_DATA_MODIFIED;
  const editSubscription =
    dataModified && segmentationService?.subscribe
      ? segmentationService.subscribe(dataModified, (event) => {
          const id = (event as { segmentationId?: string } | undefined)?.segmentationId;
          if (!segmentation || id !== segmentation.segmentationId || segmentation.isWriting()) return;
          if (editTimer) clearTimeout(editTimer);
          // The brush reports every stroke step; read the result once the stroke settles.
          editTimer = setTimeout(() => {
            editTimer = null;
            try {
              segmentation?.readBackEdits(store.getState().candidates);
            } catch (error) {
              patchUi({ message: `The brush edit could not be read: ${messageOf(error)}` });
            }
          }, EDIT_SETTLE_MS);
        })
      : null;

  let restoreTools: (() => void) | null = null;

  /** Reads the painted labelmap back now (a stroke that has not settled yet included). */
  function readBackNow(): void {
    if (editTimer) {
      clearTimeout(editTimer);
      editTimer = null;
    }
    if (!segmentation) return;
    try {
      segmentation.readBackEdits(store.getState().candidates);
    } catch (error) {
      patchUi({ message: `The brush edit could not be read: ${messageOf(error)}` });
    }
  }

  function switchTool(tool: EditTool, viewportIds: readonly string[]): boolean {
    restoreTools?.();
    restoreTools = null;
    const activation = environment.activatePrimaryTool(viewportIds, EDIT_TOOL_NAMES[tool]);
    if (!activation.applied) {
      patchUi({ message: activation.reason });
      return false;
    }
    restoreTools = activation.restore;
    patchUi({ editTool: tool });
    return true;
  }

  function finishEdit(): void {
    if (ui.getState().editingId === null) return;
    readBackNow();
    restoreTools?.();
    restoreTools = null;
    segmentation?.endEdit();
    patchUi({ editingId: null });
  }

  async function startEdit(id?: number): Promise<boolean> {
    const target = selectedOr(id);
    const refuse = (message: string) => {
      patchUi({ message });
      return false;
    };
    if (target === null) return refuse('Select a candidate first.');
    if (!store.getState().candidates.some((c) => c.id === target)) return refuse(`There is no candidate ${target} to edit.`);
    if (ui.getState().editingId === target) {
      finishEdit();
      return false;
    }
    finishEdit();
    const displaySet = reviewDisplaySet();
    if (!displaySet) return refuse('Select the PET viewport first.');
    await refreshOverlay();
    if (!segmentation) return refuse('The lesion overlay is not drawn (the PET volume is not loaded or the viewer has no segmentation service), so there is nothing to paint on.');
    const viewportIds = petViewportIds(displaySet.displaySetInstanceUID);
    try {
      await segmentation.beginEdit(target, viewportIds);
    } catch (error) {
      return refuse(messageOf(error));
    }
    goTo(target);
    if (!switchTool(ui.getState().editTool, viewportIds)) {
      segmentation.endEdit();
      return false;
    }
    patchUi({ editingId: target, message: null, rejectingId: null });
    return true;
  }

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
      if (Number.isInteger(pixels) && pixels >= 0 && pixels <= 1000) patchUi({ filterPx: pixels, message: null });
      else patchUi({ message: 'The pixel filter is a whole number of pixels from 0 to 1000.' });
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
      disarmClick?.();
      liverControls.disarmLiverClick();
      const displaySet = reviewDisplaySet();
      if (!displaySet) {
        patchUi({ message: 'Select the PET viewport first.' });
        return;
      }
      // The Add lesion button says "Click the lesion…" while armed.
      patchUi({ addArmed: true, message: null });
      disarmClick = environment.armClick(petViewportIds(displaySet.displaySetInstanceUID), (world) => {
        disarmClick = null;
        patchUi({ addArmed: false });
        const outcome = addLesionAt(world);
        if (outcome.applied && outcome.id !== null) centreOn(outcome.id);
      });
    },
    addLesionAt,
    setLiverShown: liverControls.setLiverShown,
    armLiverSeed: liverControls.armLiverSeed,
    armMoveSphere: liverControls.armMoveSphere,
    disarmLiverClick: liverControls.disarmLiverClick,
    reseedLiverAt: liverControls.reseedLiverAt,
    moveSphereTo: liverControls.moveSphereTo,
    resetSpheres: liverControls.resetSpheres,
    startEdit,
    setEditTool(tool) {
      const editingId = ui.getState().editingId;
      const displaySet = reviewDisplaySet();
      if (editingId === null || !displaySet) {
        patchUi({ editTool: tool });
        return;
      }
      readBackNow();
      switchTool(tool, petViewportIds(displaySet.displaySetInstanceUID));
    },
    finishEdit,
    leave() {
      if (store.getState().run.status === 'running') {
        store.cancelRun();
        worker?.cancel();
      }
      finishEdit();
      let saved = false;
      try {
        environment.storage?.setItem(storageKey, store.serialize());
        saved = environment.storage !== null;
      } catch {
        saved = false;
      }
      return { unsavedWork: selectHasUnsavedWork(store.getState()), saved };
    },
    refreshOverlay,
    hasUnsavedWork: () => selectHasUnsavedWork(store.getState()),
    dispose() {
      restoreTools?.();
      restoreTools = null;
      worker?.dispose();
      disarmClick?.();
      liverControls.dispose();
      unsubscribeStore();
      editSubscription?.unsubscribe();
      if (editTimer) clearTimeout(editTimer);
      if (typeof window !== 'undefined') window.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}
