/**
 * The review session's environment in the real viewer: cornerstone's cache and viewports, the
 * detection worker script, OHIF's segmentationService and tool groups, and the tab's sessionStorage.
 */
import type { Vec3 } from '../core/types';
import { createBrowserDetectionWorker } from '../worker/createBrowserWorker';
import { centreViewportsOn, findDisplaySetVolume, imageCache, notifyLabelmapModified, viewportElement, worldAtEvent } from './cornerstoneViewer';
import { activatePrimaryTool, type ToolGroupServiceLike } from './primaryTool';
import { createLesionSegmentation } from './lesionSegmentation';
import { createLiverOverlay } from './liverOverlay';
import type { OhifServices } from './ohifTypes';
import type { ReviewEnvironment } from './reviewSession';
import type { SegmentationServiceLike } from './segmentationTypes';

const PRIMARY_BUTTON = 0;

/** One primary click on any of the viewports, caught before cornerstone's tools see it. */
function armClick(viewportIds: readonly string[], onClick: (world: Vec3) => void): () => void {
  const listeners: Array<[HTMLElement, (event: MouseEvent) => void]> = [];
  const disarm = () => listeners.splice(0).forEach(([element, listener]) => element.removeEventListener('mousedown', listener, true));
  for (const viewportId of viewportIds) {
    const element = viewportElement(viewportId);
    if (!element) continue;
    const listener = (event: MouseEvent) => {
      if (event.button !== PRIMARY_BUTTON) return;
      const world = worldAtEvent(viewportId, event);
      if (!world) return;
      // The click places a lesion; window/level must not also act on it.
      event.stopImmediatePropagation();
      event.preventDefault();
      disarm();
      onClick(world);
    };
    element.addEventListener('mousedown', listener, true);
    listeners.push([element, listener]);
  }
  return disarm;
}

export function createBrowserEnvironment(services: OhifServices): ReviewEnvironment {
  const segmentationService = services.segmentationService as SegmentationServiceLike | undefined;
  return {
    findVolume: findDisplaySetVolume,
    createWorker: createBrowserDetectionWorker,
    createSegmentation: (options) =>
      segmentationService ? createLesionSegmentation({ ...options, segmentationService, imageCache, notifyDataModified: notifyLabelmapModified }) : null,
    createLiverOverlay: (options) =>
      segmentationService ? createLiverOverlay({ ...options, segmentationService, imageCache, notifyDataModified: notifyLabelmapModified }) : null,
    centreViewports: centreViewportsOn,
    armClick,
    activatePrimaryTool: (viewportIds, toolName) => activatePrimaryTool(services.toolGroupService as ToolGroupServiceLike | undefined, viewportIds, toolName),
    storage: typeof sessionStorage !== 'undefined' ? sessionStorage : null,
    storageScope: () => (typeof location !== 'undefined' ? new URLSearchParams(location.search).get('StudyInstanceUIDs') : null),
    now: () => performance.now(),
  };
}
