import { describeActivePet, type ActivePetState } from './adapter/activePet';
import type { ModuleGetterParams, ViewportGridViewport } from './adapter/ohifTypes';
import { endReviewSession, getReviewSession } from './adapter/sessionRegistry';
import type { EditTool, ReviewSession } from './adapter/reviewSession';
import { reportCommandDefinitions } from './adapter/report/reportCommands';
import { leaveGuardCommandDefinitions } from './adapter/leaveGuardCommands';
import { REJECTION_REASONS, type RejectionReason } from './state/reviewTypes';

/** Command names, shared by the panel, hotkeys and toolbar buttons. */
export const COMMANDS = {
  describeActivePet: 'dotatateLiver.describeActivePet',
  activatePetViewport: 'dotatateLiver.activatePetViewport',
  runDetection: 'dotatateLiver.runDetection',
  cancelDetection: 'dotatateLiver.cancelDetection',
  nextCandidate: 'dotatateLiver.nextCandidate',
  previousCandidate: 'dotatateLiver.previousCandidate',
  acceptCandidate: 'dotatateLiver.acceptCandidate',
  rejectCandidate: 'dotatateLiver.rejectCandidate',
  undoDecision: 'dotatateLiver.undoDecision',
  redoDecision: 'dotatateLiver.redoDecision',
  addLesion: 'dotatateLiver.addLesion',
  editCandidate: 'dotatateLiver.editCandidate',
  setEditTool: 'dotatateLiver.setEditTool',
  finishEdit: 'dotatateLiver.finishEdit',
  editLiver: 'dotatateLiver.editLiver',
  applyLiverEdit: 'dotatateLiver.applyLiverEdit',
  cancelLiverEdit: 'dotatateLiver.cancelLiverEdit',
  leaveReview: 'dotatateLiver.leaveReview',
} as const;

/** The OHIF notification the reader sees after leaving the mode with unfinished work. */
export const LEFT_WITH_UNSAVED_WORK = {
  title: 'Lesion review not finished',
  message:
    'Undecided candidates or decisions without a stored report were left. The review is kept in this browser tab: open the study in the DOTATATE mode again to go on.',
};

interface NotificationServiceLike {
  show(notification: { title: string; message: string; type: 'warning' | 'error' | 'info' | 'success'; duration?: number }): void;
}

/**
 * OHIF commands module. Commands are thin: they read services and delegate to the adapter's
 * pure functions or the review session, so a panel button, a hotkey and a test all run the same action.
 */
