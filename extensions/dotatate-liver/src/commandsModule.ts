import { describeActivePet, type ActivePetState } from './adapter/activePet';
import type { ModuleGetterParams, ViewportGridViewport } from './adapter/ohifTypes';

/** Command names, shared by the panel, hotkeys and toolbar buttons. */
export const COMMANDS = {
  describeActivePet: 'dotatateLiver.describeActivePet',
  activatePetViewport: 'dotatateLiver.activatePetViewport',
} as const;

/**
 * OHIF commands module. Commands are thin: they read services and delegate to the adapter's
 * pure functions, so a panel button, a hotkey and a test all run the same action.
 */
function commandsModule({ servicesManager }: ModuleGetterParams) {
  const { viewportGridService, displaySetService } = servicesManager.services;

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
  };

  const definitions = {
    [COMMANDS.describeActivePet]: { commandFn: actions.describeActivePet, storeContexts: [], options: {} },
    [COMMANDS.activatePetViewport]: { commandFn: actions.activatePetViewport, storeContexts: [], options: {} },
  };

  return { actions, definitions, defaultContext: 'DEFAULT' };
}

export default commandsModule;
