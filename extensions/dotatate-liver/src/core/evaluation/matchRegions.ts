import type { MatchRecords } from './records';
import type { Region } from './regions';
import { intersectionOverUnion } from './intersectionOverUnion';

/** The paper's match criterion: IoU strictly greater than 0.05. */
export const PAPER_MIN_IOU = 0.05;

/**
 * Matches predicted to reference regions: a pair matches when IoU > minIoU (the paper's
 * criterion, 0.05). With `sameSliceOnly`, only regions on the same axial slice are compared
 * (the paper's per-slice protocol). A prediction overlapping several references counts once as
 * a true positive and detects each of them (one-to-many); a reference hit by several
 * predictions is detected once, with the best of their scores.
 */
export function matchRegions(predicted: Region[], reference: Region[], minIoU = PAPER_MIN_IOU, sameSliceOnly = true): MatchRecords {
  const predictions = predicted.map((region) => ({ score: region.score, matched: false }));
  const references = reference.map(() => ({ bestScore: -Infinity }));
  const referencesBySlice = new Map<number, number[]>();
  reference.forEach((region, n) => {
    const key = sameSliceOnly ? region.slice : 0;
    const list = referencesBySlice.get(key) ?? [];
    list.push(n);
    referencesBySlice.set(key, list);
  });
  predicted.forEach((region, p) => {
    for (const r of referencesBySlice.get(sameSliceOnly ? region.slice : 0) ?? []) {
      if (!mayOverlap(region.voxels, reference[r].voxels)) continue;
      if (intersectionOverUnion(region.voxels, reference[r].voxels) > minIoU) {
        predictions[p].matched = true;
        references[r].bestScore = Math.max(references[r].bestScore, region.score);
      }
    }
  });
  return { predictions, references, studies: 1 };
}

/** Cheap test on the index ranges before the exact overlap count. */
function mayOverlap(a: Int32Array, b: Int32Array): boolean {
  return a.length > 0 && b.length > 0 && a[0] <= b[b.length - 1] && b[0] <= a[a.length - 1];
}
