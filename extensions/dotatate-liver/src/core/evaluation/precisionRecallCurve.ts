import type { MatchRecords } from './records';
import { metricsAt } from './metrics';

export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
  falsePositivesPerStudy: number;
}

/**
 * Operating points for every distinct prediction score, from the strictest threshold to the
 * most lenient (recall never decreases along the list).
 */
export function operatingPoints(records: MatchRecords): CurvePoint[] {
  const thresholds = [...new Set(records.predictions.map((prediction) => prediction.score))].sort((a, b) => b - a);
  return thresholds.map((threshold) => {
    const metrics = metricsAt(records, threshold);
    return { threshold, precision: metrics.ppv, recall: metrics.sensitivity, falsePositivesPerStudy: metrics.falsePositivesPerStudy };
  });
}

/**
 * Area under the precision–recall curve as average precision: Σ (Rₙ − Rₙ₋₁) · Pₙ over the
 * operating points, starting at recall 0. Recall beyond the most lenient point adds nothing, so
 * a detector that never finds a reference scores 0. NaN without references.
 */
export function precisionRecallAuc(records: MatchRecords): number {
  if (records.references.length === 0) return NaN;
  let area = 0;
  let previousRecall = 0;
  for (const point of operatingPoints(records)) {
    if (Number.isNaN(point.precision)) continue;
    area += (point.recall - previousRecall) * point.precision;
    previousRecall = point.recall;
  }
  return area;
}

/**
 * Free-response ROC: sensitivity against mean false positives per study, one point per
 * distinct score threshold (lesion-level use).
 */
export function frocCurve(records: MatchRecords): { falsePositivesPerStudy: number; sensitivity: number; threshold: number }[] {
  return operatingPoints(records).map((point) => ({ falsePositivesPerStudy: point.falsePositivesPerStudy, sensitivity: point.recall, threshold: point.threshold }));
}
