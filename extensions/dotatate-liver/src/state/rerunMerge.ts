/**
 * Merges a new detection run into the review without losing a reader's decision.
 *
 * Overlap rule: an earlier candidate and a new detection are the same lesion when their voxel sets
 * (on the same PET grid) have an intersection over union above `minIoU` (default 0.05, the matching
 * threshold of the study's evaluation protocol). Pairs are matched one-to-one, greedily by
 * decreasing IoU (ties: more shared voxels, then lower ids), so a lesion split or merged by the new
 * run passes its decision to one successor only.
 *
 * - A matched new detection takes the earlier id and decision. If the reader had edited the
 *   earlier boundary, the reader's boundary and statistics are kept rather than the detector's.
 * - An unmatched new detection starts pending, with a fresh id.
 * - An unmatched earlier candidate with a decision (accepted / rejected) is kept and reported;
 *   an unmatched pending one is dropped (no decision is lost) and reported.
 * - Reader-added lesions are kept as they are; a new detection that overlaps one is dropped as
 *   a duplicate (reported), since the reader already drew that lesion.
 */
import type { DetectedCandidate, RerunSummary, ReviewCandidate } from './reviewTypes';
import { regionIntersectionCount, regionVoxelCount, type VoxelRegion } from './voxelRegion';

/** IoU above which an earlier candidate and a new detection count as the same lesion. */
export const DEFAULT_MIN_IOU = 0.05;

export interface MergeResult {
  candidates: ReviewCandidate[];
  nextCandidateId: number;
  summary: RerunSummary;
}

interface RegionExtent {
  first: number;
  last: number;
  voxels: number;
}

function extentOf(region: VoxelRegion): RegionExtent {
  const runs = region.runs;
  return {
    first: runs.length > 0 ? runs[0] : 0,
    last: runs.length > 0 ? runs[runs.length - 2] + runs[runs.length - 1] - 1 : -1,
    voxels: regionVoxelCount(region),
  };
}

interface OverlapPair {
  earlierIndex: number;
  detectedIndex: number;
  iou: number;
  shared: number;
}

function overlapPairs(
  earlier: readonly ReviewCandidate[],
  detected: readonly DetectedCandidate[],
  minIoU: number,
): OverlapPair[] {
  const earlierExtents = earlier.map((c) => extentOf(c.region));
  const detectedExtents = detected.map((d) => extentOf(d.region));
  const pairs: OverlapPair[] = [];
  earlier.forEach((candidate, earlierIndex) => {
    const a = earlierExtents[earlierIndex];
    detected.forEach((detection, detectedIndex) => {
      const b = detectedExtents[detectedIndex];
      if (a.last < b.first || b.last < a.first) return; // index ranges disjoint: no shared voxel
      const shared = regionIntersectionCount(candidate.region, detection.region);
      if (shared === 0) return;
      const iou = shared / (a.voxels + b.voxels - shared);
      if (iou > minIoU) pairs.push({ earlierIndex, detectedIndex, iou, shared });
    });
  });
  pairs.sort(
    (p, q) =>
      q.iou - p.iou ||
      q.shared - p.shared ||
      earlier[p.earlierIndex].id - earlier[q.earlierIndex].id ||
      p.detectedIndex - q.detectedIndex,
  );
  return pairs;
}

/**
 * @param earlier the review's current candidates
 * @param detected the new run's candidates (validated: same grid, unique positive labels)
 * @param nextCandidateId the first id never handed out in this review
 */
export function mergeDetection(
  earlier: readonly ReviewCandidate[],
  detected: readonly DetectedCandidate[],
  nextCandidateId: number,
  minIoU: number = DEFAULT_MIN_IOU,
): MergeResult {
  const readerAdded = earlier.filter((c) => c.decision.kind === 'added');
  const fromDetector = earlier.filter((c) => c.decision.kind !== 'added');

  // Detections that repeat a lesion the reader drew are dropped first.
  const duplicateIndices = new Set(overlapPairs(readerAdded, detected, minIoU).map((p) => p.detectedIndex));
  const duplicatesOfReaderAdded = [...duplicateIndices].sort((a, b) => a - b).map((i) => detected[i].statistics.id);

  const matchedEarlier = new Map<number, number>(); // detected index → earlier index
  const usedEarlier = new Set<number>();
  for (const pair of overlapPairs(fromDetector, detected, minIoU)) {
    if (duplicateIndices.has(pair.detectedIndex)) continue;
    if (usedEarlier.has(pair.earlierIndex) || matchedEarlier.has(pair.detectedIndex)) continue;
    usedEarlier.add(pair.earlierIndex);
    matchedEarlier.set(pair.detectedIndex, pair.earlierIndex);
  }

  // On a fresh review the ids are the detector's labels, so the panel and the CLI name lesions alike.
  const useDetectorLabels = earlier.length === 0 && nextCandidateId === 1;
  let nextId = nextCandidateId;
  const merged: ReviewCandidate[] = [...readerAdded];
  const carriedOver: number[] = [];
  const keptReaderBoundary: number[] = [];
  const newPending: number[] = [];

  detected.forEach((detection, detectedIndex) => {
    if (duplicateIndices.has(detectedIndex)) return;
    const earlierIndex = matchedEarlier.get(detectedIndex);
    if (earlierIndex !== undefined) {
      const previous = fromDetector[earlierIndex];
      carriedOver.push(previous.id);
      if (previous.edited) {
        keptReaderBoundary.push(previous.id);
        merged.push({ ...previous, detectionLabel: detection.statistics.id, keptFromEarlierRun: false });
      } else {
        merged.push({
          ...previous,
          detectionLabel: detection.statistics.id,
          statistics: { ...detection.statistics, id: previous.id },
          region: detection.region,
          keptFromEarlierRun: false,
        });
      }
      return;
    }
    const id = useDetectorLabels ? detection.statistics.id : nextId++;
    newPending.push(id);
    merged.push({
      id,
      detectionLabel: detection.statistics.id,
      statistics: { ...detection.statistics, id },
      region: detection.region,
      decision: { kind: 'pending' },
      edited: false,
      keptFromEarlierRun: false,
    });
  });
  if (useDetectorLabels) nextId = Math.max(nextId, ...newPending.map((id) => id + 1));

  const keptUndetected: number[] = [];
  const droppedPending: number[] = [];
  fromDetector.forEach((candidate, earlierIndex) => {
    if (usedEarlier.has(earlierIndex)) return;
    if (candidate.decision.kind === 'pending') {
      droppedPending.push(candidate.id);
      return;
    }
    keptUndetected.push(candidate.id);
    merged.push({ ...candidate, detectionLabel: null, keptFromEarlierRun: true });
  });

  const ascending = (a: number, b: number) => a - b;
  merged.sort((a, b) => a.id - b.id);
  return {
    candidates: merged,
    nextCandidateId: nextId,
    summary: {
      detected: detected.length,
      carriedOver: carriedOver.sort(ascending),
      keptReaderBoundary: keptReaderBoundary.sort(ascending),
      newPending: newPending.sort(ascending),
      keptUndetected: keptUndetected.sort(ascending),
      droppedPending: droppedPending.sort(ascending),
      duplicatesOfReaderAdded,
    },
  };
}
