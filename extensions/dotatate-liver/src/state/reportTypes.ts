/**
 * Types of the "Create report" workflow: what the report builder receives, what it returns, the
 * injected effects, and the workflow's phases. The DICOM writing and the STOW-RS transport are
 * injected so the workflow stays pure and testable.
 */
import type { DetectionRunInfo, ReviewCandidate, SegmentAlgorithmType, StoredReportRecord } from './reviewTypes';

export interface ConfirmedLesion {
  /** SEG segment number (1-based, in id order); the SR's Referenced Segment. */
  readonly segmentNumber: number;
  readonly candidate: ReviewCandidate;
  readonly algorithmType: SegmentAlgorithmType;
}

/** The review as the report describes it, frozen at "Create report". */
export interface ReviewSnapshot {
  readonly revision: number;
  readonly runInfo: DetectionRunInfo;
  /** Every candidate with its decision and reason (the SR records each). */
  readonly candidates: readonly ReviewCandidate[];
  /** Accepted and reader-added lesions: the SEG's segments and the SR's lesion groups. */
  readonly lesions: readonly ConfirmedLesion[];
  /** The reader confirmed that the report has no lesion: write an SR that says so, and no SEG. */
  readonly zeroLesionsConfirmed: boolean;
  /** Candidates still undecided when the report was made. */
  readonly pendingCount: number;
  /**
   * SOP Instance UIDs (SR, then SEG) of the report this one supersedes: the SR lists them as
   * predecessor documents. Empty for a first report. The earlier report is never deleted.
   */
  readonly predecessorSopInstanceUIDs: readonly string[];
}

/** What the DICOM writers produce: Part 10 files and the SOP Instance UIDs written into them. */
export interface BuiltReport {
  /** Absent when there is no confirmed lesion. */
  readonly seg?: ArrayBuffer;
  readonly segSopInstanceUID?: string;
  readonly sr: ArrayBuffer;
  readonly srSopInstanceUID: string;
}

export interface ReportEffects {
  buildReport(snapshot: ReviewSnapshot): BuiltReport | Promise<BuiltReport>;
  /** STOW-RS of the parts, in order (SEG before the SR that references it); rejects on failure. */
  storeInstances(parts: ArrayBuffer[]): Promise<void>;
  /** Clock for the stored-report record; defaults to the current time. */
  now?: () => Date;
}

export interface DownloadableFile {
  readonly name: string;
  readonly mediaType: 'application/dicom';
  readonly bytes: ArrayBuffer;
}

/** A built report waiting to be, or already, stored. */
export interface PreparedReport {
  readonly built: BuiltReport;
  readonly revision: number;
  readonly lesionCount: number;
}

export type ReportWorkflowState =
  | { phase: 'idle' }
  /** No confirmed lesion: the reader must confirm before an empty report is written. */
  | { phase: 'confirmingZeroLesions'; pendingCount: number }
  | { phase: 'building' }
  | { phase: 'buildFailed'; message: string }
  | { phase: 'storing'; report: PreparedReport; attempt: number }
  /** Storing failed; the report is kept for a retry or a download, the review is untouched. */
  | { phase: 'storeFailed'; report: PreparedReport; attempt: number; message: string; httpStatus: number | null }
  | { phase: 'stored'; report: PreparedReport; record: StoredReportRecord };

export type ReportPhase = ReportWorkflowState['phase'];
