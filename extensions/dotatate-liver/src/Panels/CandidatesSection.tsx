import type { ReviewSession } from '../adapter/reviewSession';
import { PanelSection } from '../components/PanelSection';
import { Notice } from '../components/Notice';
import { useObservable } from '../hooks/useObservable';
import {
  selectCanRedo,
  selectCanUndo,
  selectCounts,
  selectRedoLabel,
  selectSortedCandidates,
  selectUndoLabel,
  sliceCount,
} from '../state/reviewSelectors';
import type { ReviewCandidate, SortKey } from '../state/reviewTypes';
import { REJECTION_REASON_LABELS } from '../state/reviewTypes';
import { RejectChooser } from './RejectChooser';

const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: 'id', label: '#', title: 'Lesion id' },
  { key: 'suvMax', label: 'Max', title: 'SUVmax: highest voxel value' },
  { key: 'suvPeak', label: 'Peak', title: 'SUVpeak: PERCIST, highest 1 cm³ sphere mean' },
  { key: 'volume', label: 'ml', title: 'Volume (ml)' },
  { key: 'slices', label: 'Sl', title: 'Axial slices' },
  { key: 'score', label: 'Sc', title: 'Detector score' },
];

/** A short word for the narrow list; the full text is the cell's tooltip. */
const SHORT_STATE: Record<ReviewCandidate['decision']['kind'], string> = { pending: 'pending', accepted: 'accepted', rejected: 'rejected', added: 'added' };

function decisionText(candidate: ReviewCandidate): string {
  const decision = candidate.decision;
  if (decision.kind === 'rejected') return decision.reason === 'other' ? `rejected: ${decision.note}` : `rejected: ${REJECTION_REASON_LABELS[decision.reason].toLowerCase()}`;
  return decision.kind === 'added' ? 'added' : decision.kind;
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="dtl-count">
      <span className="dtl-count__value" data-testid={testId}>
        {value}
      </span>
      <span className="dtl-count__label">{label}</span>
    </div>
  );
}

/** Counts, review actions (navigation, undo / redo, add) and the sortable candidate list. */
export function CandidatesSection({ session }: { session: ReviewSession }) {
  const counts = useObservable(session.store, selectCounts);
  const candidates = useObservable(session.store, selectSortedCandidates);
  const sort = useObservable(session.store, (state) => state.sort);
  const selectedId = useObservable(session.store, (state) => state.selectedId);
  const notice = useObservable(session.store, (state) => state.notice);
  const canUndo = useObservable(session.store, selectCanUndo);
  const canRedo = useObservable(session.store, selectCanRedo);
  const undoLabel = useObservable(session.store, selectUndoLabel);
  const redoLabel = useObservable(session.store, selectRedoLabel);
  const addArmed = useObservable(session.ui, (state) => state.addArmed);
  const rejectingId = useObservable(session.ui, (state) => state.rejectingId);
  const hasRun = useObservable(session.store, (state) => state.runInfo !== null);
  if (!hasRun) return null;

  return (
    <PanelSection title="Candidates" testId="dotatate-candidates-heading">
      <div className="dtl-counts" data-testid="dotatate-counts">
        <Count label="candidates" value={counts.candidates} testId="dotatate-count-candidates" />
        <Count label="pending" value={counts.pending} testId="dotatate-count-pending" />
        <Count label="accepted" value={counts.accepted} testId="dotatate-count-accepted" />
        <Count label="rejected" value={counts.rejected} testId="dotatate-count-rejected" />
        <Count label="added" value={counts.added} testId="dotatate-count-added" />
      </div>
      <div className="dtl-actions">
        <button type="button" className="dtl-button dtl-button--small" data-testid="dotatate-previous" title="Previous pending (Shift+N)" onClick={() => session.goToPending('previous')}>
          ◀ Pending
        </button>
        <button type="button" className="dtl-button dtl-button--small" data-testid="dotatate-next" title="Next pending (N)" onClick={() => session.goToPending('next')}>
          Pending ▶
        </button>
        <button type="button" className="dtl-button dtl-button--small" data-testid="dotatate-undo" disabled={!canUndo} title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'} onClick={() => session.store.undo()}>
          Undo
        </button>
        <button type="button" className="dtl-button dtl-button--small" data-testid="dotatate-redo" disabled={!canRedo} title={redoLabel ? `Redo ${redoLabel}` : 'Nothing to redo'} onClick={() => session.store.redo()}>
          Redo
        </button>
        <button
          type="button"
          className={addArmed ? 'dtl-button dtl-button--small dtl-button--armed' : 'dtl-button dtl-button--small'}
          data-testid="dotatate-add-lesion"
          title="Then click a missed lesion on the PET: it is grown at the PERCIST threshold"
          onClick={() => session.armAddLesion()}
        >
          {addArmed ? 'Click the lesion…' : 'Add lesion'}
        </button>
      </div>
      {notice && (
        <Notice tone="warning" testId="dotatate-review-notice">
          {notice}
        </Notice>
      )}
      {candidates.length === 0 ? (
        <p className="dtl-hint" data-testid="dotatate-no-candidates">
          No candidate was found in the liver at this pixel filter.
        </p>
      ) : (
        <div className="dtl-table-wrap">
        <table className="dtl-table" data-testid="dotatate-candidate-list">
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column.key} title={column.title}>
                  <button type="button" className="dtl-sort" data-testid={`dotatate-sort-${column.key}`} onClick={() => session.store.sortBy(column.key)}>
                    {column.label}
                    {sort.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
              <th>State</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {candidates.map((candidate) => (
              <CandidateRow
                key={candidate.id}
                candidate={candidate}
                selected={candidate.id === selectedId}
                rejecting={candidate.id === rejectingId}
                session={session}
                onRejecting={(id) => session.chooseRejectReason(id)}
              />
            ))}
          </tbody>
        </table>
        </div>
      )}
    </PanelSection>
  );
}

