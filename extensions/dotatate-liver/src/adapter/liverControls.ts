/**
 * The reader's hold on the liver reference: show or hide the liver mask and spheres, re-seed the
 * liver with one click, move a reference sphere with one click, or go back to automatic spheres.
 * Each change re-runs detection through the review session (the store's re-run keeps the decisions
 * of overlapping candidates); a change that fails keeps the earlier results and says why.
 * Points are LPS mm; the liver region is linear IJK indices on the PET grid.
 */
import type { PetVolume, Vec3, VolumeGeometry } from '../core/types';
import type { ObservableStore } from '../state/store';
import type { VoxelRegion } from '../state/voxelRegion';
import { regionContainsPoint, sphereVoxelIndices, voxelOfPoint, withMovedCentre } from './liverGeometry';
import type { LiverOverlay } from './liverOverlay';

/** What a click on the PET does while the liver section has armed it. */
export type LiverClickMode = { kind: 'seed' } | { kind: 'sphere'; index: number };

/** What detection is asked to use for the liver reference (absent: automatic). */
export interface LiverRunOptions {
  liverSeedLPS?: Vec3;
  referenceCentresLPS?: Vec3[];
  /** The reader's brush-edited liver (PET grid); takes precedence over the seed. */
  liverMask?: VoxelRegion;
}

export type RunOutcome = { kind: 'done' } | { kind: 'failed'; message: string } | { kind: 'not-run'; message: string };

export interface LiverUiState {
  liverShown: boolean;
  liverArmed: LiverClickMode | null;
  /** The committed seed (the last run that used it succeeded); null: automatic liver mask. */
  liverSeedLPS: Vec3 | null;
  /** The committed sphere centres; null: automatic placement. */
  referenceCentresLPS: Vec3[] | null;
  /** The committed brush-edited liver (PET grid); null: the seed or automatic liver. Later runs use it until a re-seed. */
  editedLiver: VoxelRegion | null;
  /** True while the reader paints the liver mask ("Edit liver" open). */
  liverEditing: boolean;
  /** Why the last liver or sphere change was refused or failed; null when it worked. */
  liverMessage: string | null;
  /**
   * The automatic liver failed its plausibility checks (no candidates were listed): what failed,
   * shown until a run with a liver the reader gives (a click, the brush) succeeds.
   */
  liverDoubt: { message: string; failed: string[] } | null;
}

export const INITIAL_LIVER_UI: LiverUiState = {
  liverShown: false,
  liverArmed: null,
  liverSeedLPS: null,
  referenceCentresLPS: null,
  editedLiver: null,
  liverEditing: false,
  liverMessage: null,
  liverDoubt: null,
};

/** Why a liver click or show/hide must wait while the liver is being painted. */
export const FINISH_LIVER_EDIT_FIRST = 'Apply or cancel the liver edit first.';

export interface LiverControlsDeps {
  ui: ObservableStore<LiverUiState>;
  patch(patch: Partial<LiverUiState>): void;
  /** Runs detection with these liver options on top of the committed ones. */
  runWith(options: LiverRunOptions): Promise<RunOutcome>;
  /** Arms one primary click on the PET viewports; returns a disarm function, or a reason it cannot. */
  armClick(onClick: (world: Vec3) => void): (() => void) | string;
  /** The liver mask of the last successful run (PET grid) and the grid; null before detection. */
  liver(): { region: VoxelRegion; geometry: VolumeGeometry } | null;
  /** The sphere centres (LPS mm) and radius of the current reference; null before detection. */
  spheres(): { centresLPS: Vec3[]; radiusMm: number } | null;
  /** The liver labelmap, created on first use; null when the viewer cannot draw one. */
  overlay(): LiverOverlay | null;
  isRunning(): boolean;
}

export interface LiverControls {
  setLiverShown(shown: boolean): Promise<void>;
  /** Arms "Re-seed liver": the next click on the PET becomes the liver seed and detection re-runs. */
  armLiverSeed(): void;
  /** Arms "Move" of sphere `index` (0-based): the next click becomes its centre and detection re-runs. */
  armMoveSphere(index: number): void;
  disarmLiverClick(): void;
  reseedLiverAt(world: Vec3): Promise<RunOutcome>;
  moveSphereTo(index: number, world: Vec3): Promise<RunOutcome>;
  /** Back to automatic sphere placement; detection re-runs. */
  resetSpheres(): Promise<RunOutcome>;
  /** Redraws the liver overlay when it is shown; the session calls it after every run. */
  refreshLiverOverlay(): Promise<void>;
  dispose(): void;
}

const notRun = (message: string): RunOutcome => ({ kind: 'not-run', message });

