/**
 * The review's pure transition function: (state, action) → state. Reader decisions are recorded
 * on an undo stack; a refused action leaves the candidates as they were and says why in `notice`.
 */
import type { LesionStatistics } from '../core/types';
import type { ReviewAction } from './reviewActions';
import { describeInvalidDetectionResult, describeInvalidStatistics } from './detectionValidation';
import { DEFAULT_MIN_IOU, mergeDetection } from './rerunMerge';
import { createInitialReviewState } from './reviewState';
import type { CandidateDecision, DetectionResult, ReviewCandidate, ReviewState, RunStage, SortKey } from './reviewTypes';
import { REJECTION_REASONS, RUN_STAGES } from './reviewTypes';
import { describeInvalidRegion, regionIoU, sameGrid, type VoxelRegion } from './voxelRegion';

/** Undo keeps this many steps; older ones are forgotten (the decisions themselves are not). */
export const UNDO_LIMIT = 500;

function refuse(state: ReviewState, notice: string): ReviewState {
  return { ...state, notice };
}

/** Records a change of the candidates as one undoable step with a fresh revision. */
function commit(state: ReviewState, candidates: readonly ReviewCandidate[], label: string, extra: Partial<ReviewState> = {}): ReviewState {
  const revision = state.lastRevisionIssued + 1;
  const undoStack = [...state.undoStack, { candidates: state.candidates, revision: state.revision, label }].slice(-UNDO_LIMIT);
  return { ...state, ...extra, candidates, revision, lastRevisionIssued: revision, undoStack, redoStack: [], notice: null };
}

function findCandidate(state: ReviewState, id: number): ReviewCandidate | undefined {
  return state.candidates.find((c) => c.id === id);
}

function replaceCandidate(state: ReviewState, updated: ReviewCandidate): ReviewCandidate[] {
  return state.candidates.map((c) => (c.id === updated.id ? updated : c));
}

function decide(state: ReviewState, id: number, decision: CandidateDecision, label: string): ReviewState {
  const candidate = findCandidate(state, id);
  if (!candidate) return refuse(state, `There is no candidate ${id}.`);
  if (candidate.decision.kind === 'added') {
    return refuse(state, `Lesion ${id} was drawn by the reader; remove it instead of changing its decision.`);
  }
  return commit(state, replaceCandidate(state, { ...candidate, decision }), label, { selectedId: id });
}

function reject(state: ReviewState, id: number, reason: unknown, note: string | undefined): ReviewState {
  if (!REJECTION_REASONS.includes(reason as (typeof REJECTION_REASONS)[number])) {
    return refuse(state, `Choose a reason for rejecting candidate ${id}.`);
  }
  const trimmedNote = (note ?? '').trim();
  if (reason === 'other' && trimmedNote === '') return refuse(state, `Say in a few words why candidate ${id} is rejected.`);
  return decide(state, id, { kind: 'rejected', reason: reason as (typeof REJECTION_REASONS)[number], note: trimmedNote }, `Reject ${id}`);
}

function describeRegionAndStatistics(region: VoxelRegion, statistics: LesionStatistics): string | null {
  return describeInvalidRegion(region) ?? describeInvalidStatistics(statistics);
}

function applyBoundaryEdit(state: ReviewState, id: number, region: VoxelRegion, statistics: LesionStatistics): ReviewState {
  const candidate = findCandidate(state, id);
  if (!candidate) return refuse(state, `There is no candidate ${id} to edit.`);
  const problem = describeRegionAndStatistics(region, statistics);
  if (problem) return refuse(state, `The edit of lesion ${id} was not applied: ${problem}.`);
  if (!sameGrid(region, candidate.region)) return refuse(state, `The edit of lesion ${id} is on a different voxel grid from the PET.`);
  const edited: ReviewCandidate = { ...candidate, region, statistics: { ...statistics, id }, edited: true };
  return commit(state, replaceCandidate(state, edited), `Edit ${id}`, { selectedId: id });
}

