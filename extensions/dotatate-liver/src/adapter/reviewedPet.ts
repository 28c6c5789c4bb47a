/**
 * Which PET the review is on: the display set detection ran on (else the active one), the PET
 * viewports that show it, its load state, and the PET volume the statistics of edits and added
 * lesions are measured on. Volumes are on the PET grid (IJK), SUV or the series' own units.
 */
import type { PetVolume } from '../core/types';
import { activeViewportDisplaySets } from './activePet';
import type { OhifDisplaySet, OhifServices } from './ohifTypes';
import { petUnitsOfVolume, petVolumeFromImageVolume, volumeLoadState, type ImageVolumeLike } from './petVolumeFromImageVolume';
import type { VolumeStatus } from './reviewSessionTypes';
import { collectViewports, type GridViewportInfo } from './viewportGrid';

export interface ReviewedPetDeps {
  services: Pick<OhifServices, 'viewportGridService' | 'displaySetService'>;
  findVolume(displaySetInstanceUID: string): ImageVolumeLike | undefined;
  /** The PET series of the review's last run, if any (a saved review names it). */
  runSeriesUid(): string | undefined;
}

export interface ReviewedPet {
  /** The active PET display set (the PET layer of a fused viewport counts), or null. */
  activePet(): OhifDisplaySet | null;
  /** The PET display set of the review: the one detection ran on, else the active one. */
  reviewDisplaySet(): OhifDisplaySet | null;
  gridViewports(): GridViewportInfo[];
  /** The non-MIP viewports that show this display set. */
  petViewportIds(displaySetUID: string): string[];
  volumeStatus(): VolumeStatus;
  /** The PET volume the statistics of edits are measured on (rebuilt from the viewer's cache when needed); throws when not loaded. */
  petForStatistics(): PetVolume;
  /** The volume of the last run, or null before one. */
  current(): PetVolume | null;
  /** Reads the volume a run starts on and makes its display set the review's; throws, changing nothing, when it cannot be read. */
  adoptForRun(displaySet: OhifDisplaySet, volume: ImageVolumeLike): PetVolume;
}

function isPet(displaySet: OhifDisplaySet | undefined): displaySet is OhifDisplaySet {
  return String(displaySet?.Modality ?? '').toUpperCase() === 'PT';
}

export function createReviewedPet(deps: ReviewedPetDeps): ReviewedPet {
  const { viewportGridService, displaySetService } = deps.services;
  let pet: PetVolume | null = null;
  let petDisplaySetUID: string | null = null;

  function gridViewports(): GridViewportInfo[] {
    return collectViewports(viewportGridService.getState());
  }

  function activePet(): OhifDisplaySet | null {
    return activeViewportDisplaySets(viewportGridService, displaySetService).find(isPet) ?? null;
  }

  function reviewDisplaySet(): OhifDisplaySet | null {
    if (petDisplaySetUID) {
      const known = displaySetService.getDisplaySetByUID(petDisplaySetUID);
      if (known) return known;
    }
    const seriesUid = deps.runSeriesUid();
    if (seriesUid) {
      const match = displaySetService.getActiveDisplaySets?.()?.find((ds) => isPet(ds) && ds.SeriesInstanceUID === seriesUid);
      if (match) {
        petDisplaySetUID = match.displaySetInstanceUID;
        return match;
      }
    }
    return activePet();
  }

  return {
    activePet,
    reviewDisplaySet,
    gridViewports,
    petViewportIds(displaySetUID) {
      return gridViewports()
        .filter((viewport) => viewport.displaySetInstanceUIDs.includes(displaySetUID) && !viewport.isMip)
        .map((viewport) => viewport.viewportId);
    },
    volumeStatus() {
      const displaySet = activePet();
      if (!displaySet) return { kind: 'no-pet' };
      const volume = deps.findVolume(displaySet.displaySetInstanceUID);
      if (!volume) return { kind: 'not-found' };
      const load = volumeLoadState(volume);
      if (!load.loaded) return { kind: 'loading', fraction: load.fraction };
      return { kind: 'ready', units: petUnitsOfVolume(volume) };
    },
    petForStatistics() {
      if (pet) return pet;
      const displaySet = reviewDisplaySet();
      const volume = displaySet ? deps.findVolume(displaySet.displaySetInstanceUID) : undefined;
      if (!displaySet || !volume) throw new Error('the PET volume is not loaded');
      pet = petVolumeFromImageVolume(volume, String(displaySet.SeriesInstanceUID ?? ''));
      return pet;
    },
    current: () => pet,
    adoptForRun(displaySet, volume) {
      pet = petVolumeFromImageVolume(volume, String(displaySet.SeriesInstanceUID ?? ''));
      petDisplaySetUID = displaySet.displaySetInstanceUID;
      return pet;
    },
  };
}
