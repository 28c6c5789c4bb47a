/**
 * Adding a lesion the detector missed: "Add lesion" arms one click on the PET viewports, and the
 * clicked point is grown into a region at the PERCIST threshold of the run's liver reference.
 * Clicks are LPS mm; the grown region is linear IJK indices on the PET grid.
 */
import type { PetVolume, Vec3 } from '../core/types';
import type { DispatchOutcome, ReviewStore } from '../state/reviewStore';
import type { VoxelRegion } from '../state/voxelRegion';
import type { OhifDisplaySet } from './ohifTypes';
import { growLesionAtThreshold } from './regionStatistics';

/** The part of the session's UI state adding a lesion writes. */
export interface AddLesionUiState {
  message: string | null;
  addArmed: boolean;
}

export interface AddLesionDeps {
  patch(patch: Partial<AddLesionUiState>): void;
  store: ReviewStore;
  /** The PET the region is grown on; throws, with a reader-facing message, when it is not loaded. */
  petForStatistics(): PetVolume;
  reviewDisplaySet(): OhifDisplaySet | null;
  petViewportIds(displaySetUID: string): string[];
  /** Calls `onClick` with the LPS point of the next primary click on these viewports; returns a disarm function. */
  armClick(viewportIds: readonly string[], onClick: (world: Vec3) => void): () => void;
  /** Disarms the liver section's pending click, so one click never does two things. */
  disarmLiverClick(): void;
  centreOn(id: number): void;
}

export interface AddLesion {
  armAddLesion(): void;
  addLesionAt(world: Vec3): DispatchOutcome & { id: number | null };
  /** Drops a pending add click, e.g. when the liver section arms its own. */
  disarmAddClick(): void;
  dispose(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createAddLesion(deps: AddLesionDeps): AddLesion {
  const { patch, store } = deps;
  let disarmClick: (() => void) | null = null;

  function addLesionAt(world: Vec3): DispatchOutcome & { id: number | null } {
    const threshold = store.getState().runInfo?.reference?.threshold;
    if (threshold === undefined) {
      const notice = 'Run detection first: a missed lesion is grown at the PERCIST threshold of the liver reference.';
      patch({ message: notice });
      return { applied: false, notice, id: null };
    }
    let region: VoxelRegion;
    try {
      region = growLesionAtThreshold(deps.petForStatistics(), world, threshold);
    } catch (error) {
      const notice = messageOf(error);
      patch({ message: notice });
      return { applied: false, notice, id: null };
    }
    const outcome = store.addLesion(region);
    patch({ message: outcome.applied ? null : outcome.notice });
    return outcome;
  }

  function armAddLesion(): void {
    disarmClick?.();
    deps.disarmLiverClick();
    const displaySet = deps.reviewDisplaySet();
    if (!displaySet) {
      patch({ message: 'Select the PET viewport first.' });
      return;
    }
    // The Add lesion button says "Click the lesion…" while armed.
    patch({ addArmed: true, message: null });
    disarmClick = deps.armClick(deps.petViewportIds(displaySet.displaySetInstanceUID), (world) => {
      disarmClick = null;
      patch({ addArmed: false });
      const outcome = addLesionAt(world);
      if (outcome.applied && outcome.id !== null) deps.centreOn(outcome.id);
    });
  }

  return {
    armAddLesion,
    addLesionAt,
    disarmAddClick() {
      disarmClick?.();
      disarmClick = null;
    },
    dispose() {
      disarmClick?.();
    },
  };
}
