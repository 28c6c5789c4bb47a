/**
 * The review session's liver part: the liver of the last run, the liver labelmap, the liver
 * controls (show, re-seed, move a sphere), the brush edit of the liver, and the liver saved with
 * the review (so these work after a reload without a new run). The session runs detection; this
 * part says which liver options a run uses and commits them when the run succeeds.
 * Points are LPS mm; regions are linear IJK indices on the PET grid.
 */
import type { Vec3 } from '../core/types';
import type { ReviewStore } from '../state/reviewStore';
import type { SavedLiver } from '../state/reviewSerialization';
import type { ObservableStore } from '../state/store';
import type { VoxelRegion } from '../state/voxelRegion';
import type { WorkerDetection } from '../worker/protocol';
import type { LiverCheckResult } from '../core/liver/liverPlausibility';
import { createEditBrush } from './editBrush';
import { createLiverControls, liverOnGrid, type LiverControls, type LiverRunOptions, type RunOutcome } from './liverControls';
import { createLiverEdit, type LiverEdit } from './liverEdit';
import type { LiverOverlay } from './liverOverlay';
import type { ReviewedPet } from './reviewedPet';
import type { ReviewEnvironment, SessionState } from './reviewSessionTypes';

export interface LiverSessionDeps {
  ui: ObservableStore<SessionState>;
  patch(patch: Partial<SessionState>): void;
  store: ReviewStore;
  environment: Pick<ReviewEnvironment, 'armClick' | 'createLiverOverlay' | 'findVolume' | 'activatePrimaryTool'>;
  reviewedPet: ReviewedPet;
  /** Runs detection with these liver options on top of the committed ones (`fromLiverEdit`: the liver edit's Apply). */
  runWith(options: LiverRunOptions, fromLiverEdit: boolean): Promise<RunOutcome>;
  /** Disarms the add-lesion click (a liver click or brush stroke must not also add a lesion). */
  disarmAddLesion(): void;
  /** Closes an open boundary edit, keeping its strokes. */
  finishBoundaryEdit(): void;
}

/** What the reader does with the liver, as the review session offers it. */
export type LiverActions = Omit<LiverControls, 'dispose' | 'refreshLiverOverlay'> & Omit<LiverEdit, 'isOpen' | 'dispose'>;

export interface LiverSession {
  readonly controls: LiverControls;
  readonly edit: LiverEdit;
  readonly actions: LiverActions;
  /** The liver options of the next run: the committed ones, `overrides` replacing them. */
  runOptions(overrides: LiverRunOptions): LiverRunOptions;
  /** After a successful run: its liver becomes the current one and its options the committed ones. */
  commitRun(options: LiverRunOptions, liver: WorkerDetection['liver']): void;
  /** After a run whose automatic liver failed its checks: that liver is shown (never saved) with what failed. */
  showDoubtfulLiver(liver: WorkerDetection['liver'], check: LiverCheckResult): Promise<void>;
  /** The liver to save with the review; null before any run. */
  saved(): SavedLiver | null;
  /** Brings back a saved liver (null: none, as in an old save); the controls then work without a new run. */
  restore(saved: SavedLiver | null): void;
  dispose(): void;
}

const copyPoints = (points: readonly Vec3[]): Vec3[] => points.map((point) => [...point] as Vec3);

