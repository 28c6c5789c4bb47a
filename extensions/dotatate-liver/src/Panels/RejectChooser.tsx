import { useState } from 'react';
import { REJECTION_REASONS, REJECTION_REASON_LABELS, type RejectionReason } from '../state/reviewTypes';

/** The small inline chooser of a rejection reason ("Other" asks for a few words); Escape closes it. */
export function RejectChooser({ candidateId, onReject, onClose }: { candidateId: number; onReject: (reason: RejectionReason, note?: string) => void; onClose: () => void }) {
  const [otherNote, setOtherNote] = useState('');
  const [askingOther, setAskingOther] = useState(false);
  return (
    <div
      className="dtl-reject"
      data-testid="dotatate-reject-chooser"
      role="group"
      aria-label={`Reason for rejecting lesion ${candidateId}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <span className="dtl-reject__title">Reject {candidateId} as:</span>
      {askingOther ? (
        <form
          className="dtl-reject__other"
          onSubmit={(event) => {
            event.preventDefault();
            if (otherNote.trim()) onReject('other', otherNote.trim());
          }}
        >
          <input
            className="dtl-input"
            autoFocus
            placeholder="Why?"
            data-testid="dotatate-reject-note"
            value={otherNote}
            onChange={(event) => setOtherNote(event.target.value)}
          />
          <button type="submit" className="dtl-button dtl-button--small" disabled={!otherNote.trim()}>
            Reject
          </button>
        </form>
      ) : (
        REJECTION_REASONS.map((reason) => (
          <button
            key={reason}
            type="button"
            className="dtl-chip"
            data-testid={`dotatate-reject-${reason}`}
            onClick={() => (reason === 'other' ? setAskingOther(true) : onReject(reason))}
          >
            {REJECTION_REASON_LABELS[reason]}
          </button>
        ))
      )}
      <button type="button" className="dtl-chip dtl-chip--quiet" data-testid="dotatate-reject-close" title="Keep the decision as it is (Escape)" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}
