import type { ReviewSession } from '../adapter/reviewSession';
import { CandidateTable } from '../components/CandidateTable';
import { EditBar } from '../components/EditBar';
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
} from '../state/reviewSelectors';
import { RejectChooser } from './RejectChooser';

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

/** Counts, review actions (navigation, undo / redo, add), the brush edit bar and the sortable candidate list. */
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
  const editingId = useObservable(session.ui, (state) => state.editingId);
  const editTool = useObservable(session.ui, (state) => state.editTool);
  const hasRun = useObservable(session.store, (state) => state.runInfo !== null);
  const units = useObservable(session.store, (state) => state.runInfo?.units ?? 'SUVbw');
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
      <div className="dtl-toolbar" role="toolbar" aria-label="Review">
        <button type="button" className="dtl-button dtl-button--small" data-testid="dotatate-previous" title="Previous pending candidate (Shift+P)" onClick={() => session.goToPending('previous')}>
          ‹ Prev
        </button>
        <button type="button" className="dtl-button dtl-button--small" data-testid="dotatate-next" title="Next pending candidate (Shift+N)" onClick={() => session.goToPending('next')}>
          Next ›
        </button>
        <button type="button" className="dtl-button dtl-button--small" data-testid="dotatate-undo" disabled={!canUndo} title={undoLabel ? `Undo ${undoLabel} (Shift+Z)` : 'Nothing to undo'} onClick={() => session.store.undo()}>
          ↶
        </button>
        <button type="button" className="dtl-button dtl-button--small" data-testid="dotatate-redo" disabled={!canRedo} title={redoLabel ? `Redo ${redoLabel} (Shift+Y)` : 'Nothing to redo'} onClick={() => session.store.redo()}>
          ↷
        </button>
        <button
          type="button"
          className={addArmed ? 'dtl-button dtl-button--small dtl-button--armed dtl-toolbar__wide' : 'dtl-button dtl-button--small dtl-toolbar__wide'}
          data-testid="dotatate-add-lesion"
          title="Add a missed lesion: then click it on the PET; it is grown at the PERCIST threshold (Shift+L)"
          onClick={() => session.armAddLesion()}
        >
          {addArmed ? 'Click it…' : '+ Add'}
        </button>
      </div>
      {notice && (
        <Notice tone="warning" testId="dotatate-review-notice">
          {notice}
        </Notice>
      )}
      {editingId !== null && (
        <EditBar
          candidateId={editingId}
          tool={editTool}
          onTool={(tool) => session.setEditTool(tool)}
          onDone={() => session.finishEdit()}
        />
      )}
      {units === 'relative' && (
        <p className="dtl-hint" data-testid="dotatate-relative-units">
          This PET has no SUV: Max and Peak are in relative units (the scanner&apos;s values), not SUV.
        </p>
      )}
      {candidates.length === 0 ? (
        <p className="dtl-hint" data-testid="dotatate-no-candidates">
          No candidate was found in the liver at this pixel filter.
        </p>
      ) : (
        <CandidateTable
          candidates={candidates}
          units={units}
          sort={sort}
          selectedId={selectedId}
          rejectingId={rejectingId}
          editingId={editingId}
          onSort={(key) => session.store.sortBy(key)}
          onSelect={(id) => session.goTo(id)}
          onAccept={(id) => session.accept(id)}
          onRejecting={(id) => session.chooseRejectReason(id)}
          onEdit={(id) => void session.startEdit(id)}
          onRemove={(id) => session.store.removeAddedLesion(id)}
          renderRejectChooser={(candidate) => (
            <RejectChooser
              candidateId={candidate.id}
              onClose={() => session.chooseRejectReason(null)}
              onReject={(reason, note) => session.reject(candidate.id, reason, note)}
            />
          )}
        />
      )}
      <ReviewHelp />
    </PanelSection>
  );
}

/** Keys and what happens to the review when the reader leaves, folded away by default. */
function ReviewHelp() {
  return (
    <details className="dtl-help" data-testid="dotatate-review-help">
      <summary>Keys and saving</summary>
      <ul className="dtl-list-plain">
        <li>Shift+N / Shift+P: next / previous pending; Shift+A accept; Shift+R reject; Shift+Z undo; Shift+Y redo; Shift+L add a lesion.</li>
        <li>✎ edits a boundary: paint on the PET with the left button (Eraser removes), then Done. The lesion's statistics follow and it is marked edited.</li>
        <li>
          The review is kept in this browser tab. Closing or reloading the tab with unsaved decisions asks first. Leaving the mode inside the viewer cannot be stopped in
          this OHIF version: the review is kept and a notification says what was left.
        </li>
      </ul>
    </details>
  );
}
