/**
 * The one review store the panel, the hotkeys, the viewport adapter and the report share. It wraps
 * the pure reducer, adds the effects the reducer must not perform (recomputing statistics after an
 * edit through an injected callback), and answers each action with whether it was applied.
 */
import type { LesionStatistics } from '../core/types';
import type { ReviewAction } from './reviewActions';
import { reviewReducer } from './reviewReducer';
import { findAdjacentPending } from './reviewSelectors';
import { parseSerializedReview, serializeReview } from './reviewSerialization';
import { createInitialReviewState } from './reviewState';
import type { DetectionResult, RejectionReason, ReviewCandidate, ReviewState, RunStage, SortDirection, SortKey, StoredReportRecord } from './reviewTypes';
import { createStore, type ObservableStore } from './store';
import { describeInvalidRegion, type VoxelRegion } from './voxelRegion';

/**
 * Computes a lesion's statistics for a region on the PET grid (SUV in the volume's units, centroid
 * in LPS mm); the adapter passes the core's statistics function bound to the current PET volume.
 * `previous` is the candidate being edited, or null for a reader-added lesion.
 */
export type ComputeLesionStatistics = (region: VoxelRegion, previous: ReviewCandidate | null) => LesionStatistics;

export interface ReviewStoreOptions {
  computeStatistics?: ComputeLesionStatistics;
  /** Overlap threshold for carrying decisions across re-runs (see rerunMerge). */
  minIoU?: number;
  initialState?: ReviewState;
}

export interface DispatchOutcome {
  /** The state changed as asked. */
  applied: boolean;
  /** Why not, in the reader's words; null when applied or silently ignored (a double click). */
  notice: string | null;
}

export interface ReviewStore extends ObservableStore<ReviewState> {
  dispatch(action: ReviewAction): DispatchOutcome;
  /** Run pressed: the new run's id, or null when one is already running (ignored). */
  requestRun(): number | null;
  reportProgress(runId: number, stage: RunStage, fraction: number): void;
  completeRun(runId: number, result: DetectionResult): DispatchOutcome;
  failRun(runId: number, message: string): void;
  cancelRun(): void;
  accept(id: number): DispatchOutcome;
  reject(id: number, reason: RejectionReason, note?: string): DispatchOutcome;
  resetToPending(id: number): DispatchOutcome;
  /** A brush edit: recomputes the statistics via computeStatistics, marks the lesion edited. */
  editBoundary(id: number, region: VoxelRegion): DispatchOutcome;
  /** A missed lesion the reader added (e.g. grown from a click at the PERCIST threshold). */
  addLesion(region: VoxelRegion): DispatchOutcome & { id: number | null };
  removeAddedLesion(id: number): DispatchOutcome;
  undo(): DispatchOutcome;
  redo(): DispatchOutcome;
  sortBy(key: SortKey, direction?: SortDirection): void;
  select(id: number | null): DispatchOutcome;
  /** Selects the next / previous pending candidate and returns it (centre on its centroidLPS). */
  goToPending(direction: 'next' | 'previous'): ReviewCandidate | null;
  recordStoredReport(record: StoredReportRecord): void;
  discardReview(): void;
  /** JSON for sessionStorage. */
  serialize(): string;
  /** Replaces the state with a saved one; on a bad save, keeps the current state and says why. */
  restore(json: string): DispatchOutcome;
}

export function createReviewStore(options: ReviewStoreOptions = {}): ReviewStore {
  const store = createStore<ReviewState>(options.initialState ?? createInitialReviewState());

  function dispatch(action: ReviewAction): DispatchOutcome {
    const before = store.getState();
    const after = reviewReducer(before, action);
    store.setState(after);
    // An ignored action (a double click on Run) leaves the very same state object.
    return { applied: after !== before && after.notice === null, notice: after !== before ? after.notice : null };
  }

  function tell(notice: string): DispatchOutcome {
    store.setState({ ...store.getState(), notice });
    return { applied: false, notice };
  }

  /** Runs the statistics callback, turning a missing callback or a throw into a notice. */
  function statisticsFor(region: VoxelRegion, previous: ReviewCandidate | null, what: string): LesionStatistics | string {
    const regionProblem = describeInvalidRegion(region);
    if (regionProblem) return `${what} was not applied: ${regionProblem}.`;
    if (!options.computeStatistics) return `${what} was not applied: lesion statistics cannot be computed here.`;
    try {
      return options.computeStatistics(region, previous);
    } catch (error) {
      return `${what} was not applied: the statistics could not be computed (${error instanceof Error ? error.message : String(error)}).`;
    }
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    dispatch,
    requestRun() {
      const outcome = dispatch({ type: 'runRequested' });
      const run = store.getState().run;
      return outcome.applied && run.status === 'running' ? run.runId : null;
    },
    reportProgress: (runId, stage, fraction) => void dispatch({ type: 'runProgress', runId, stage, fraction }),
    completeRun(runId, result) {
      const outcome = dispatch({ type: 'runCompleted', runId, result, minIoU: options.minIoU });
      const run = store.getState().run;
      if (run.status === 'failed' && run.runId === runId) return { applied: false, notice: run.message };
      return outcome;
    },
    failRun: (runId, message) => void dispatch({ type: 'runFailed', runId, message }),
    cancelRun: () => void dispatch({ type: 'runCancelled' }),
    accept: (id) => dispatch({ type: 'accept', id }),
    reject: (id, reason, note) => dispatch({ type: 'reject', id, reason, note }),
    resetToPending: (id) => dispatch({ type: 'resetToPending', id }),
    editBoundary(id, region) {
      const candidate = store.getState().candidates.find((c) => c.id === id);
      if (!candidate) return tell(`There is no candidate ${id} to edit.`);
      const statistics = statisticsFor(region, candidate, `The edit of lesion ${id}`);
      if (typeof statistics === 'string') return tell(statistics);
      return dispatch({ type: 'applyBoundaryEdit', id, region, statistics });
    },
    addLesion(region) {
      const statistics = statisticsFor(region, null, 'The new lesion');
      if (typeof statistics === 'string') return { ...tell(statistics), id: null };
      const id = store.getState().nextCandidateId;
      const outcome = dispatch({ type: 'addLesion', region, statistics });
      return { ...outcome, id: outcome.applied ? id : null };
    },
    removeAddedLesion: (id) => dispatch({ type: 'removeAddedLesion', id }),
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    sortBy: (key, direction) => void dispatch({ type: 'sortBy', key, direction }),
    select: (id) => dispatch({ type: 'select', id }),
    goToPending(direction) {
      const candidate = findAdjacentPending(store.getState(), direction);
      if (candidate) dispatch({ type: 'select', id: candidate.id });
      return candidate;
    },
    recordStoredReport: (record) => void dispatch({ type: 'reportStored', record }),
    discardReview: () => void dispatch({ type: 'discardReview' }),
    serialize: () => serializeReview(store.getState()),
    restore(json) {
      try {
        store.setState(parseSerializedReview(json));
        return { applied: true, notice: null };
      } catch (error) {
        return tell(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
