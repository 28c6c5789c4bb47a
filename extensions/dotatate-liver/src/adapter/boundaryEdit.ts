/**
 * The reader's brush edit of a candidate's boundary: its segment becomes the active segment of the
 * lesion labelmap (others locked), the mode's brush or eraser the left-button tool of the PET
 * viewports, and every settled stroke is read back as a boundary edit of the review.
 * Regions read back are linear IJK indices on the PET grid.
 */
import type { DispatchOutcome, ReviewStore } from '../state/reviewStore';
import type { ObservableStore } from '../state/store';
import type { LesionSegmentation } from './lesionSegmentation';
import type { OhifDisplaySet } from './ohifTypes';
import type { ToolActivation } from './primaryTool';
import { createEditBrush, type EditTool } from './editBrush';

export { EDIT_TOOL_NAMES, type EditTool } from './editBrush';

/** How long the brush's data-modified events must be quiet before the painted labelmap is read back (ms). */
export const EDIT_SETTLE_MS = 300;

/** The part of the session's UI state the edit reads and writes. */
export interface BoundaryEditUiState {
  message: string | null;
  rejectingId: number | null;
  editingId: number | null;
  editTool: EditTool;
}

export interface BoundaryEditDeps {
  ui: ObservableStore<BoundaryEditUiState>;
  patch(patch: Partial<BoundaryEditUiState>): void;
  store: ReviewStore;
  /** Where the brush's data-modified events come from; without it edits are read back only on Done. */
  segmentationService: unknown;
  /** The lesion labelmap once drawn; null before the first overlay. */
  segmentation(): LesionSegmentation | null;
  /** Brings the overlay in line with the review, creating the labelmap when the volume is loaded. */
  refreshOverlay(): Promise<void>;
  reviewDisplaySet(): OhifDisplaySet | null;
  petViewportIds(displaySetUID: string): string[];
  activatePrimaryTool(viewportIds: readonly string[], toolName: string): ToolActivation;
  /** The given id, else the selected candidate's. */
  selectedOr(id: number | undefined): number | null;
  goTo(id: number): DispatchOutcome;
}

export interface BoundaryEdit {
  startEdit(id?: number): Promise<boolean>;
  setEditTool(tool: EditTool): void;
  finishEdit(): void;
  dispose(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createBoundaryEdit(deps: BoundaryEditDeps): BoundaryEdit {
  const { ui, patch, store } = deps;
  const segmentationService = deps.segmentationService as { EVENTS?: Record<string, string>; subscribe?: (name: string, cb: (event?: unknown) => void) => { unsubscribe(): void } } | undefined;
  let editTimer: ReturnType<typeof setTimeout> | null = null;
  const dataModified = segmentationService?.EVENTS?.SEGMENTATION_DATA_MODIFIED;
  const editSubscription =
    dataModified && segmentationService?.subscribe
      ? segmentationService.subscribe(dataModified, (event) => {
          const id = (event as { segmentationId?: string } | undefined)?.segmentationId;
          const segmentation = deps.segmentation();
          if (!segmentation || id !== segmentation.segmentationId || segmentation.isWriting()) return;
          if (editTimer) clearTimeout(editTimer);
          // The brush reports every stroke step; read the result once the stroke settles.
          editTimer = setTimeout(() => {
            editTimer = null;
            try {
              deps.segmentation()?.readBackEdits(store.getState().candidates);
            } catch (error) {
              patch({ message: `The brush edit could not be read: ${messageOf(error)}` });
            }
          }, EDIT_SETTLE_MS);
        })
      : null;

  const brush = createEditBrush(deps.activatePrimaryTool);

  /** Reads the painted labelmap back now (a stroke that has not settled yet included). */
  function readBackNow(): void {
    if (editTimer) {
      clearTimeout(editTimer);
      editTimer = null;
    }
    const segmentation = deps.segmentation();
    if (!segmentation) return;
    try {
      segmentation.readBackEdits(store.getState().candidates);
    } catch (error) {
      patch({ message: `The brush edit could not be read: ${messageOf(error)}` });
    }
  }

  function switchTool(tool: EditTool, viewportIds: readonly string[]): boolean {
    const switched = brush.switchTo(tool, viewportIds);
    if (!switched.applied) {
      patch({ message: switched.reason });
      return false;
    }
    patch({ editTool: tool });
    return true;
  }

  function finishEdit(): void {
    if (ui.getState().editingId === null) return;
    readBackNow();
    brush.restore();
    deps.segmentation()?.endEdit();
    patch({ editingId: null });
  }

  async function startEdit(id?: number): Promise<boolean> {
    const target = deps.selectedOr(id);
    const refuse = (message: string) => {
      patch({ message });
      return false;
    };
    if (target === null) return refuse('Select a candidate first.');
    if (!store.getState().candidates.some((c) => c.id === target)) return refuse(`There is no candidate ${target} to edit.`);
    if (ui.getState().editingId === target) {
      finishEdit();
      return false;
    }
    finishEdit();
    const displaySet = deps.reviewDisplaySet();
    if (!displaySet) return refuse('Select the PET viewport first.');
    await deps.refreshOverlay();
    const segmentation = deps.segmentation();
    if (!segmentation) return refuse('The lesion overlay is not drawn (the PET volume is not loaded or the viewer has no segmentation service), so there is nothing to paint on.');
    const viewportIds = deps.petViewportIds(displaySet.displaySetInstanceUID);
    try {
      await segmentation.beginEdit(target, viewportIds);
    } catch (error) {
      return refuse(messageOf(error));
    }
    deps.goTo(target);
    if (!switchTool(ui.getState().editTool, viewportIds)) {
      segmentation.endEdit();
      return false;
    }
    patch({ editingId: target, message: null, rejectingId: null });
    return true;
  }

  function setEditTool(tool: EditTool): void {
    const editingId = ui.getState().editingId;
    const displaySet = deps.reviewDisplaySet();
    if (editingId === null || !displaySet) {
      patch({ editTool: tool });
      return;
    }
    readBackNow();
    switchTool(tool, deps.petViewportIds(displaySet.displaySetInstanceUID));
  }

  return {
    startEdit,
    setEditTool,
    finishEdit,
    dispose() {
      brush.restore();
      editSubscription?.unsubscribe();
      if (editTimer) clearTimeout(editTimer);
    },
  };
}
