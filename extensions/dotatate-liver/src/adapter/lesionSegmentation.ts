/**
 * Keeps one labelmap segmentation on the PET display set in step with the review: one segment per
 * candidate (segment index = candidate id), coloured by decision, labelled "Lesion 3 — pending",
 * shown on the PET and fused viewports and in OHIF's segmentation panel. Brush edits of a segment
 * come back as boundary edits through `onSegmentEdited`.
 */
import type { ReviewCandidate } from '../state/reviewTypes';
import type { Vec3 } from '../core/types';
import { describeSegments, paintCandidateSlices, segmentVoxelIndices } from './candidateSegments';
import { regionFromSortedIndices } from './regionStatistics';
import type { ImageCacheLike, SegmentConfig, SegmentationServiceLike } from './segmentationTypes';
import type { VoxelRegion } from '../state/voxelRegion';

export const SEGMENTATION_LABEL = 'Liver lesion candidates';
/** Labelmap slices are 8-bit: segment indices above this cannot be painted. */
export const MAX_SEGMENT_INDEX = 255;

export interface LesionSegmentationOptions {
  segmentationService: SegmentationServiceLike;
  imageCache: ImageCacheLike;
  /** The PET display set the segmentation belongs to. */
  displaySet: { displaySetInstanceUID: string };
  /** The PET volume's image ids in slice order (k), as the detection grid has them. */
  sliceImageIds: readonly string[];
  gridDimensions: Vec3;
  /** Viewports that show the PET (PET and fused; not the MIP). */
  viewportIds: () => string[];
  /** Tells cornerstone the labelmap's voxels changed, so viewports redraw. */
  notifyDataModified: (segmentationId: string) => void;
  onSegmentEdited: (candidateId: number, region: VoxelRegion | null) => void;
}

export interface LesionSegmentation {
  readonly segmentationId: string;
  /** Brings the labelmap, segment labels and colours in line with the candidates. */
  sync(candidates: readonly ReviewCandidate[]): Promise<void>;
  /** Reads the labelmap back after the reader painted on it; calls onSegmentEdited for each changed candidate. */
  readBackEdits(candidates: readonly ReviewCandidate[]): void;
  /** True while this adapter itself writes voxels (its own data-modified events are not edits). */
  isWriting(): boolean;
  dispose(): void;
}

function sameRuns(a: VoxelRegion, b: VoxelRegion): boolean {
  return a.runs.length === b.runs.length && a.runs.every((value, index) => value === b.runs[index]);
}