export function createLiverControls(deps: LiverControlsDeps): LiverControls {
  let disarm: (() => void) | null = null;

  function disarmLiverClick() {
    disarm?.();
    disarm = null;
    if (deps.ui.getState().liverArmed) deps.patch({ liverArmed: null });
  }

  function refuse(message: string): RunOutcome {
    deps.patch({ liverMessage: message });
    return notRun(message);
  }

  async function refreshLiverOverlay(): Promise<void> {
    if (!deps.ui.getState().liverShown) return;
    const overlay = deps.overlay();
    if (!overlay) return;
    const liver = deps.liver();
    const spheres = deps.spheres();
    if (!liver) return;
    const sphereIndices = spheres ? sphereVoxelIndices(liver.geometry, spheres.centresLPS, spheres.radiusMm) : [];
    try {
      await overlay.show(liver.region, sphereIndices);
    } catch (error) {
      deps.patch({ liverMessage: `The liver overlay could not be drawn: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  async function afterRun(outcome: RunOutcome, what: string): Promise<RunOutcome> {
    // A successful run has redrawn the liver overlay already (the session does it after every run).
    if (outcome.kind === 'done') {
      deps.patch({ liverMessage: null });
    } else {
      deps.patch({ liverMessage: `${what} was not applied: ${outcome.message} The earlier liver, reference and candidates are kept.` });
    }
    return outcome;
  }

  function arm(mode: LiverClickMode, onClick: (world: Vec3) => Promise<RunOutcome>) {
    disarmLiverClick();
    if (deps.ui.getState().liverEditing) {
      deps.patch({ liverMessage: FINISH_LIVER_EDIT_FIRST });
      return;
    }
    if (deps.isRunning()) {
      deps.patch({ liverMessage: 'Detection is running; wait for it to finish (or cancel it) first.' });
      return;
    }
    const result = deps.armClick((world) => {
      disarm = null;
      deps.patch({ liverArmed: null });
      void onClick(world);
    });
    if (typeof result === 'string') {
      deps.patch({ liverMessage: result });
      return;
    }
    disarm = result;
    deps.patch({ liverArmed: mode, liverMessage: null });
  }

  async function reseedLiverAt(world: Vec3): Promise<RunOutcome> {
    const liver = deps.liver();
    if (liver && !voxelOfPoint(liver.geometry, world)) {
      return refuse('The click lies outside the PET volume; click inside the liver on the PET.');
    }
    // A new liver makes moved spheres meaningless: they go back to automatic placement. The seed
    // replaces an edited liver too.
    return afterRun(await deps.runWith({ liverSeedLPS: [...world] as Vec3, referenceCentresLPS: undefined, liverMask: undefined }), 'The new liver seed');
  }

  async function moveSphereTo(index: number, world: Vec3): Promise<RunOutcome> {
    const liver = deps.liver();
    const spheres = deps.spheres();
    if (!liver || !spheres) return refuse('Run detection first: the spheres are placed in the liver it finds.');
    if (index < 0 || index >= spheres.centresLPS.length) return refuse(`There is no reference sphere ${index + 1}.`);
    if (!regionContainsPoint(liver.region, liver.geometry, world)) {
      return refuse(`Sphere ${index + 1} was not moved: the click lies outside the liver mask. Click inside the liver (show the liver to see it).`);
    }
    const centres = withMovedCentre(spheres.centresLPS, index, world);
    return afterRun(await deps.runWith({ referenceCentresLPS: centres }), `Moving sphere ${index + 1}`);
  }

  return {
    async setLiverShown(shown) {
      if (deps.ui.getState().liverEditing) {
        deps.patch({ liverMessage: FINISH_LIVER_EDIT_FIRST });
        return;
      }
      if (shown && !deps.liver()) {
        deps.patch({ liverMessage: 'Run detection first: the liver mask comes from it.' });
        return;
      }
      if (shown && !deps.overlay()) {
        deps.patch({ liverMessage: 'The viewer has no segmentation service, so the liver cannot be drawn.' });
        return;
      }
      deps.patch({ liverShown: shown, liverMessage: null });
      if (shown) await refreshLiverOverlay();
      else deps.overlay()?.hide();
    },
    armLiverSeed: () => arm({ kind: 'seed' }, reseedLiverAt),
    armMoveSphere(index) {
      if (!deps.spheres()) {
        refuse('Run detection first: the spheres are placed in the liver it finds.');
        return;
      }
      arm({ kind: 'sphere', index }, (world) => moveSphereTo(index, world));
    },
    disarmLiverClick,
    reseedLiverAt,
    moveSphereTo,
    async resetSpheres() {
      if (!deps.spheres()) return refuse('Run detection first.');
      return afterRun(await deps.runWith({ referenceCentresLPS: undefined }), 'Resetting the spheres');
    },
    refreshLiverOverlay,
    dispose: () => disarmLiverClick(),
  };
}

/** The liver region and grid for the controls, from the last run's result and the PET volume; null when they do not match. */
export function liverOnGrid(region: VoxelRegion | null, pet: PetVolume | null): { region: VoxelRegion; geometry: VolumeGeometry } | null {
  if (!region || !pet) return null;
  if (region.dimensions.some((size, axis) => size !== pet.dimensions[axis])) return null;
  return { region, geometry: { dimensions: pet.dimensions, spacing: pet.spacing, origin: pet.origin, direction: pet.direction } };
}
