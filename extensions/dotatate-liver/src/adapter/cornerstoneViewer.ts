/**
 * The cornerstone calls the review needs, in one place: find the PET display set's volume in the
 * cache, centre viewports on a point, turn a click into a patient position, and tell cornerstone a
 * labelmap changed. cornerstone comes from the host (the build maps these imports to its globals).
 * cornerstone tools has no type package in this workspace, so its one call here is typed locally
 * and read from the same host global the build's externals use.
 */
import { cache, getEnabledElementByViewportId } from '@cornerstonejs/core';
import type { Vec3 } from '../core/types';
import type { ImageVolumeLike } from './petVolumeFromImageVolume';
import type { ImageCacheLike } from './segmentationTypes';
import { refreshProjectedLabelmap, type LabelSlice, type ProjectionViewportLike } from './projectedLabelmap';

interface ViewportLike {
  id?: string;
  element?: HTMLElement;
  jumpToWorld?: (world: Vec3) => boolean;
  canvasToWorld?: (canvasPoint: [number, number]) => Vec3;
  getBlendMode?: () => number;
  render?: () => void;
}

function viewportById(viewportId: string): ViewportLike | undefined {
  return (getEnabledElementByViewportId(viewportId) as { viewport?: ViewportLike } | undefined)?.viewport;
}

/** The cached volume of a display set (OHIF names it "<loader scheme>:<displaySetInstanceUID>"). */
export function findDisplaySetVolume(displaySetInstanceUID: string): ImageVolumeLike | undefined {
  const volumes = (cache as unknown as { getVolumes(): ImageVolumeLike[] }).getVolumes();
  return volumes.find((volume) => volume.volumeId.endsWith(`:${displaySetInstanceUID}`));
}

export const imageCache: ImageCacheLike = {
  getImage: (imageId) => (cache as unknown as ImageCacheLike).getImage(imageId),
};

/** cornerstone's composite blend: a slice view (a MIP is not re-centred, it shows the whole body). */
const COMPOSITE_BLEND = 0;

/** Centres each viewport's slice and camera on `world` (LPS, mm); returns the ids it moved. */
export function centreViewportsOn(world: Vec3, viewportIds: readonly string[]): string[] {
  const moved: string[] = [];
  for (const viewportId of viewportIds) {
    const viewport = viewportById(viewportId);
    if (!viewport?.jumpToWorld) continue;
    if (viewport.getBlendMode && viewport.getBlendMode() !== COMPOSITE_BLEND) continue;
    if (viewport.jumpToWorld([...world] as Vec3)) moved.push(viewportId);
    viewport.render?.();
  }
  return moved;
}

/** The viewport's element, for click handling (null when the viewport is not on screen). */
export function viewportElement(viewportId: string): HTMLElement | null {
  return viewportById(viewportId)?.element ?? null;
}

/** The patient position (LPS, mm) under a mouse event on a viewport. */
export function worldAtEvent(viewportId: string, event: MouseEvent): Vec3 | null {
  const viewport = viewportById(viewportId);
  const element = viewport?.element;
  if (!viewport?.canvasToWorld || !element) return null;
  const rect = element.getBoundingClientRect();
  return viewport.canvasToWorld([event.clientX - rect.left, event.clientY - rect.top]);
}

interface CornerstoneToolsLike {
  segmentation?: {
    triggerSegmentationEvents?: { triggerSegmentationDataModified?: (segmentationId: string) => void };
    state?: { getViewportIdsWithSegmentation?: (segmentationId: string) => string[] };
  };
}

/**
 * Tells cornerstone a labelmap's voxels changed, so every viewport showing it redraws. Slice views
 * follow cornerstone's data-modified event; a MIP draws a copy of the labelmap that the event does
 * not reach for image-based labelmaps, so that copy is rewritten from `labelmapSlices` (the
 * labelmap in the PET volume's slice order k, columns × rows segment indices each).
 */
export function notifyLabelmapModified(segmentationId: string, labelmapSlices: readonly LabelSlice[]): void {
  const tools = (globalThis as Record<string, unknown>)['@cornerstonejs/tools'] as CornerstoneToolsLike | undefined;
  const trigger = tools?.segmentation?.triggerSegmentationEvents?.triggerSegmentationDataModified;
  if (!trigger) throw new Error('The host did not provide cornerstone tools; the lesion overlay cannot be redrawn.');
  trigger(segmentationId);
  const viewportIds = tools?.segmentation?.state?.getViewportIdsWithSegmentation?.(segmentationId) ?? [];
  const viewports = viewportIds.map((viewportId) => viewportById(viewportId)).filter((viewport): viewport is ViewportLike & ProjectionViewportLike => Boolean(viewport?.id));
  refreshProjectedLabelmap(segmentationId, labelmapSlices, viewports);
}
