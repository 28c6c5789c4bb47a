/**
 * Read-only views of the review for the panel, the viewport adapter and the report. Selectors that
 * build arrays are memoised per state object, as React's useSyncExternalStore requires.
 */
import { memoizeByState } from './store';
import type { ReviewCandidate, ReviewState, SegmentAlgorithmType, SortKey, StoredReportRecord } from './reviewTypes';

export interface ReviewCounts {
  /** Candidates from the detector (kept-from-earlier ones included); reader-added lesions excluded. */
  candidates: number;
  pending: number;
  accepted: number;
  rejected: number;
  /** Lesions drawn by the reader. */
  added: number;
  /** Accepted + added: the lesions a report will contain. */
  confirmed: number;
}

export const selectCounts = memoizeByState((state: ReviewState): ReviewCounts => {
  const counts: ReviewCounts = { candidates: 0, pending: 0, accepted: 0, rejected: 0, added: 0, confirmed: 0 };
  for (const candidate of state.candidates) {
    const kind = candidate.decision.kind;
    counts[kind]++;
    if (kind !== 'added') counts.candidates++;
    if (kind === 'accepted' || kind === 'added') counts.confirmed++;
  }
  return counts;
});

/** Number of axial slices a candidate spans. */
export function sliceCount(candidate: ReviewCandidate): number {
  return candidate.statistics.sliceRange[1] - candidate.statistics.sliceRange[0] + 1;
}

const SORT_VALUE: Readonly<Record<SortKey, (candidate: ReviewCandidate) => number>> = {
  id: (c) => c.id,
  suvMax: (c) => c.statistics.suvMax,
  suvPeak: (c) => c.statistics.suvPeak,
  volume: (c) => c.statistics.volumeMl,
  slices: sliceCount,
  score: (c) => c.statistics.score,
};

/** The candidates in the list's order (state.sort); ties fall back to ascending id. */
export const selectSortedCandidates = memoizeByState((state: ReviewState): readonly ReviewCandidate[] => {
  const value = SORT_VALUE[state.sort.key];
  const sign = state.sort.direction === 'ascending' ? 1 : -1;
  return [...state.candidates].sort((a, b) => sign * (value(a) - value(b)) || a.id - b.id);
});

export function selectCandidate(state: ReviewState, id: number): ReviewCandidate | null {
  return state.candidates.find((c) => c.id === id) ?? null;
}

export function selectSelectedCandidate(state: ReviewState): ReviewCandidate | null {
  return state.selectedId === null ? null : selectCandidate(state, state.selectedId);
}

/**
 * The pending candidate after (or before) the selected one in the list's order, wrapping around;
 * from no selection, the first (or last) pending one. Null when nothing is pending. Centre the
 * viewports on its `statistics.centroidLPS` (LPS, mm).
 */
export function findAdjacentPending(state: ReviewState, direction: 'next' | 'previous'): ReviewCandidate | null {
  const list = selectSortedCandidates(state);
  const count = list.length;
  if (count === 0) return null;
  const selectedIndex = list.findIndex((c) => c.id === state.selectedId);
  const step = direction === 'next' ? 1 : -1;
  const start = selectedIndex >= 0 ? selectedIndex : direction === 'next' ? -1 : count;
  for (let offset = 1; offset <= count; offset++) {
    const candidate = list[(((start + step * offset) % count) + count) % count];
    if (candidate.decision.kind === 'pending') return candidate;
  }
  return null;
}

/** SEG Segment Algorithm Type: drawn by the reader → MANUAL, brush-edited → SEMIAUTOMATIC. */
export function algorithmTypeOf(candidate: ReviewCandidate): SegmentAlgorithmType {
  if (candidate.decision.kind === 'added') return 'MANUAL';
  return candidate.edited ? 'SEMIAUTOMATIC' : 'AUTOMATIC';
}

/** Accepted and reader-added lesions, by id: what the SEG and the SR's lesion groups hold. */
export const selectConfirmedLesions = memoizeByState((state: ReviewState): readonly ReviewCandidate[] =>
  state.candidates.filter((c) => c.decision.kind === 'accepted' || c.decision.kind === 'added'),
);

export function selectLatestReport(state: ReviewState): StoredReportRecord | null {
  return state.storedReports[state.storedReports.length - 1] ?? null;
}

/** A report was stored and the review changed since (a decision, an edit, a re-run). */
export function selectReportIsStale(state: ReviewState): boolean {
  const latest = selectLatestReport(state);
  return latest !== null && latest.revision !== state.revision;
}

/**
 * Leaving now would lose work: a candidate is still undecided, or the reader's decisions are not
 * in a stored report (none stored, or the review changed since).
 */
export function selectHasUnsavedWork(state: ReviewState): boolean {
  const counts = selectCounts(state);
  if (counts.pending > 0) return true;
  const hasDecisions = counts.accepted + counts.rejected + counts.added > 0;
  return hasDecisions && selectLatestReport(state)?.revision !== state.revision;
}

export function selectCanUndo(state: ReviewState): boolean {
  return state.undoStack.length > 0;
}

export function selectCanRedo(state: ReviewState): boolean {
  return state.redoStack.length > 0;
}

/** What Undo would revert, e.g. "Accept 3"; null when there is nothing. */
export function selectUndoLabel(state: ReviewState): string | null {
  return state.undoStack[state.undoStack.length - 1]?.label ?? null;
}

export function selectRedoLabel(state: ReviewState): string | null {
  return state.redoStack[state.redoStack.length - 1]?.label ?? null;
}

export function selectIsRunning(state: ReviewState): boolean {
  return state.run.status === 'running';
}
