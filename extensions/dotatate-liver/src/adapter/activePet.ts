import { describePetDisplaySet, type PetDisplaySetDescription } from './describePetDisplaySet';
import type { DisplaySetServiceLike, OhifDisplaySet, ViewportGridServiceLike, ViewportGridViewport } from './ohifTypes';

/** What the panel shows about the active viewport. */
export type ActivePetState =
  | { kind: 'no-display-set'; message: string }
  | { kind: 'not-pet'; modality: string; seriesDescription: string; message: string }
  | { kind: 'pet'; description: PetDisplaySetDescription };

export const NO_ACTIVE_DISPLAY_SET_MESSAGE =
  'No PET series is active. Select the PET viewport (or open a study with a PT series) to see its details.';

function viewportById(
  viewports: Map<string, ViewportGridViewport> | Record<string, ViewportGridViewport> | undefined,
  viewportId: string,
): ViewportGridViewport | undefined {
  if (!viewports) {
    return undefined;
  }
  return viewports instanceof Map ? viewports.get(viewportId) : viewports[viewportId];
}

/** The display sets shown in the active viewport (a fused viewport holds CT and PT). */
export function activeViewportDisplaySets(
  viewportGridService: ViewportGridServiceLike,
  displaySetService: DisplaySetServiceLike,
): OhifDisplaySet[] {
  const state = viewportGridService.getState();
  const activeViewportId = viewportGridService.getActiveViewportId?.() ?? state.activeViewportId;
  if (!activeViewportId) {
    return [];
  }
  const uids =
    viewportById(state.viewports, activeViewportId)?.displaySetInstanceUIDs ??
    viewportGridService.getDisplaySetsUIDsForViewport?.(activeViewportId) ??
    [];
  return uids
    .map(uid => displaySetService.getDisplaySetByUID(uid))
    .filter((displaySet): displaySet is OhifDisplaySet => displaySet !== undefined);
}

/**
 * Describes the active viewport for the panel: its PET display set if it shows one (the PET layer
 * of a fused viewport counts), otherwise why there is nothing to describe.
 */
export function describeActivePet(
  viewportGridService: ViewportGridServiceLike,
  displaySetService: DisplaySetServiceLike,
): ActivePetState {
  const displaySets = activeViewportDisplaySets(viewportGridService, displaySetService);
  if (displaySets.length === 0) {
    return { kind: 'no-display-set', message: NO_ACTIVE_DISPLAY_SET_MESSAGE };
  }
  const pet = displaySets.find(displaySet => String(displaySet.Modality ?? '').toUpperCase() === 'PT');
  if (pet) {
    return { kind: 'pet', description: describePetDisplaySet(pet) };
  }
  const shown = describePetDisplaySet(displaySets[0]);
  return {
    kind: 'not-pet',
    modality: shown.modality,
    seriesDescription: shown.seriesDescription,
    message: `The active viewport shows a ${shown.modality} series ("${shown.seriesDescription}"), not PET. Select the PET viewport to detect hepatic lesions.`,
  };
}
