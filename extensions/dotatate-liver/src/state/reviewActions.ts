/**
 * Everything that can happen to a review. Reader decisions (accept … removeAddedLesion) are
 * undoable; run messages carry the run id so that a late message from a cancelled run is ignored.
 */
import type { LesionStatistics } from '../core/types';
import type { DetectionResult, RejectionReason, RunStage, SortDirection, SortKey, StoredReportRecord } from './reviewTypes';
import type { VoxelRegion } from './voxelRegion';

export type ReviewAction =
  | { type: 'accept'; id: number }
  | { type: 'reject'; id: number; reason: RejectionReason; /** Required when the reason is 'other'. */ note?: string }
  | { type: 'resetToPending'; id: number }
  /** A brush edit; `statistics` were recomputed for the new region. */
  | { type: 'applyBoundaryEdit'; id: number; region: VoxelRegion; statistics: LesionStatistics }
  | { type: 'addLesion'; region: VoxelRegion; statistics: LesionStatistics }
  | { type: 'removeAddedLesion'; id: number }
  | { type: 'undo' }
  | { type: 'redo' }
  /** The reader pressed Run; ignored while a run is in progress (a double click). */
  | { type: 'runRequested' }
  | { type: 'runProgress'; runId: number; stage: RunStage; fraction: number }
  | { type: 'runCompleted'; runId: number; result: DetectionResult; minIoU?: number }
  | { type: 'runFailed'; runId: number; message: string }
  /** Cancel: the run's results will be ignored and the earlier candidates stay as they were. */
  | { type: 'runCancelled' }
  /** Same key without a direction flips the direction. */
  | { type: 'sortBy'; key: SortKey; direction?: SortDirection }
  | { type: 'select'; id: number | null }
  | { type: 'reportStored'; record: StoredReportRecord }
  /** Start over (after the reader confirmed): drops candidates, decisions and history. */
  | { type: 'discardReview' }
  | { type: 'dismissNotice' };

export type ReviewActionType = ReviewAction['type'];