function commandsModule({ servicesManager, extensionManager }: ModuleGetterParams) {
  const { viewportGridService, displaySetService } = servicesManager.services;
  const withSession = <T>(action: (session: ReviewSession) => T): T | null => {
    const session = getReviewSession(servicesManager);
    return session ? action(session) : null;
  };

  const actions = {
    /** Describes the active viewport's PET display set (or says why there is none). */
    describeActivePet: (): ActivePetState => describeActivePet(viewportGridService, displaySetService),

    /** Makes the first viewport that shows a PT display set active; returns its id, or null if none. */
    activatePetViewport: (): string | null => {
      const { viewports } = viewportGridService.getState();
      const entries: [string, ViewportGridViewport][] =
        viewports instanceof Map ? [...viewports.entries()] : Object.entries(viewports ?? {});
      for (const [viewportId, viewport] of entries) {
        const showsPet = (viewport.displaySetInstanceUIDs ?? []).some(
          uid => String(displaySetService.getDisplaySetByUID(uid)?.Modality ?? '').toUpperCase() === 'PT',
        );
        if (showsPet) {
          viewportGridService.setActiveViewportId?.(viewport.viewportId ?? viewportId);
          return viewport.viewportId ?? viewportId;
        }
      }
      return null;
    },
    runDetection: () => withSession(session => session.run()),
    cancelDetection: () => withSession(session => session.cancel()),
    /** Selects the next pending candidate and centres the viewports on it; returns its id. */
    nextCandidate: () => withSession(session => session.goToPending('next')),
    previousCandidate: () => withSession(session => session.goToPending('previous')),
    acceptCandidate: ({ id }: { id?: number } = {}) => withSession(session => session.accept(id)),
    /** With a reason, rejects; without one, opens the reason chooser of the selected candidate. */
    rejectCandidate: ({ id, reason, note }: { id?: number; reason?: RejectionReason; note?: string } = {}) =>
      withSession(session =>
        reason && REJECTION_REASONS.includes(reason) ? session.reject(id, reason, note) : session.chooseRejectReason(id),
      ),
    undoDecision: () => withSession(session => session.store.undo()),
    redoDecision: () => withSession(session => session.store.redo()),
    addLesion: () => withSession(session => session.armAddLesion()),
    /** Opens a brush edit of a candidate's boundary (no id: the selected one). */
    editCandidate: ({ id }: { id?: number } = {}) => withSession(session => session.startEdit(id)),
    setEditTool: ({ tool }: { tool?: EditTool } = {}) =>
      withSession(session => (tool === 'brush' || tool === 'eraser' ? session.setEditTool(tool) : undefined)),
    finishEdit: () => withSession(session => session.finishEdit()),
    /** Opens the brush edit of the liver mask; Apply re-runs detection with the painted liver, Cancel drops it. */
    editLiver: () => withSession(session => session.startLiverEdit()),
    applyLiverEdit: () => withSession(session => session.applyLiverEdit()),
    cancelLiverEdit: () => withSession(session => session.cancelLiverEdit()),
    /**
     * The mode's onModeExit: OHIF 3.13 cannot hold a route change, so the review is saved to
     * sessionStorage, a notification tells the reader what was left, and the session ends.
     */
    leaveReview: () => {
      const session = getReviewSession(servicesManager);
      if (!session) return null;
      const outcome = session.leave();
      endReviewSession(servicesManager);
      if (outcome.unsavedWork) {
        const notifications = servicesManager.services.uiNotificationService as NotificationServiceLike | undefined;
        notifications?.show({
          ...LEFT_WITH_UNSAVED_WORK,
          message: outcome.saved ? LEFT_WITH_UNSAVED_WORK.message : 'Undecided candidates or unreported decisions were left, and this browser could not keep the review.',
          type: 'warning',
          duration: 10_000,
        });
      }
      return outcome;
    },
  };

  type CommandFn = (options?: Record<string, unknown>) => unknown;
  const definition = (commandFn: CommandFn) => ({ commandFn, storeContexts: [] as string[], options: {} });
  const definitions: Record<string, ReturnType<typeof definition>> = {
    [COMMANDS.describeActivePet]: definition(actions.describeActivePet),
    [COMMANDS.activatePetViewport]: definition(actions.activatePetViewport),
    [COMMANDS.runDetection]: definition(actions.runDetection),
    [COMMANDS.cancelDetection]: definition(actions.cancelDetection),
    [COMMANDS.nextCandidate]: definition(actions.nextCandidate),
    [COMMANDS.previousCandidate]: definition(actions.previousCandidate),
    [COMMANDS.acceptCandidate]: definition(options => actions.acceptCandidate(options as { id?: number })),
    [COMMANDS.rejectCandidate]: definition(options => actions.rejectCandidate(options as { id?: number; reason?: RejectionReason; note?: string })),
    [COMMANDS.undoDecision]: definition(actions.undoDecision),
    [COMMANDS.redoDecision]: definition(actions.redoDecision),
    [COMMANDS.addLesion]: definition(actions.addLesion),
    [COMMANDS.editCandidate]: definition(options => actions.editCandidate(options as { id?: number })),
    [COMMANDS.setEditTool]: definition(options => actions.setEditTool(options as { tool?: EditTool })),
    [COMMANDS.finishEdit]: definition(actions.finishEdit),
    [COMMANDS.editLiver]: definition(actions.editLiver),
    [COMMANDS.applyLiverEdit]: definition(actions.applyLiverEdit),
    [COMMANDS.cancelLiverEdit]: definition(actions.cancelLiverEdit),
    [COMMANDS.leaveReview]: definition(actions.leaveReview),
    // dotatateLiver.createReport and dotatateLiver.reportWorkflow, on this session's review.
    ...reportCommandDefinitions({ servicesManager, extensionManager }, () => getReviewSession(servicesManager)?.store ?? null),
    // dotatateLiver.guardLeaving and dotatateLiver.unguardLeaving: the mode's ask-before-leaving guard.
    ...leaveGuardCommandDefinitions({ servicesManager }, () => getReviewSession(servicesManager)?.store ?? null),
  };

  return { actions, definitions, defaultContext: 'DEFAULT' };
}

export default commandsModule;
