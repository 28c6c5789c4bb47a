/**
 * "Create report" as a small state machine over injected effects:
 *
 *   idle ─create→ (no confirmed lesion? confirmingZeroLesions ─confirm→) building → storing → stored
 *                                                       └cancel→ idle      │           └→ storeFailed ─retry→ storing
 *                                                                          └→ buildFailed
 *
 * A failed store keeps the built objects (retry, or download them); the review is never changed
 * except to record a stored report. A second report supersedes the first: its snapshot carries the
 * first report's SOP Instance UIDs as predecessors; nothing is ever deleted from the PACS.
 */
import type { ReviewStore } from './reviewStore';
import { algorithmTypeOf, selectConfirmedLesions, selectCounts, selectLatestReport, selectReportIsStale } from './reviewSelectors';
import type { ReviewState } from './reviewTypes';
import type {
  BuiltReport,
  DownloadableFile,
  PreparedReport,
  ReportEffects,
  ReportWorkflowState,
  ReviewSnapshot,
} from './reportTypes';
import { createStore, type ObservableStore } from './store';

export interface ReportWorkflow extends ObservableStore<ReportWorkflowState> {
  /** "Create report"; ignored while a report is being confirmed, built or stored. */
  createReport(): Promise<void>;
  /** The reader confirmed a report without lesions. */
  confirmZeroLesions(): Promise<void>;
  cancelZeroLesions(): void;
  /** Stores the kept report again after a failure (the same objects, the same UIDs). */
  retry(): Promise<void>;
  /** The built report's files (after a failed or a successful store); empty otherwise. */
  downloadableFiles(): DownloadableFile[];
  /** A report was stored and the review changed since. */
  reportIsStale(): boolean;
  /** Back to idle after a stored report or a build failure (a failed store must be retried or replaced). */
  dismiss(): void;
}

/** Makes a thrown STOW error readable; an HTTP status is taken from `status` or `httpStatus`. */
export function describeStoreFailure(error: unknown): { message: string; httpStatus: number | null } {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const status = [record.status, record.httpStatus].find((v): v is number => Number.isInteger(v) && (v as number) > 0) ?? null;
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const kept = 'The report is kept: retry, or download it.';
  if (status !== null) {
    return { message: `The PACS refused the report (HTTP ${status})${detail ? `: ${detail}` : ''}. ${kept}`, httpStatus: status };
  }
  return { message: `The report could not be stored: the PACS did not answer${detail ? ` (${detail})` : ''}. ${kept}`, httpStatus: null };
}

/** The review as the report describes it; null when there is no detection run to report on. */
export function createReviewSnapshot(state: ReviewState, zeroLesionsConfirmed: boolean): ReviewSnapshot | null {
  if (!state.runInfo) return null;
  const latest = selectLatestReport(state);
  return {
    revision: state.revision,
    runInfo: state.runInfo,
    candidates: state.candidates,
    lesions: selectConfirmedLesions(state).map((candidate, index) => ({
      segmentNumber: index + 1,
      candidate,
      algorithmType: algorithmTypeOf(candidate),
    })),
    zeroLesionsConfirmed,
    pendingCount: selectCounts(state).pending,
    predecessorSopInstanceUIDs: latest ? [latest.srSopInstanceUID, ...(latest.segSopInstanceUID ? [latest.segSopInstanceUID] : [])] : [],
  };
}

/** True for an ArrayBuffer from any realm (a worker's buffer fails `instanceof`). */
function isNonEmptyArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]' && (value as ArrayBuffer).byteLength > 0;
}

/** Why a built report cannot be stored; null when it can. */
function describeInvalidBuiltReport(built: BuiltReport | undefined, lesionCount: number): string | null {
  if (!built || !isNonEmptyArrayBuffer(built.sr)) return 'the report writer produced no SR';
  if (typeof built.srSopInstanceUID !== 'string' || built.srSopInstanceUID === '') return 'the SR has no SOP Instance UID';
  if (lesionCount > 0) {
    if (!isNonEmptyArrayBuffer(built.seg)) return `the report writer produced no SEG for ${lesionCount} lesions`;
    if (typeof built.segSopInstanceUID !== 'string' || built.segSopInstanceUID === '') return 'the SEG has no SOP Instance UID';
  }
  return null;
}