export function createLiverSession(deps: LiverSessionDeps): LiverSession {
  const { ui, patch, reviewedPet, environment } = deps;
  /** The liver mask of the last successful run (or the saved review), on the PET grid. */
  let liverRegion: VoxelRegion | null = null;
  let liverOverlay: LiverOverlay | null | undefined;

  /** The reviewed PET's grid: the volume of the last run, else (after a reload) the viewer's volume. */
  function petGrid() {
    const current = reviewedPet.current();
    if (current) return current;
    try {
      return reviewedPet.petForStatistics();
    } catch {
      return null;
    }
  }

  const liver = () => liverOnGrid(liverRegion, petGrid());

  function viewportIds(): string[] | string {
    const displaySet = reviewedPet.reviewDisplaySet();
    if (!displaySet) return 'Select the PET viewport first.';
    const ids = reviewedPet.petViewportIds(displaySet.displaySetInstanceUID);
    return ids.length > 0 ? ids : 'No PET viewport is on screen to paint on.';
  }

  function overlay(): LiverOverlay | null {
    if (liverOverlay) return liverOverlay;
    const displaySet = reviewedPet.reviewDisplaySet();
    const volume = displaySet ? environment.findVolume(displaySet.displaySetInstanceUID) : undefined;
    if (!displaySet || !volume) return null;
    liverOverlay =
      environment.createLiverOverlay?.({
        displaySet,
        sliceImageIds: volume.imageIds ?? [],
        gridDimensions: [Number(volume.dimensions[0]), Number(volume.dimensions[1]), Number(volume.dimensions[2])],
        viewportIds: () => reviewedPet.petViewportIds(displaySet.displaySetInstanceUID),
      }) ?? null;
    return liverOverlay;
  }

  const controls = createLiverControls({
    ui,
    patch,
    runWith: (options) => deps.runWith(options, false),
    isRunning: () => deps.store.getState().run.status === 'running',
    armClick(onClick) {
      const displaySet = reviewedPet.reviewDisplaySet();
      if (!displaySet) return 'Select the PET viewport first.';
      deps.disarmAddLesion();
      return environment.armClick(reviewedPet.petViewportIds(displaySet.displaySetInstanceUID), onClick);
    },
    liver,
    spheres() {
      const spheres = deps.store.getState().runInfo?.reference?.spheres;
      return spheres?.length ? { centresLPS: copyPoints(spheres.map((sphere) => sphere.centreLPS)), radiusMm: spheres[0].radiusMm } : null;
    },
    overlay,
  });

  const edit = createLiverEdit({
    ui,
    patch,
    liver,
    overlay,
    viewportIds,
    brush: createEditBrush((ids, toolName) => environment.activatePrimaryTool(ids, toolName)),
    isRunning: () => deps.store.getState().run.status === 'running',
    closeOtherModes() {
      deps.finishBoundaryEdit();
      deps.disarmAddLesion();
      controls.disarmLiverClick();
    },
    runWith: (options) => deps.runWith(options, true),
    refreshLiverOverlay: () => controls.refreshLiverOverlay(),
  });

  return {
    controls,
    edit,
    actions: {
      setLiverShown: controls.setLiverShown,
      armLiverSeed: controls.armLiverSeed,
      armMoveSphere: controls.armMoveSphere,
      disarmLiverClick: controls.disarmLiverClick,
      reseedLiverAt: controls.reseedLiverAt,
      moveSphereTo: controls.moveSphereTo,
      resetSpheres: controls.resetSpheres,
      startLiverEdit: edit.startLiverEdit,
      setLiverEditTool: edit.setLiverEditTool,
      applyLiverEdit: edit.applyLiverEdit,
      cancelLiverEdit: edit.cancelLiverEdit,
    },
    runOptions(overrides) {
      const committed = ui.getState();
      return {
        liverSeedLPS: committed.liverSeedLPS ?? undefined,
        referenceCentresLPS: committed.referenceCentresLPS ?? undefined,
        liverMask: committed.editedLiver ?? undefined,
        ...overrides,
      };
    },
    commitRun(options, result) {
      liverRegion = result.region;
      patch({
        liverSeedLPS: options.liverSeedLPS ?? null,
        referenceCentresLPS: options.referenceCentresLPS ?? null,
        editedLiver: options.liverMask ?? null,
        liver: { source: result.source, volumeMl: result.volumeMl },
        liverDoubt: null,
      });
    },
    async showDoubtfulLiver(result, check) {
      liverRegion = result.region;
      patch({
        liver: { source: result.source, volumeMl: result.volumeMl },
        liverDoubt: { message: check.message ?? 'The automatic liver mask failed its checks.', failed: check.checks.filter((item) => !item.passed).map((item) => item.text) },
      });
      // The reader judges the mask by seeing it: drawn at once, beside the request for a click.
      await controls.setLiverShown(true);
    },
    saved() {
      const state = ui.getState();
      // A doubtful liver is not kept: after a reload the next run finds (and doubts) it again.
      if (!liverRegion || !state.liver || state.liverDoubt) return null;
      return {
        region: liverRegion,
        source: state.liver.source,
        volumeMl: state.liver.volumeMl,
        seedLPS: state.liverSeedLPS,
        referenceCentresLPS: state.referenceCentresLPS,
      };
    },
    restore(saved) {
      if (!saved) return;
      liverRegion = saved.region;
      patch({
        liver: { source: saved.source, volumeMl: saved.volumeMl },
        liverSeedLPS: saved.seedLPS,
        referenceCentresLPS: saved.referenceCentresLPS,
        // An edited liver is the mask later runs use, until a re-seed replaces it.
        editedLiver: saved.source === 'edited' ? saved.region : null,
      });
    },
    dispose() {
      edit.dispose();
      controls.dispose();
    },
  };
}
