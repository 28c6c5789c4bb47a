import { useEffect } from 'react';
import type { LeaveChoice, UnsavedWork } from '../adapter/leaveGuard';
import { LEAVE_QUESTION, unsavedWorkSentence } from '../adapter/unsavedWork';

export interface LeaveQuestionProps {
  work: UnsavedWork;
  /** The reader's answer (called once). */
  onChoose: (choice: LeaveChoice) => void;
  /** The question went away without an answer (Esc, close button, another modal): the reader stays. */
  onDismissed: () => void;
}

/** The body of the "Leave the lesion review?" modal: what would be left, and Stay / Leave. */
export function LeaveQuestion({ work, onChoose, onDismissed }: LeaveQuestionProps) {
  useEffect(() => onDismissed, [onDismissed]);
  return (
    // The panel's theme (colours, buttons) without its own background and padding: the modal has them.
    <div className="dtl-panel" style={{ background: 'transparent', padding: 0, minHeight: 0 }} data-testid="dotatate-leave-question">
      <p data-testid="dotatate-leave-work">
        This review has {unsavedWorkSentence(work)}.
      </p>
      <p className="dtl-hint">{LEAVE_QUESTION.kept}</p>
      <div className="dtl-actions">
        <button type="button" className="dtl-button dtl-button--primary" data-testid="dotatate-leave-stay" onClick={() => onChoose('stay')} autoFocus>
          {LEAVE_QUESTION.stay}
        </button>
        <button type="button" className="dtl-button" data-testid="dotatate-leave-confirm" onClick={() => onChoose('leave')}>
          {LEAVE_QUESTION.leave}
        </button>
      </div>
    </div>
  );
}
