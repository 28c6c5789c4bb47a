import { describePetDisplaySet } from '../adapter/describePetDisplaySet';
import type { HangingProtocolServiceLike, OhifDisplaySet } from '../adapter/ohifTypes';

/** Custom attribute: true for the display set with the most images among those of its modality. */
export const MOST_IMAGES_OF_MODALITY = 'dotatateLiverMostImagesOfModality';
/** Custom option: PET window in SUVbw when the PET is SUV-scaled, else the viewport's default. */
export const PET_SUV_VOI = 'dotatateLiverPetSuvVoi';

/** PET display window in SUVbw (g/ml): 0 to 10 keeps normal liver (SUV about 5-10) grey and lesions dark. */
export const PET_SUV_WINDOW = { windowWidth: 10, windowCenter: 5 } as const;

function imageCount(displaySet: OhifDisplaySet): number {
  return displaySet.numImageFrames ?? displaySet.instances?.length ?? 0;
}

/**
 * True when `displaySet` has the most images among the study's display sets of the same modality:
 * the selectors use it to prefer the full-length PET and CT over scouts and partial series.
 */
export function hasMostImagesOfModality(displaySet: unknown, options?: unknown): boolean {
  const subject = displaySet as OhifDisplaySet | undefined;
  const candidates = (options as { displaySets?: OhifDisplaySet[] } | undefined)?.displaySets ?? [];
  if (!subject || typeof subject.Modality !== 'string') {
    return false;
  }
  const ownCount = imageCount(subject);
  return candidates
    .filter(candidate => candidate.Modality === subject.Modality)
    .every(candidate => imageCount(candidate) <= ownCount);
}

/** The SUV window for the PET among `displaySets`, or undefined to keep the host's default. */
export function petSuvVoi(displaySets: unknown): typeof PET_SUV_WINDOW | undefined {
  const list = Array.isArray(displaySets) ? (displaySets as OhifDisplaySet[]) : [];
  const pet = list.find(displaySet => displaySet.Modality === 'PT');
  return pet && describePetDisplaySet(pet).suvScalingAvailable ? PET_SUV_WINDOW : undefined;
}

/** Registers the attributes the PET/CT protocol refers to (custom attributes persist across modes). */
export function registerHangingProtocolAttributes(hangingProtocolService: HangingProtocolServiceLike | undefined): void {
  if (!hangingProtocolService) {
    return;
  }
  hangingProtocolService.addCustomAttribute(MOST_IMAGES_OF_MODALITY, 'Most images of its modality', hasMostImagesOfModality);
  hangingProtocolService.addCustomAttribute(PET_SUV_VOI, 'PET SUVbw window when SUV-scaled', petSuvVoi);
}
