/**
 * The liver mask and the reference spheres as their own labelmap segmentation on the PET display
 * set ("Liver and reference"), separate from the candidates' labelmap: segment 1 is the liver
 * (semi-transparent teal), segment 2 the reference spheres (magenta markers). It is only for
 * viewing: the report's SEG is built from the review store, never from this labelmap.
 * Regions are linear IJK indices on the PET grid; slice k of the grid is labelmap slice k.
 */
import type { VoxelRegion } from '../state/voxelRegion';
import type { Rgba } from './candidateSegments';
import type { ImageCacheLike, SegmentationServiceLike } from './segmentationTypes';

export const LIVER_SEGMENTATION_LABEL = 'Liver and reference spheres (not reported)';
export const LIVER_SEGMENT_INDEX = 1;
export const SPHERES_SEGMENT_INDEX = 2;
/** Semi-transparent so the PET uptake stays readable; colours no candidate state uses. */
export const LIVER_COLOUR: Rgba = [0, 190, 190, 90];
export const SPHERES_COLOUR: Rgba = [230, 40, 230, 200];

export interface LiverOverlayOptions {
  segmentationService: SegmentationServiceLike;
  imageCache: ImageCacheLike;
  displaySet: { displaySetInstanceUID: string };
  /** The PET volume's image ids in slice order (k). */
  sliceImageIds: readonly string[];
  viewportIds: () => string[];
  notifyDataModified: (segmentationId: string) => void;
}

export interface LiverOverlay {
  readonly segmentationId: string;
  /** Draws the liver and the sphere voxels (sorted linear PET-grid indices) on the PET viewports. */
  show(liver: VoxelRegion, sphereIndices: readonly number[]): Promise<void>;
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

  return {
    segmentationId,
    async show(liver, sphereIndices) {
      if (!segmentationService.getSegmentation(segmentationId)) {
        await segmentationService.createLabelmapForDisplaySet(displaySet, { segmentationId, label: LIVER_SEGMENTATION_LABEL, segments });
      }
      const onViewports = new Set(segmentationService.getViewportIdsWithSegmentation(segmentationId));
      for (const viewportId of options.viewportIds()) {
        if (!onViewports.has(viewportId)) await segmentationService.addSegmentationRepresentation(viewportId, { segmentationId });
      }
      paint(slices(), liver, sphereIndices);
      for (const viewportId of segmentationService.getViewportIdsWithSegmentation(segmentationId)) {
        segmentationService.setSegmentColor(viewportId, segmentationId, LIVER_SEGMENT_INDEX, [...LIVER_COLOUR] as Rgba);
        segmentationService.setSegmentColor(viewportId, segmentationId, SPHERES_SEGMENT_INDEX, [...SPHERES_COLOUR] as Rgba);
      }
      options.notifyDataModified(segmentationId);
    },
    hide() {
      segmentationService.remove?.(segmentationId);
    },
  };
}
