/**
 * The liver mask and the reference spheres as their own labelmap segmentation on the PET display
 * set ("Liver and reference"), separate from the candidates' labelmap: segment 1 is the liver
 * (semi-transparent teal), segment 2 the reference spheres (magenta markers). The reader may paint
 * the liver segment with the brush ("Edit liver"); the painted liver is read back from it. The
 * report's SEG is built from the review store, never from this labelmap.
 * Regions are linear IJK indices on the PET grid; slice k of the grid is labelmap slice k.
 */
import type { VoxelRegion } from '../state/voxelRegion';
import type { Rgba } from './candidateSegments';
import type { PetLabelmapOptions } from './segmentationTypes';

export const LIVER_SEGMENTATION_LABEL = 'Liver and reference spheres (not reported)';
export const LIVER_SEGMENT_INDEX = 1;
export const SPHERES_SEGMENT_INDEX = 2;
/** Semi-transparent so the PET uptake stays readable; colours no candidate state uses. */
export const LIVER_COLOUR: Rgba = [0, 190, 190, 90];
export const SPHERES_COLOUR: Rgba = [230, 40, 230, 200];

export type LiverOverlayOptions = PetLabelmapOptions;

export interface LiverOverlay {
  readonly segmentationId: string;
  /** Draws the liver and the sphere voxels (sorted linear PET-grid indices) on the PET viewports. */
  show(liver: VoxelRegion, sphereIndices: readonly number[]): Promise<void>;
  /**
   * Makes the liver segment the one the brush paints on these viewports (the labelmap active, the
   * liver segment active and unlocked, the spheres locked). Call after `show` (without spheres).
   */
  beginEdit(viewportIds: readonly string[]): void;
  /** The voxels of the liver segment as the reader left them (PET grid, linear IJK runs). */
  readLiver(): VoxelRegion;
  /** Locks the liver segment again. */
  endEdit(): void;
  /** Removes the labelmap from the viewer. */
  hide(): void;
}

type Slice = { [index: number]: number; length: number; fill?: (value: number) => unknown };

export function createLiverOverlay(options: LiverOverlayOptions): LiverOverlay {
  const { segmentationService, imageCache, displaySet } = options;
  const segmentationId = `dotatate-liver-reference-${displaySet.displaySetInstanceUID}`;
  const segments = {
    [LIVER_SEGMENT_INDEX]: { segmentIndex: LIVER_SEGMENT_INDEX, label: 'Liver mask', locked: true },
    [SPHERES_SEGMENT_INDEX]: { segmentIndex: SPHERES_SEGMENT_INDEX, label: 'Reference spheres', locked: true },
  };

  function slices(): Slice[] {
    const labelmap = segmentationService.getSegmentation(segmentationId)?.representationData?.Labelmap;
    const byReference = new Map<string, string>();
    (labelmap?.imageIds ?? []).forEach((imageId, index) => {
      const image = imageCache.getImage(imageId);
      byReference.set(image?.referencedImageId ?? labelmap?.referencedImageIds?.[index] ?? '', imageId);
    });
    return options.sliceImageIds.map((referencedImageId) => {
      const labelmapImageId = byReference.get(referencedImageId);
      const image = labelmapImageId ? imageCache.getImage(labelmapImageId) : undefined;
      const data = image?.voxelManager?.getScalarData() ?? image?.getPixelData?.();
      if (!data) throw new Error(`The liver labelmap has no slice for PET image ${referencedImageId}.`);
      return data;
    });
  }

  function paint(target: Slice[], liver: VoxelRegion, sphereIndices: readonly number[]) {
    for (const slice of target) {
      if (slice.fill) slice.fill(0);
      else for (let index = 0; index < slice.length; index++) slice[index] = 0;
    }
    if (target.length === 0) return;
    const sliceSize = target[0].length;
    const set = (index: number, value: number) => {
      const slice = target[Math.floor(index / sliceSize)];
      if (slice) slice[index % sliceSize] = value;
    };
    for (let r = 0; r < liver.runs.length; r += 2) {
      for (let index = liver.runs[r]; index < liver.runs[r] + liver.runs[r + 1]; index++) set(index, LIVER_SEGMENT_INDEX);
    }
    // The spheres are drawn over the liver, so they stay visible inside it.
    for (const index of sphereIndices) set(index, SPHERES_SEGMENT_INDEX);
  }

  function setLocks(liverLocked: boolean) {
    segmentationService.setSegmentLocked?.(segmentationId, LIVER_SEGMENT_INDEX, liverLocked);
    segmentationService.setSegmentLocked?.(segmentationId, SPHERES_SEGMENT_INDEX, true);
  }

  return {
    segmentationId,
    beginEdit(viewportIds) {
      if (!segmentationService.getSegmentation(segmentationId)) throw new Error('The liver is not drawn yet, so there is nothing to paint on.');
      if (viewportIds.length === 0) throw new Error('No PET viewport is on screen to paint on.');
      for (const viewportId of viewportIds) segmentationService.setActiveSegmentation?.(viewportId, segmentationId);
      segmentationService.setActiveSegment?.(segmentationId, LIVER_SEGMENT_INDEX);
      setLocks(false);
    },
    readLiver() {
      const target = slices();
      const [columns, rows] = options.gridDimensions;
      if (target.some((slice) => slice.length !== columns * rows)) throw new Error('The liver labelmap slices do not match the PET grid.');
      const runs: number[] = [];
      target.forEach((slice, k) => {
        const offset = k * slice.length;
        for (let index = 0; index < slice.length; index++) {
          if (slice[index] !== LIVER_SEGMENT_INDEX) continue;
          const last = runs.length - 2;
          if (last >= 0 && runs[last] + runs[last + 1] === offset + index) runs[last + 1]++;
          else runs.push(offset + index, 1);
        }
      });
      return { dimensions: [...options.gridDimensions], runs };
    },
    endEdit() {
      if (segmentationService.getSegmentation(segmentationId)) setLocks(true);
    },
    async show(liver, sphereIndices) {
      if (!segmentationService.getSegmentation(segmentationId)) {
        await segmentationService.createLabelmapForDisplaySet(displaySet, { segmentationId, label: LIVER_SEGMENTATION_LABEL, segments });
      }
      const onViewports = new Set(segmentationService.getViewportIdsWithSegmentation(segmentationId));
      for (const viewportId of options.viewportIds()) {
        if (!onViewports.has(viewportId)) await segmentationService.addSegmentationRepresentation(viewportId, { segmentationId });
      }
      const target = slices();
      paint(target, liver, sphereIndices);
      for (const viewportId of segmentationService.getViewportIdsWithSegmentation(segmentationId)) {
        segmentationService.setSegmentColor(viewportId, segmentationId, LIVER_SEGMENT_INDEX, [...LIVER_COLOUR] as Rgba);
        segmentationService.setSegmentColor(viewportId, segmentationId, SPHERES_SEGMENT_INDEX, [...SPHERES_COLOUR] as Rgba);
      }
      options.notifyDataModified(segmentationId, target);
    },
    hide() {
      segmentationService.remove?.(segmentationId);
    },
  };
}
