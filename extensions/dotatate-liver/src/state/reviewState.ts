/** The state of a review before anything happened. */
import type { ReviewState } from './reviewTypes';

export function createInitialReviewState(): ReviewState {
  return {
    candidates: [],
    runInfo: null,
    run: { status: 'idle' },
    revision: 0,
    lastRevisionIssued: 0,
    nextCandidateId: 1,
    lastRunId: 0,
    undoStack: [],
    redoStack: [],
    sort: { key: 'id', direction: 'ascending' },
    selectedId: null,
    storedReports: [],
    notice: null,
  };
}
