/**
 * Matching results, the same shape at slice level and lesion level: each prediction with its
 * score and whether it matched any reference; each reference with the best score among the
 * predictions that matched it (−Infinity when none did). Thresholding predictions at a score t
 * then gives TP = matched predictions with score ≥ t and detected references = bestScore ≥ t.
 */
export interface MatchRecords {
  predictions: { score: number; matched: boolean }[];
  references: { bestScore: number }[];
  /** Number of studies pooled (for false positives per study). */
  studies: number;
}

/** Pools the records of several studies. */
export function poolRecords(all: MatchRecords[]): MatchRecords {
  return {
    predictions: all.flatMap((records) => records.predictions),
    references: all.flatMap((records) => records.references),
    studies: all.reduce((sum, records) => sum + records.studies, 0),
  };
}
