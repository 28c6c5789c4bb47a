/**
 * The reader's brush edit of the liver mask ("Edit liver"): the liver is drawn alone on its own
 * labelmap, its segment becomes the one the mode's brush / eraser paints on the PET viewports, and
 * "Apply" reads the painted liver back and re-runs detection with it as the given liver (source
 * 'edited'; the store's re-run keeps the decisions of overlapping candidates). "Cancel" drops the
 * strokes and redraws the earlier liver. A refused or failed Apply keeps the edit open, the strokes
 * on the PET and the earlier liver, reference and candidates.
 * Regions are linear IJK indices on the PET grid; sphere centres are LPS mm.
 */
import type { Vec3, VolumeGeometry } from '../core/types';
import type { ObservableStore } from '../state/store';
import { regionVoxelCount, type VoxelRegion } from '../state/voxelRegion';
import type { EditBrush, EditTool } from './editBrush';
import type { LiverRunOptions, LiverUiState, RunOutcome } from './liverControls';
import { regionContainsPoint } from './liverGeometry';
import type { LiverOverlay } from './liverOverlay';

/** PERCIST: three spheres of 3 cm diameter (radius 15 mm). */
const REFERENCE_SPHERES = 3;
const REFERENCE_RADIUS_MM = 15;
/** Below the volume of the three spheres (≈ 42 ml) no edited liver can hold them. */
export const MINIMUM_EDITED_LIVER_ML = (REFERENCE_SPHERES * 4 * Math.PI * REFERENCE_RADIUS_MM ** 3) / 3 / 1000;

/** The part of the session's UI state the liver edit reads and writes. */
export interface LiverEditUiState extends LiverUiState {
  editTool: EditTool;
}

export interface LiverEditDeps {
  ui: ObservableStore<LiverEditUiState>;
  patch(patch: Partial<LiverEditUiState>): void;
  /** The liver of the last successful run (PET grid) and the grid; null before detection. */
  liver(): { region: VoxelRegion; geometry: VolumeGeometry } | null;
  /** The liver labelmap, created on first use; null when the viewer cannot draw one. */
  overlay(): LiverOverlay | null;
  /** The non-MIP viewports showing the reviewed PET, or why there are none. */
  viewportIds(): string[] | string;
  brush: EditBrush;
  isRunning(): boolean;
  /** Closes whatever else uses the left button: an open boundary edit (its strokes kept), armed clicks. */
  closeOtherModes(): void;
  /** Runs detection with these liver options on top of the committed ones (allowed while the edit is open). */
  runWith(options: LiverRunOptions): Promise<RunOutcome>;
  /** Redraws the liver overlay as the controls show it (liver and spheres), when shown. */
  refreshLiverOverlay(): Promise<void>;
}