function CandidateRow({
  candidate,
  selected,
  rejecting,
  session,
  onRejecting,
}: {
  candidate: ReviewCandidate;
  selected: boolean;
  rejecting: boolean;
  session: ReviewSession;
  onRejecting: (id: number | null) => void;
}) {
  const s = candidate.statistics;
  const isAdded = candidate.decision.kind === 'added';
  return (
    <>
      <tr
        className={`dtl-row dtl-row--${candidate.decision.kind}${selected ? ' dtl-row--selected' : ''}`}
        data-testid={`dotatate-candidate-${candidate.id}`}
        data-state={candidate.decision.kind}
        onClick={() => session.goTo(candidate.id)}
      >
        <td>{candidate.id}</td>
        <td>{s.suvMax.toFixed(1)}</td>
        <td>{s.suvPeak.toFixed(1)}</td>
        <td>{s.volumeMl.toFixed(2)}</td>
        <td>{sliceCount(candidate)}</td>
        <td>{s.score.toFixed(2)}</td>
        <td className="dtl-row__state" title={decisionText(candidate)} data-testid={`dotatate-candidate-${candidate.id}-state`}>
          {SHORT_STATE[candidate.decision.kind]}
          {candidate.edited ? ' ✎' : ''}
        </td>
        <td className="dtl-row__actions" onClick={(event) => event.stopPropagation()}>
          {isAdded ? (
            <button type="button" className="dtl-icon-button" title="Remove this added lesion" data-testid={`dotatate-remove-${candidate.id}`} onClick={() => session.store.removeAddedLesion(candidate.id)}>
              ✕
            </button>
          ) : (
            <>
              <button type="button" className="dtl-icon-button dtl-icon-button--ok" title="Accept (A)" data-testid={`dotatate-accept-${candidate.id}`} onClick={() => session.accept(candidate.id)}>
                ✓
              </button>
              <button type="button" className="dtl-icon-button dtl-icon-button--no" title="Reject with a reason (R)" data-testid={`dotatate-reject-${candidate.id}`} onClick={() => onRejecting(rejecting ? null : candidate.id)}>
                ✕
              </button>
            </>
          )}
        </td>
      </tr>
      {rejecting && (
        <tr className="dtl-row dtl-row--chooser">
          <td colSpan={COLUMNS.length + 2}>
            <RejectChooser
              onClose={() => onRejecting(null)}
              onReject={(reason, note) => session.reject(candidate.id, reason, note)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