function addLesion(state: ReviewState, region: VoxelRegion, statistics: LesionStatistics): ReviewState {
  const problem = describeRegionAndStatistics(region, statistics);
  if (problem) return refuse(state, `The lesion was not added: ${problem}.`);
  const grid = state.candidates[0]?.region;
  if (grid && !sameGrid(grid, region)) return refuse(state, 'The lesion was not added: it is on a different voxel grid from the PET.');
  const existing = state.candidates.find(
    (c) => c.decision.kind !== 'rejected' && regionIoU(c.region, region) > DEFAULT_MIN_IOU,
  );
  if (existing) {
    const hint = existing.decision.kind === 'pending' ? 'accept it instead' : 'edit its boundary instead';
    return refuse(state, `This lesion is already candidate ${existing.id}; ${hint}.`);
  }
  const id = state.nextCandidateId;
  const added: ReviewCandidate = {
    id,
    detectionLabel: null,
    statistics: { ...statistics, id },
    region,
    decision: { kind: 'added' },
    edited: false,
    keptFromEarlierRun: false,
  };
  const candidates = [...state.candidates, added].sort((a, b) => a.id - b.id);
  return commit(state, candidates, `Add ${id}`, { nextCandidateId: id + 1, selectedId: id });
}

function removeAddedLesion(state: ReviewState, id: number): ReviewState {
  const candidate = findCandidate(state, id);
  if (!candidate) return refuse(state, `There is no lesion ${id}.`);
  if (candidate.decision.kind !== 'added') return refuse(state, `Candidate ${id} came from the detector; reject it instead of removing it.`);
  const selectedId = state.selectedId === id ? null : state.selectedId;
  return commit(state, state.candidates.filter((c) => c.id !== id), `Remove ${id}`, { selectedId });
}

function undo(state: ReviewState): ReviewState {
  const previous = state.undoStack[state.undoStack.length - 1];
  if (!previous) return refuse(state, 'Nothing to undo.');
  return {
    ...state,
    candidates: previous.candidates,
    revision: previous.revision,
    undoStack: state.undoStack.slice(0, -1),
    redoStack: [...state.redoStack, { candidates: state.candidates, revision: state.revision, label: previous.label }],
    selectedId: previous.candidates.some((c) => c.id === state.selectedId) ? state.selectedId : null,
    notice: null,
  };
}

function redo(state: ReviewState): ReviewState {
  const next = state.redoStack[state.redoStack.length - 1];
  if (!next) return refuse(state, 'Nothing to redo.');
  return {
    ...state,
    candidates: next.candidates,
    revision: next.revision,
    redoStack: state.redoStack.slice(0, -1),
    undoStack: [...state.undoStack, { candidates: state.candidates, revision: state.revision, label: next.label }],
    selectedId: next.candidates.some((c) => c.id === state.selectedId) ? state.selectedId : null,
    notice: null,
  };
}

function isCurrentRun(state: ReviewState, runId: number): boolean {
  return state.run.status === 'running' && state.run.runId === runId;
}

function runProgress(state: ReviewState, runId: number, stage: RunStage, fraction: number): ReviewState {
  if (!isCurrentRun(state, runId) || !RUN_STAGES.includes(stage) || !Number.isFinite(fraction)) return state;
  return { ...state, run: { status: 'running', runId, stage, fraction: Math.min(1, Math.max(0, fraction)) } };
}

/** Why this result must not replace the review's candidates; null when it may. */
function describeIncompatibleResult(state: ReviewState, result: DetectionResult): string | null {
  const decided = state.candidates.filter((c) => c.decision.kind !== 'pending');
  if (decided.length === 0) return null;
  if (state.runInfo && state.runInfo.petSeriesInstanceUID !== result.info.petSeriesInstanceUID) {
    return (
      'This review holds decisions on another PET series. Create the report for it, or discard the review, ' +
      'before detecting on this series.'
    );
  }
  const grid = result.candidates[0]?.region;
  if (grid && !sameGrid(grid, decided[0].region)) {
    return 'The new detection is on a different voxel grid from the reviewed candidates; their decisions cannot be carried over.';
  }
  return null;
}

