/**
 * Keeps one labelmap segmentation on the PET display set in step with the review: one segment per
 * candidate (segment index = candidate id), coloured by decision, labelled "Lesion 3 — pending",
 * shown on the PET and fused viewports and in OHIF's segmentation panel. Brush edits of a segment
 * come back as boundary edits through `onSegmentEdited`. While one candidate is being edited its
 * segment is the active one and every other segment is locked, so the brush cannot take their voxels.
 */
import type { ReviewCandidate } from '../state/reviewTypes';
import { describeSegments, paintCandidateSlices, segmentVoxelIndices } from './candidateSegments';
import { regionFromSortedIndices } from './regionStatistics';
import type { PetLabelmapOptions, SegmentConfig } from './segmentationTypes';
import type { VoxelRegion } from '../state/voxelRegion';

export const SEGMENTATION_LABEL = 'Liver lesion candidates';
/** Labelmap slices are 8-bit: segment indices above this cannot be painted. */
export const MAX_SEGMENT_INDEX = 255;

export interface LesionSegmentationOptions extends PetLabelmapOptions {
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
  /**
   * Makes the labelmap the active segmentation of these viewports and the candidate's segment the
   * active segment (the brush paints it), locking all others. Throws with a reader-facing message
   * when the candidate has no segment to paint.
   */
  beginEdit(candidateId: number, viewportIds: readonly string[]): Promise<void>;
  /** Unlocks the other segments after an edit. */
  endEdit(): void;
  /** The candidate whose segment is being painted; null when none. */
  editingId(): number | null;
  dispose(): void;
}

/** Whether a segment is locked: all but the edited one while an edit is open. */
function isLockedDuringEdit(segmentIndex: number, editingId: number | null): boolean {
  return editingId !== null && segmentIndex !== editingId;
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
  let editing: number | null = null;

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
        locked: isLockedDuringEdit(segment.segmentIndex, editing),
        active: segment.segmentIndex === editing,
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

  /** Applies the lock state of every segment through the service (the brush reads cornerstone's locks). */
  function applyLocks(segmentIndices: readonly number[]) {
    for (const segmentIndex of segmentIndices) segmentationService.setSegmentLocked?.(segmentationId, segmentIndex, isLockedDuringEdit(segmentIndex, editing));
  }

  let lastCandidates: readonly ReviewCandidate[] = [];

  return {
    segmentationId,
    isWriting: () => writing,
    editingId: () => editing,
    async beginEdit(candidateId, viewportIds) {
      if (candidateId > MAX_SEGMENT_INDEX) throw new Error(`Lesion ${candidateId} has no segment on the labelmap (only ids up to ${MAX_SEGMENT_INDEX} are painted), so it cannot be edited with the brush.`);
      const segmentation = segmentationService.getSegmentation(segmentationId);
      if (!segmentation?.segments[candidateId]) throw new Error(`Lesion ${candidateId} is not on the lesion overlay yet; wait for the overlay to be drawn.`);
      if (viewportIds.length === 0) throw new Error('No PET viewport is on screen to paint on.');
      editing = candidateId;
      await ensureCreated(lastCandidates);
      for (const viewportId of viewportIds) segmentationService.setActiveSegmentation?.(viewportId, segmentationId);
      segmentationService.setActiveSegment?.(segmentationId, candidateId);
      applyLocks(Object.keys(segmentation.segments).map(Number));
    },
    endEdit() {
      if (editing === null) return;
      editing = null;
      const segmentation = segmentationService.getSegmentation(segmentationId);
      if (segmentation) applyLocks(Object.keys(segmentation.segments).map(Number));
    },
    async sync(candidates) {
      const paintable = candidates.filter((candidate) => candidate.id <= MAX_SEGMENT_INDEX);
      lastCandidates = paintable;
      await ensureCreated(paintable);
      segmentationService.addOrUpdateSegmentation({ segmentationId, segments: segmentsConfig(paintable) });
      const slices = labelmapSlices();
      if (regionsChanged(paintable)) {
        paintCandidateSlices(paintable, slices);
        sourceRegions = new Map(paintable.map((candidate) => [candidate.id, candidate.region]));
        paintedRegions = readSegments(slices);
      }
      const colours = describeSegments(paintable);
      for (const viewportId of segmentationService.getViewportIdsWithSegmentation(segmentationId)) {
        for (const segment of colours) segmentationService.setSegmentColor(viewportId, segmentationId, segment.segmentIndex, segment.colour);
      }
      // Every sync ends with one data-modified notice: it redraws new voxels and colours alike, and
      // brings the MIP's copy of the labelmap up to date after a brush stroke it did not see.
      writing = true;
      try {
        options.notifyDataModified(segmentationId, slices);
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
      editing = null;
      segmentationService.remove?.(segmentationId);
      created = null;
      representedOn.clear();
    },
  };
}
