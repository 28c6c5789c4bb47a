import type { MatchRecords } from './records';

export interface DetectionMetrics {
  /** Positive predictive value (precision). NaN without predictions. */
  ppv: number;
  /** Sensitivity (recall). NaN without references. */
  sensitivity: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  detectedReferences: number;
  references: number;
  falsePositivesPerStudy: number;
}

/** PPV, sensitivity and F1 keeping predictions whose score ≥ `scoreThreshold` (default: all). */
export function metricsAt(records: MatchRecords, scoreThreshold = -Infinity): DetectionMetrics {
  let truePositives = 0;
  let falsePositives = 0;
  for (const prediction of records.predictions) {
    if (prediction.score < scoreThreshold) continue;
    if (prediction.matched) truePositives++;
    else falsePositives++;
  }
  const detectedReferences = records.references.filter((reference) => reference.bestScore !== -Infinity && reference.bestScore >= scoreThreshold).length;
  const ppv = truePositives + falsePositives > 0 ? truePositives / (truePositives + falsePositives) : NaN;
  const sensitivity = records.references.length > 0 ? detectedReferences / records.references.length : NaN;
  const f1 = ppv + sensitivity > 0 ? (2 * ppv * sensitivity) / (ppv + sensitivity) : 0;
  return {
    ppv,
    sensitivity,
    f1,
    truePositives,
    falsePositives,
    detectedReferences,
    references: records.references.length,
    falsePositivesPerStudy: records.studies > 0 ? falsePositives / records.studies : NaN,
  };
}