export interface LiverEdit {
  /** Opens the edit; resolves to false, with the reason in `liverMessage`, when refused. */
  startLiverEdit(): Promise<boolean>;
  /** Brush or eraser for the open liver edit. */
  setLiverEditTool(tool: EditTool): void;
  /** Reads the painted liver and re-runs detection with it; refused (edit kept open) when empty or too small. */
  applyLiverEdit(): Promise<RunOutcome>;
  /** Drops the strokes, redraws the earlier liver (or hides it, when it was hidden) and gives the tools back. */
  cancelLiverEdit(): Promise<void>;
  isOpen(): boolean;
  dispose(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Volume of one voxel (ml) of the grid. */
function voxelMl(geometry: VolumeGeometry): number {
  return (geometry.spacing[0] * geometry.spacing[1] * geometry.spacing[2]) / 1000;
}

export function createLiverEdit(deps: LiverEditDeps): LiverEdit {
  const { ui, patch, brush } = deps;
  /** Whether the liver was shown before the edit (Cancel goes back to that). */
  let shownBefore = false;
  let applying = false;

  const refuse = (message: string): RunOutcome => {
    patch({ liverMessage: message });
    return { kind: 'not-run', message };
  };

  function close(): void {
    brush.restore();
    deps.overlay()?.endEdit();
    patch({ liverEditing: false });
  }

  async function startLiverEdit(): Promise<boolean> {
    const refused = (message: string) => {
      patch({ liverMessage: message });
      return false;
    };
    if (ui.getState().liverEditing) return true;
    if (deps.isRunning()) return refused('Detection is running; wait for it to finish (or cancel it) before editing the liver.');
    const liver = deps.liver();
    if (!liver) return refused('Run detection first: the liver mask comes from it.');
    const overlay = deps.overlay();
    if (!overlay) return refused('The viewer has no segmentation service, so the liver cannot be drawn or painted.');
    const viewportIds = deps.viewportIds();
    if (typeof viewportIds === 'string') return refused(viewportIds);
    deps.closeOtherModes();
    shownBefore = ui.getState().liverShown;
    try {
      // The liver alone: sphere markers over it would hide liver voxels from the read-back.
      await overlay.show(liver.region, []);
      overlay.beginEdit(viewportIds);
    } catch (error) {
      overlay.endEdit();
      await restoreEarlierView();
      return refused(`The liver cannot be edited: ${messageOf(error)}`);
    }
    const switched = brush.switchTo(ui.getState().editTool, viewportIds);
    if (!switched.applied) {
      overlay.endEdit();
      await restoreEarlierView();
      return refused(switched.reason);
    }
    patch({ liverEditing: true, liverShown: true, liverMessage: null });
    return true;
  }

  async function restoreEarlierView(): Promise<void> {
    if (shownBefore) {
      patch({ liverShown: true });
      await deps.refreshLiverOverlay();
    } else {
      patch({ liverShown: false });
      deps.overlay()?.hide();
    }
  }

  /** Committed sphere centres still inside the edited liver, or undefined (automatic) with a note saying why. */
  function spheresFor(region: VoxelRegion, geometry: VolumeGeometry): { centres: Vec3[] | undefined; note: string | null } {
    const committed = ui.getState().referenceCentresLPS;
    if (!committed) return { centres: undefined, note: null };
    const outside = committed.map((centre, index) => (regionContainsPoint(region, geometry, centre) ? 0 : index + 1)).filter((n) => n > 0);
    if (outside.length === 0) return { centres: committed.map((centre) => [...centre] as Vec3), note: null };
    const which = outside.length === 1 ? `Sphere ${outside[0]} lay` : `Spheres ${outside.join(' and ')} lay`;
    return { centres: undefined, note: `${which} outside the edited liver, so the reference spheres were placed automatically again.` };
  }

  async function applyLiverEdit(): Promise<RunOutcome> {
    if (!ui.getState().liverEditing) return refuse('Open "Edit liver" first.');
    if (applying || deps.isRunning()) return refuse('Detection is running; wait for it to finish (or cancel it) first.');
    const liver = deps.liver();
    const overlay = deps.overlay();
    if (!liver || !overlay) return refuse('The liver is no longer drawn; cancel the edit and run detection again.');
    let region: VoxelRegion;
    try {
      region = overlay.readLiver();
    } catch (error) {
      return refuse(`The painted liver could not be read: ${messageOf(error)} The earlier liver is kept.`);
    }
    const voxels = regionVoxelCount(region);
    if (voxels === 0) {
      return refuse('The edited liver mask is empty, so it was not applied: paint the liver with the brush, or Cancel to keep the earlier liver.');
    }
    const volumeMl = voxels * voxelMl(liver.geometry);
    if (volumeMl < MINIMUM_EDITED_LIVER_ML) {
      return refuse(
        `The edited liver mask holds ${volumeMl.toFixed(0)} ml, too small for the three 3 cm reference spheres (at least ${MINIMUM_EDITED_LIVER_ML.toFixed(0)} ml); it was not applied. Paint more of the liver, or Cancel.`,
      );
    }
    const { centres, note } = spheresFor(region, liver.geometry);
    applying = true;
    let outcome: RunOutcome;
    try {
      outcome = await deps.runWith({ liverMask: region, liverSeedLPS: undefined, referenceCentresLPS: centres });
    } finally {
      applying = false;
    }
    if (outcome.kind === 'done') {
      close();
      patch({ liverMessage: note });
    } else {
      patch({
        liverMessage: `The edited liver was not applied: ${outcome.message} The earlier liver, reference and candidates are kept; your strokes stay on the PET (Apply again, or Cancel).`,
      });
    }
    return outcome;
  }

  async function cancelLiverEdit(): Promise<void> {
    if (!ui.getState().liverEditing) return;
    if (applying) {
      patch({ liverMessage: 'The edited liver is being applied; wait for detection to finish.' });
      return;
    }
    close();
    patch({ liverMessage: null });
    await restoreEarlierView();
  }

  return {
    startLiverEdit,
    setLiverEditTool(tool) {
      if (!ui.getState().liverEditing) {
        patch({ editTool: tool });
        return;
      }
      const viewportIds = deps.viewportIds();
      if (typeof viewportIds === 'string') {
        patch({ liverMessage: viewportIds });
        return;
      }
      const switched = brush.switchTo(tool, viewportIds);
      if (switched.applied) patch({ editTool: tool });
      else patch({ liverMessage: switched.reason });
    },
    applyLiverEdit,
    cancelLiverEdit,
    isOpen: () => ui.getState().liverEditing,
    dispose() {
      if (ui.getState().liverEditing) close();
    },
  };
}
