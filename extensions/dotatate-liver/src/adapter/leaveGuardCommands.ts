/**
 * The leave guard's OHIF commands, spread into the extension's commands module. The mode runs them
 * from its lifecycle:
 * - `dotatateLiver.guardLeaving` (onModeEnter): installs the guard for this OHIF services instance,
 *   replacing one left from an earlier entry, so exactly one is active;
 * - `dotatateLiver.unguardLeaving` (onModeExit, before `dotatateLiver.leaveReview`): removes it.
 * The question is OHIF's own modal (uiModalService) with our LeaveQuestion as its content.
 */
import { LeaveQuestion } from '../components/LeaveQuestion';
import type { ReviewStore } from '../state/reviewStore';
import { installLeaveGuard, type LeaveChoice, type LeaveGuard, type LeaveGuardWindow, type UnsavedWork } from './leaveGuard';
import type { ModuleGetterParams, ServicesManagerLike } from './ohifTypes';
import { describeUnsavedWork, LEAVE_QUESTION, unsavedWorkSentence } from './unsavedWork';
import { windowEventGate, type WindowEventGate } from './windowEventGate';

export const LEAVE_GUARD_COMMANDS = {
  guardLeaving: 'dotatateLiver.guardLeaving',
  unguardLeaving: 'dotatateLiver.unguardLeaving',
} as const;

/** OHIF's UIModalService (3.13): the content component gets `contentProps` plus `hide`. */
export interface UiModalServiceLike {
  show(options: {
    content: unknown;
    contentProps?: Record<string, unknown>;
    title?: string;
    shouldCloseOnEsc?: boolean;
    shouldCloseOnOverlayClick?: boolean;
    containerClassName?: string;
  }): void;
  hide(): void;
}

const guards = new WeakMap<object, LeaveGuard>();

/** Asks in OHIF's modal; any way the modal closes without "Leave" is "Stay". */
export function askInModal(modal: UiModalServiceLike): (work: UnsavedWork) => Promise<LeaveChoice> {
  return (work) =>
    new Promise<LeaveChoice>((resolve) => {
      let answered = false;
      const answer = (choice: LeaveChoice) => {
        if (answered) return;
        answered = true;
        resolve(choice);
      };
      modal.show({
        title: LEAVE_QUESTION.title,
        content: LeaveQuestion,
        contentProps: {
          work,
          onChoose: (choice: LeaveChoice) => {
            answer(choice);
            modal.hide();
          },
          onDismissed: () => answer('stay'),
        },
        shouldCloseOnEsc: true,
        shouldCloseOnOverlayClick: false,
        containerClassName: 'max-w-md',
      });
    });
}

/** Without OHIF's modal (a host that lacks it), the browser's own confirm box asks. */
function askInConfirmBox(work: UnsavedWork): Promise<LeaveChoice> {
  const leave = window.confirm(`${LEAVE_QUESTION.title}\n\nThis review has ${unsavedWorkSentence(work)}.\n${LEAVE_QUESTION.kept}`);
  return Promise.resolve(leave ? 'leave' : 'stay');
}

/** Installs the guard for this services instance (replacing an earlier one); null outside a browser. */
export function guardLeavingFor(
  servicesManager: ServicesManagerLike,
  getReviewStore: () => ReviewStore | null,
  browserWindow: LeaveGuardWindow | undefined = typeof window === 'undefined' ? undefined : window,
  gate: WindowEventGate | null = windowEventGate(),
): LeaveGuard | null {
  unguardLeavingFor(servicesManager);
  if (!browserWindow || !gate) return null;
  const modal = servicesManager.services.uiModalService as UiModalServiceLike | undefined;
  const guard = installLeaveGuard({
    window: browserWindow,
    gate,
    unsavedWork: () => {
      const store = getReviewStore();
      return store ? describeUnsavedWork(store.getState()) : null;
    },
    ask: modal && typeof modal.show === 'function' ? askInModal(modal) : askInConfirmBox,
  });
  guards.set(servicesManager.services, guard);
  return guard;
}

/** Removes the guard of this services instance, if any. */
export function unguardLeavingFor(servicesManager: ServicesManagerLike): void {
  guards.get(servicesManager.services)?.remove();
  guards.delete(servicesManager.services);
}

type CommandDefinition = { commandFn: (options?: Record<string, unknown>) => unknown; storeContexts: string[]; options: Record<string, unknown> };

/**
 * @param getReviewStore the review store of the current session, or null when none exists yet
 */
export function leaveGuardCommandDefinitions(
  { servicesManager }: Pick<ModuleGetterParams, 'servicesManager'>,
  getReviewStore: () => ReviewStore | null,
): Record<string, CommandDefinition> {
  const definition = (commandFn: CommandDefinition['commandFn']): CommandDefinition => ({ commandFn, storeContexts: [], options: {} });
  return {
    [LEAVE_GUARD_COMMANDS.guardLeaving]: definition(() => guardLeavingFor(servicesManager, getReviewStore) !== null),
    [LEAVE_GUARD_COMMANDS.unguardLeaving]: definition(() => unguardLeavingFor(servicesManager)),
  };
}
