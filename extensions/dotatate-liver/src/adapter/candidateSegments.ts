/**
 * How each review candidate appears as a segment of the candidates' labelmap: segment index,
 * colour by decision, and the label OHIF's segmentation panel shows ("Lesion 3 — pending").
 * Pure functions; the segmentation adapter applies them through OHIF's segmentationService.
 */
import type { ReviewCandidate } from '../state/reviewTypes';
import { REJECTION_REASON_LABELS } from '../state/reviewTypes';

/** RGBA, 0–255, as cornerstone's segment colours. */
export type Rgba = [number, number, number, number];

export const DECISION_COLOURS: Readonly<Record<ReviewCandidate['decision']['kind'], Rgba>> = {
  pending: [255, 210, 0, 255],
  accepted: [40, 200, 70, 255],
  rejected: [150, 150, 150, 255],
  added: [50, 140, 255, 255],
};

/** One segment per candidate; the segment index is the candidate's id (ids are never reused). */
export function segmentIndexOf(candidate: ReviewCandidate): number {
  return candidate.id;
}

/** The segment's label as OHIF lists it, e.g. "Lesion 3 — rejected (physiologic uptake)". */
export function segmentLabelOf(candidate: ReviewCandidate): string {
  const decision = candidate.decision;
  const state =
    decision.kind === 'rejected'
      ? `rejected (${decision.reason === 'other' && decision.note ? decision.note : REJECTION_REASON_LABELS[decision.reason].toLowerCase()})`
      : decision.kind === 'added'
        ? 'added by the reader'
        : decision.kind;
  return `Lesion ${candidate.id} — ${state}${candidate.edited ? ', edited' : ''}`;
}

export function segmentColourOf(candidate: ReviewCandidate): Rgba {
  return [...DECISION_COLOURS[candidate.decision.kind]] as Rgba;
}

export interface SegmentDescription {
  segmentIndex: number;
  label: string;
  colour: Rgba;
  /** Centroid (LPS, mm) for centring viewports. */
  centreLPS: [number, number, number];
}

/** The segments the labelmap should hold for these candidates, by segment index. */
export function describeSegments(candidates: readonly ReviewCandidate[]): SegmentDescription[] {
  return candidates.map((candidate) => ({
    segmentIndex: segmentIndexOf(candidate),
    label: segmentLabelOf(candidate),
    colour: segmentColourOf(candidate),
    centreLPS: [...candidate.statistics.centroidLPS],
  }));
}

/**
 * Writes the candidates into per-slice labelmap arrays (slice k of the PET grid → `slices[k]`,
 * columns × rows values each, x fastest), one value per voxel = the candidate's segment index.
 * Every slice is cleared first. Candidates are painted in list order, so a later one wins a voxel.
 */
export function paintCandidateSlices(candidates: readonly ReviewCandidate[], slices: readonly { [index: number]: number; length: number; fill?: (value: number) => unknown }[]): void {
  for (const slice of slices) {
    if (slice.fill) slice.fill(0);
    else for (let index = 0; index < slice.length; index++) slice[index] = 0;
  }
  if (slices.length === 0) return;
  const sliceSize = slices[0].length;
  for (const candidate of candidates) {
    const value = segmentIndexOf(candidate);
    const runs = candidate.region.runs;
    for (let r = 0; r < runs.length; r += 2) {
      const end = runs[r] + runs[r + 1];
      for (let index = runs[r]; index < end; index++) {
        const slice = slices[Math.floor(index / sliceSize)];
        if (slice) slice[index % sliceSize] = value;
      }
    }
  }
}

/**
 * Every segment's voxels read back from per-slice labelmap arrays (slice k → `slices[k]`), as
 * increasing linear PET-grid indices keyed by segment index; one pass over the labelmap.
 */
export function segmentVoxelIndices(slices: readonly ArrayLike<number>[]): Map<number, number[]> {
  const bySegment = new Map<number, number[]>();
  slices.forEach((slice, k) => {
    const offset = k * slice.length;
    for (let index = 0; index < slice.length; index++) {
      const value = slice[index];
      if (value === 0) continue;
      let list = bySegment.get(value);
      if (!list) bySegment.set(value, (list = []));
      list.push(offset + index);
    }
  });
  return bySegment;
}
