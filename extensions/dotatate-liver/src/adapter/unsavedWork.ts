/**
 * What leaving the mode now would leave unfinished, in counts and in the words the leave question
 * uses ("3 candidates undecided, 2 decisions not in a report").
 */
import { selectCounts, selectHasUnsavedWork, selectLatestReport } from '../state/reviewSelectors';
import { counted } from '../state/counted';
import type { ReviewState } from '../state/reviewTypes';
import type { UnsavedWork } from './leaveGuard';

/** Null when `selectHasUnsavedWork` says nothing would be lost. */
export function describeUnsavedWork(state: ReviewState): UnsavedWork | null {
  if (!selectHasUnsavedWork(state)) return null;
  const counts = selectCounts(state);
  const latest = selectLatestReport(state);
  const reported = latest !== null && latest.revision === state.revision;
  return {
    undecided: counts.pending,
    unreportedDecisions: reported ? 0 : counts.accepted + counts.rejected + counts.added,
    reportOutdated: latest !== null && !reported,
  };
}

/** "3 candidates undecided, 2 decisions not in a report" (the parts that apply). */
export function unsavedWorkSentence(work: UnsavedWork): string {
  const parts: string[] = [];
  if (work.undecided > 0) parts.push(`${counted(work.undecided, 'candidate')} undecided`);
  if (work.unreportedDecisions > 0) {
    const decisions = counted(work.unreportedDecisions, 'decision');
    parts.push(work.reportOutdated ? `the stored report out of date (${decisions})` : `${decisions} not in a report`);
  }
  return parts.join(', ');
}

export const LEAVE_QUESTION = {
  title: 'Leave the lesion review?',
  kept: 'If you leave, the review is kept in this browser tab: open the study in the DOTATATE mode again to go on.',
  stay: 'Stay',
  leave: 'Leave',
} as const;