export function createLesionSegmentation(options: LesionSegmentationOptions): LesionSegmentation {
  const { segmentationService, imageCache, displaySet } = options;
  const segmentationId = `dotatate-liver-candidates-${displaySet.displaySetInstanceUID}`;
  let created: Promise<void> | null = null;
  let writing = false;
  /** What each candidate's segment holds on the labelmap after our last write (overlaps go to the later one). */
  let paintedRegions = new Map<number, VoxelRegion>();
  /** The candidate regions the last write came from, to tell whether a repaint is needed. */
  let sourceRegions = new Map<number, VoxelRegion>();
  const representedOn = new Set<string>();

  /** Labelmap slices in PET slice order (k), each columns × rows values. */
  function labelmapSlices() {
    const segmentation = segmentationService.getSegmentation(segmentationId);
    const labelmap = segmentation?.representationData?.Labelmap;
    const imageIds = labelmap?.imageIds ?? [];
    const referenced = labelmap?.referencedImageIds ?? [];
    const byReference = new Map<string, string>();
    imageIds.forEach((imageId, index) => {
      const image = imageCache.getImage(imageId);
      byReference.set(image?.referencedImageId ?? referenced[index], imageId);
    });
    return options.sliceImageIds.map((referencedImageId) => {
      const labelmapImageId = byReference.get(referencedImageId);
      const image = labelmapImageId ? imageCache.getImage(labelmapImageId) : undefined;
      const data = image?.voxelManager?.getScalarData() ?? image?.getPixelData?.();
      if (!data) throw new Error(`The lesion labelmap has no slice for PET image ${referencedImageId}.`);
      return data;
    });
  }

  function readSegments(slices: ReturnType<typeof labelmapSlices>): Map<number, VoxelRegion> {
    const regions = new Map<number, VoxelRegion>();
    for (const [segmentIndex, indices] of segmentVoxelIndices(slices)) regions.set(segmentIndex, regionFromSortedIndices(options.gridDimensions, indices));
    return regions;
  }

  function segmentsConfig(candidates: readonly ReviewCandidate[]): Record<number, SegmentConfig> {
    const segments: Record<number, SegmentConfig> = {};
    for (const segment of describeSegments(candidates)) {
      segments[segment.segmentIndex] = {
        segmentIndex: segment.segmentIndex,
        label: segment.label,
        locked: false,
        active: false,
        // OHIF's segmentation panel jumps to cachedStats.center.world on a click.
        cachedStats: { center: { world: segment.centreLPS } },
      };
    }
    return segments;
  }

  async function ensureCreated(candidates: readonly ReviewCandidate[]) {
    if (!segmentationService.getSegmentation(segmentationId)) {
      created = null;
      representedOn.clear();
    }
    if (!created) {
      created = segmentationService
        .createLabelmapForDisplaySet(displaySet, { segmentationId, label: SEGMENTATION_LABEL, segments: segmentsConfig(candidates) })
        .then(() => undefined);
      paintedRegions = new Map();
      sourceRegions = new Map();
    }
    await created;
    for (const viewportId of options.viewportIds()) {
      if (representedOn.has(viewportId)) continue;
      representedOn.add(viewportId);
      await segmentationService.addSegmentationRepresentation(viewportId, { segmentationId });
    }
  }

  function regionsChanged(candidates: readonly ReviewCandidate[]): boolean {
    if (candidates.length !== sourceRegions.size) return true;
    return candidates.some((candidate) => {
      const source = sourceRegions.get(candidate.id);
      return !source || (source !== candidate.region && !sameRuns(source, candidate.region));
    });
  }

  return {
    segmentationId,
    isWriting: () => writing,
    async sync(candidates) {
      const paintable = candidates.filter((candidate) => candidate.id <= MAX_SEGMENT_INDEX);
      await ensureCreated(paintable);
      segmentationService.addOrUpdateSegmentation({ segmentationId, segments: segmentsConfig(paintable) });
      if (regionsChanged(paintable)) {
        writing = true;
        try {
          const slices = labelmapSlices();
          paintCandidateSlices(paintable, slices);
          sourceRegions = new Map(paintable.map((candidate) => [candidate.id, candidate.region]));
          paintedRegions = readSegments(slices);
          options.notifyDataModified(segmentationId);
        } finally {
          writing = false;
        }
      }
      const colours = describeSegments(paintable);
      for (const viewportId of segmentationService.getViewportIdsWithSegmentation(segmentationId)) {
        for (const segment of colours) segmentationService.setSegmentColor(viewportId, segmentationId, segment.segmentIndex, segment.colour);
      }
      // A colour change alone does not redraw the viewports; the data-modified event does.
      writing = true;
      try {
        options.notifyDataModified(segmentationId);
      } finally {
        writing = false;
      }
    },
    readBackEdits(candidates) {
      if (!segmentationService.getSegmentation(segmentationId)) return;
      const now = readSegments(labelmapSlices());
      for (const candidate of candidates) {
        if (candidate.id > MAX_SEGMENT_INDEX) continue;
        const region = now.get(candidate.id) ?? null;
        const before = paintedRegions.get(candidate.id) ?? null;
        if (region === before || (region && before && sameRuns(region, before))) continue;
        if (region) paintedRegions.set(candidate.id, region);
        else paintedRegions.delete(candidate.id);
        options.onSegmentEdited(candidate.id, region);
      }
    },
    dispose() {
      segmentationService.remove?.(segmentationId);
      created = null;
      representedOn.clear();
    },
  };
}