export function createReportWorkflow(review: ReviewStore, effects: ReportEffects): ReportWorkflow {
  const store = createStore<ReportWorkflowState>({ phase: 'idle' });
  const now = effects.now ?? (() => new Date());

  const isBusy = () => ['confirmingZeroLesions', 'building', 'storing'].includes(store.getState().phase);

  /** The parts to store: no SEG for a report without lesions, SEG before the SR. */
  function partsOf(report: PreparedReport): ArrayBuffer[] {
    return report.lesionCount > 0 && report.built.seg ? [report.built.seg, report.built.sr] : [report.built.sr];
  }

  async function storeReport(report: PreparedReport, attempt: number): Promise<void> {
    store.setState({ phase: 'storing', report, attempt });
    try {
      await effects.storeInstances(partsOf(report));
    } catch (error) {
      store.setState({ phase: 'storeFailed', report, attempt, ...describeStoreFailure(error) });
      return;
    }
    const record = {
      revision: report.revision,
      srSopInstanceUID: report.built.srSopInstanceUID,
      segSopInstanceUID: report.lesionCount > 0 ? (report.built.segSopInstanceUID ?? null) : null,
      storedAt: now().toISOString(),
    };
    review.recordStoredReport(record);
    store.setState({ phase: 'stored', report, record });
  }

  async function buildAndStore(zeroLesionsConfirmed: boolean): Promise<void> {
    const snapshot = createReviewSnapshot(review.getState(), zeroLesionsConfirmed);
    if (!snapshot) {
      store.setState({ phase: 'buildFailed', message: 'Run the detection first: the report needs the PET series and the liver reference.' });
      return;
    }
    store.setState({ phase: 'building' });
    let built: BuiltReport;
    try {
      built = await effects.buildReport(snapshot);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      store.setState({ phase: 'buildFailed', message: `The report could not be written: ${detail}. The review is unchanged.` });
      return;
    }
    const problem = describeInvalidBuiltReport(built, snapshot.lesions.length);
    if (problem) {
      store.setState({ phase: 'buildFailed', message: `The report could not be written: ${problem}. The review is unchanged.` });
      return;
    }
    await storeReport({ built, revision: snapshot.revision, lesionCount: snapshot.lesions.length }, 1);
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    async createReport() {
      if (isBusy()) return;
      const counts = selectCounts(review.getState());
      if (counts.confirmed === 0 && review.getState().runInfo) {
        store.setState({ phase: 'confirmingZeroLesions', pendingCount: counts.pending });
        return;
      }
      await buildAndStore(false);
    },
    async confirmZeroLesions() {
      if (store.getState().phase !== 'confirmingZeroLesions') return;
      // The review may have changed while the question was open.
      if (selectCounts(review.getState()).confirmed > 0) {
        await buildAndStore(false);
        return;
      }
      await buildAndStore(true);
    },
    cancelZeroLesions() {
      if (store.getState().phase === 'confirmingZeroLesions') store.setState({ phase: 'idle' });
    },
    async retry() {
      const state = store.getState();
      if (state.phase !== 'storeFailed') return;
      await storeReport(state.report, state.attempt + 1);
    },
    downloadableFiles() {
      const state = store.getState();
      if (state.phase !== 'storeFailed' && state.phase !== 'stored' && state.phase !== 'storing') return [];
      const { built, lesionCount } = state.report;
      const files: DownloadableFile[] = [];
      if (lesionCount > 0 && built.seg) {
        files.push({ name: `DOTATATE-liver-SEG-${built.segSopInstanceUID}.dcm`, mediaType: 'application/dicom', bytes: built.seg });
      }
      files.push({ name: `DOTATATE-liver-SR-${built.srSopInstanceUID}.dcm`, mediaType: 'application/dicom', bytes: built.sr });
      return files;
    },
    reportIsStale: () => selectReportIsStale(review.getState()),
    dismiss() {
      const phase = store.getState().phase;
      if (phase === 'stored' || phase === 'buildFailed') store.setState({ phase: 'idle' });
    },
  };
}
