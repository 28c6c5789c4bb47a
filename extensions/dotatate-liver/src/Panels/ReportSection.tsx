/**
 * "Report" section of the panel: Create report (asking first when no lesion is confirmed), the
 * progress of writing and storing, and the outcome — stored (and listed in the study), or failed
 * with the reason, Retry and Download. Nothing the reader decided is lost: a failed store keeps the
 * objects, and a report made stale by later changes is said to be so.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { downloadFile } from '../adapter/report/downloadFile';
import { REPORT_COMMANDS } from '../adapter/report/reportCommands';
import type { ListingState, ViewerReport } from '../adapter/report/viewerReport';
import type { CommandsManagerLike } from '../adapter/ohifTypes';
import { Notice } from '../components/Notice';
import { PanelSection } from '../components/PanelSection';
import { selectCounts, selectLatestReport, selectReportIsStale } from '../state/reviewSelectors';
import type { ReportWorkflow } from '../state/reportWorkflow';
import type { ReportWorkflowState } from '../state/reportTypes';
import type { ReviewState } from '../state/reviewTypes';
import { counted } from '../state/counted';

export interface ReportSectionProps {
  commandsManager: CommandsManagerLike;
}

function Button({ onClick, testId, primary, children }: { onClick: () => void; testId: string; primary?: boolean; children: string }) {
  return (
    <button type="button" className={primary ? 'dtl-button dtl-button--primary' : 'dtl-button'} onClick={onClick} data-testid={testId}>
      {children}
    </button>
  );
}

function DownloadButtons({ workflow }: { workflow: ReportWorkflow }) {
  return (
    <div className="dtl-actions">
      {workflow.downloadableFiles().map((file) => {
        const kind = file.name.includes('-SEG-') ? 'SEG' : 'SR';
        return (
          <Button key={file.name} onClick={() => downloadFile(file.name, file.mediaType, file.bytes)} testId={`dotatate-report-download-${kind.toLowerCase()}`}>
            {`Download ${kind}`}
          </Button>
        );
      })}
    </div>
  );
}

function listingText(listing: ListingState): string | null {
  switch (listing.status) {
    case 'listing':
      return 'Listing the new series in the study…';
    case 'listed':
      return 'The SEG and SR now appear in the study browser.';
    case 'not-listed':
      return listing.message;
    default:
      return null;
  }
}

function Body({ report, state, review, listing }: { report: ViewerReport; state: ReportWorkflowState; review: ReviewState; listing: ListingState }) {
  const { workflow } = report;
  const counts = selectCounts(review);
  switch (state.phase) {
    case 'confirmingZeroLesions':
      return (
        <>
          <Notice tone="warning" testId="dotatate-report-zero-lesions">
            {`No lesion is confirmed${state.pendingCount > 0 ? ` and ${counted(state.pendingCount, 'candidate')} ${state.pendingCount === 1 ? 'is' : 'are'} still pending` : ''}. Create a report that records no hepatic lesions (an SR without a SEG)?`}
          </Notice>
          <div className="dtl-actions">
            <Button primary onClick={() => void workflow.confirmZeroLesions()} testId="dotatate-report-confirm-zero">
              Create report without lesions
            </Button>
            <Button onClick={() => workflow.cancelZeroLesions()} testId="dotatate-report-cancel-zero">
              Cancel
            </Button>
          </div>
        </>
      );
    case 'building':
      return <Notice testId="dotatate-report-status">Writing the SEG and the SR…</Notice>;
    case 'storing':
      return <Notice testId="dotatate-report-status">{`Storing to the PACS${state.attempt > 1 ? ` (attempt ${state.attempt})` : ''}…`}</Notice>;
    case 'buildFailed':
      return (
        <>
          <Notice tone="error" testId="dotatate-report-error">
            {state.message}
          </Notice>
          <Button onClick={() => workflow.dismiss()} testId="dotatate-report-dismiss">
            Dismiss
          </Button>
        </>
      );
    case 'storeFailed':
      return (
        <>
          <Notice tone="error" testId="dotatate-report-error">
            {state.message}
          </Notice>
          <div className="dtl-actions">
            <Button primary onClick={() => void workflow.retry()} testId="dotatate-report-retry">
              Retry
            </Button>
          </div>
          <DownloadButtons workflow={workflow} />
        </>
      );
    case 'stored': {
      const listed = listingText(listing);
      return (
        <>
          <Notice testId="dotatate-report-stored">
            {state.report.lesionCount > 0
              ? `Stored: a SEG with ${counted(state.report.lesionCount, 'lesion')} and its measurement report (SR).`
              : 'Stored: a measurement report (SR) recording that no hepatic lesion was confirmed.'}
          </Notice>
          {listed && (
            <p className={listing.status === 'not-listed' ? 'dtl-hint dtl-hint--warn' : 'dtl-hint'} data-testid="dotatate-report-listing" data-status={listing.status}>
              {listed}
            </p>
          )}
          <DownloadButtons workflow={workflow} />
          <Button onClick={() => workflow.dismiss()} testId="dotatate-report-dismiss">
            Done
          </Button>
        </>
      );
    }
    case 'idle': {
      const latest = selectLatestReport(review);
      return (
        <>
          {selectReportIsStale(review) ? (
            <Notice tone="warning" testId="dotatate-report-stale">
              The stored report no longer matches the review (it changed since). Create a new report: it supersedes the earlier one, which stays in the PACS.
            </Notice>
          ) : latest ? (
            <p className="dtl-hint" data-testid="dotatate-report-latest">{`Report stored ${new Date(latest.storedAt).toLocaleString()}.`}</p>
          ) : null}
          <p className="dtl-hint">{`${counted(counts.confirmed, 'confirmed lesion')} will be written; ${counted(counts.pending, 'candidate')} pending.`}</p>
          <Button primary onClick={() => void workflow.createReport()} testId="dotatate-create-report">
            Create report
          </Button>
        </>
      );
    }
  }
}

function Connected({ report }: { report: ViewerReport }) {
  const state = useSyncExternalStore(report.workflow.subscribe, report.workflow.getState);
  const review = useSyncExternalStore(report.review.subscribe, report.review.getState);
  const listing = useSyncExternalStore(report.listing.subscribe, report.listing.getState);
  if (!review.runInfo && state.phase === 'idle') {
    return <p className="dtl-hint">Run the detection first: the report describes its candidates and your decisions.</p>;
  }
  return (
    <div data-testid="dotatate-report" data-phase={state.phase}>
      <Body report={report} state={state} review={review} listing={listing} />
    </div>
  );
}

export function ReportSection({ commandsManager }: ReportSectionProps) {
  const report = useMemo(() => (commandsManager.runCommand(REPORT_COMMANDS.reportWorkflow) as ViewerReport | null | undefined) ?? null, [commandsManager]);
  return (
    <PanelSection title="Report" testId="dotatate-report-heading">
      {report ? (
        <Connected report={report} />
      ) : (
        <Notice tone="error" testId="dotatate-report-unavailable">
          {`Reports are not available: the command ${REPORT_COMMANDS.reportWorkflow} found no review session.`}
        </Notice>
      )}
    </PanelSection>
  );
}

export default ReportSection;