function runCompleted(state: ReviewState, runId: number, result: DetectionResult, minIoU: number | undefined): ReviewState {
  if (!isCurrentRun(state, runId)) return state; // a cancelled or superseded run reporting late
  const problem = describeInvalidDetectionResult(result) ?? describeIncompatibleResult(state, result);
  if (problem) return { ...state, run: { status: 'failed', runId, message: problem } };
  const merged = mergeDetection(state.candidates, result.candidates, state.nextCandidateId, minIoU ?? DEFAULT_MIN_IOU);
  const revision = state.lastRevisionIssued + 1;
  return {
    ...state,
    candidates: merged.candidates,
    runInfo: result.info,
    run: { status: 'done', runId, summary: merged.summary },
    revision,
    lastRevisionIssued: revision,
    nextCandidateId: merged.nextCandidateId,
    // Undo covers the reader's decisions within one result; a new result starts a new history.
    undoStack: [],
    redoStack: [],
    selectedId: merged.candidates.some((c) => c.id === state.selectedId) ? state.selectedId : null,
    notice: null,
  };
}

const DEFAULT_DIRECTION: Readonly<Record<SortKey, 'ascending' | 'descending'>> = {
  id: 'ascending',
  suvMax: 'descending',
  suvPeak: 'descending',
  volume: 'descending',
  slices: 'descending',
  score: 'descending',
};

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'accept':
      return decide(state, action.id, { kind: 'accepted' }, `Accept ${action.id}`);
    case 'reject':
      return reject(state, action.id, action.reason, action.note);
    case 'resetToPending':
      return decide(state, action.id, { kind: 'pending' }, `Reset ${action.id} to pending`);
    case 'applyBoundaryEdit':
      return applyBoundaryEdit(state, action.id, action.region, action.statistics);
    case 'addLesion':
      return addLesion(state, action.region, action.statistics);
    case 'removeAddedLesion':
      return removeAddedLesion(state, action.id);
    case 'undo':
      return undo(state);
    case 'redo':
      return redo(state);
    case 'runRequested': {
      if (state.run.status === 'running') return state; // a double click on Run
      const runId = state.lastRunId + 1;
      return { ...state, lastRunId: runId, run: { status: 'running', runId, stage: 'volume', fraction: 0 }, notice: null };
    }
    case 'runProgress':
      return runProgress(state, action.runId, action.stage, action.fraction);
    case 'runCompleted':
      return runCompleted(state, action.runId, action.result, action.minIoU);
    case 'runFailed':
      if (!isCurrentRun(state, action.runId)) return state;
      return { ...state, run: { status: 'failed', runId: action.runId, message: action.message || 'Detection failed.' } };
    case 'runCancelled':
      if (state.run.status !== 'running') return state;
      return { ...state, run: { status: 'cancelled', runId: state.run.runId } };
    case 'sortBy': {
      const direction =
        action.direction ??
        (state.sort.key === action.key
          ? state.sort.direction === 'ascending'
            ? 'descending'
            : 'ascending'
          : DEFAULT_DIRECTION[action.key]);
      return { ...state, sort: { key: action.key, direction }, notice: null };
    }
    case 'select':
      if (action.id !== null && !findCandidate(state, action.id)) return refuse(state, `There is no candidate ${action.id}.`);
      return { ...state, selectedId: action.id, notice: null };
    case 'reportStored':
      return { ...state, storedReports: [...state.storedReports, action.record], notice: null };
    case 'discardReview':
      return {
        ...createInitialReviewState(),
        lastRunId: state.lastRunId,
        lastRevisionIssued: state.lastRevisionIssued,
        revision: state.lastRevisionIssued,
        sort: state.sort,
        run: state.run.status === 'running' ? state.run : { status: 'idle' },
      };
    case 'dismissNotice':
      return state.notice === null ? state : { ...state, notice: null };
    default:
      return state;
  }
}
