/**
 * Types of the reader's review: candidates from a detection run, the reader's decision on each,
 * the run lifecycle, and the record of stored reports. Plain data only (serialisable as JSON).
 */
import type { LesionStatistics, LiverReference, PetUnits } from '../core/types';
import type { VoxelRegion } from './voxelRegion';

export const REJECTION_REASONS = [
  'edge-slice',
  'below-threshold',
  'misregistration',
  'physiologic-uptake',
  'other',
] as const;

/** Why the reader rejected a candidate. */
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Words for each reason, for the panel and the SR. */
export const REJECTION_REASON_LABELS: Readonly<Record<RejectionReason, string>> = {
  'edge-slice': 'Edge slice of a lesion',
  'below-threshold': 'Below threshold',
  misregistration: 'Misregistration',
  'physiologic-uptake': 'Physiologic uptake',
  other: 'Other',
};

export type CandidateDecision =
  | { kind: 'pending' }
  | { kind: 'accepted' }
  | { kind: 'rejected'; reason: RejectionReason; note: string }
  /** Drawn by the reader (a missed lesion): confirmed by construction. */
  | { kind: 'added' };

export type DecisionKind = CandidateDecision['kind'];

/** How a lesion's boundary came to be; the SEG segment's Segment Algorithm Type. */
export type SegmentAlgorithmType = 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL';

export interface ReviewCandidate {
  /**
   * The reader-facing tracking number, stable for the whole review (kept across re-runs, never
   * reused). `statistics.id` always equals it.
   */
  readonly id: number;
  /** The label of this candidate on the current run's label volume; null when not from it. */
  readonly detectionLabel: number | null;
  /** Statistics in the PET volume's units (SUVbw or relative); recomputed after every edit. */
  readonly statistics: LesionStatistics;
  /** Voxels on the PET grid. */
  readonly region: VoxelRegion;
  readonly decision: CandidateDecision;
  /** The reader changed the boundary with the brush. */
  readonly edited: boolean;
  /**
   * A decided candidate that the latest detection run did not find again; kept so that no
   * decision is ever lost silently.
   */
  readonly keptFromEarlierRun: boolean;
}

/** One candidate as a detection run delivers it. */
export interface DetectedCandidate {
  /** `statistics.id` is the candidate's label on the run's label volume. */
  readonly statistics: LesionStatistics;
  readonly region: VoxelRegion;
}

/** What produced the candidates: needed by the report (source series, reference, algorithm). */
export interface DetectionRunInfo {
  readonly petSeriesInstanceUID: string;
  readonly units: PetUnits;
  readonly reference: LiverReference | null;
  readonly algorithm: {
    readonly name: string;
    readonly version: string;
    /** Detector, pixel filter, threshold…: recorded with the report. */
    readonly settings: Readonly<Record<string, string | number | boolean>>;
  };
}

export interface DetectionResult {
  readonly info: DetectionRunInfo;
  readonly candidates: readonly DetectedCandidate[];
}

export const RUN_STAGES = ['volume', 'liver', 'reference', 'inference', 'post-processing'] as const;
export type RunStage = (typeof RUN_STAGES)[number];

export type RunStatus =
  | { status: 'idle' }
  | { status: 'running'; runId: number; stage: RunStage; /** Progress in [0, 1] over the whole run. */ fraction: number }
  | { status: 'done'; runId: number; summary: RerunSummary }
  | { status: 'cancelled'; runId: number }
  | { status: 'failed'; runId: number; message: string };

/** What a detection run changed; shown after a re-run so the reader sees what happened. */
export interface RerunSummary {
  /** Candidates from the run. */
  readonly detected: number;
  /** New candidates that took over an earlier candidate's decision (ids). */
  readonly carriedOver: readonly number[];
  /** Of those, edited earlier: the reader's boundary was kept instead of the new one (ids). */
  readonly keptReaderBoundary: readonly number[];
  /** New candidates, pending (ids). */
  readonly newPending: readonly number[];
  /** Decided candidates the run did not find again, kept (ids). */
  readonly keptUndetected: readonly number[];
  /** Undecided earlier candidates the run did not find again, dropped (earlier ids). */
  readonly droppedPending: readonly number[];
  /** Detections dropped because the reader had already drawn that lesion (their detection labels). */
  readonly duplicatesOfReaderAdded: readonly number[];
}

export type SortKey = 'id' | 'suvMax' | 'suvPeak' | 'volume' | 'slices' | 'score';
export type SortDirection = 'ascending' | 'descending';

/** A report stored in the PACS. */
export interface StoredReportRecord {
  /** Review revision the report describes. */
  readonly revision: number;
  readonly srSopInstanceUID: string;
  readonly segSopInstanceUID: string | null;
  /** ISO 8601 time of storing. */
  readonly storedAt: string;
}

/** A state of the candidates that undo / redo can return to. */
export interface DecisionSnapshot {
  readonly candidates: readonly ReviewCandidate[];
  readonly revision: number;
  /** What the change did, e.g. "Accept 3"; shown as the undo / redo tooltip. */
  readonly label: string;
}

export interface ReviewState {
  readonly candidates: readonly ReviewCandidate[];
  readonly runInfo: DetectionRunInfo | null;
  readonly run: RunStatus;
  /** Identifies the content of `candidates`; every change gets a new, never reused number. */
  readonly revision: number;
  readonly lastRevisionIssued: number;
  readonly nextCandidateId: number;
  readonly lastRunId: number;
  readonly undoStack: readonly DecisionSnapshot[];
  readonly redoStack: readonly DecisionSnapshot[];
  readonly sort: { readonly key: SortKey; readonly direction: SortDirection };
  readonly selectedId: number | null;
  readonly storedReports: readonly StoredReportRecord[];
  /** Why the last action was refused, in the reader's words; null after an accepted action. */
  readonly notice: string | null;
}
