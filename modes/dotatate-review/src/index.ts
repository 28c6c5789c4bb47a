import { peerDependencies } from '../package.json';
import { hotkeyCustomizations } from './hotkeys';
import { id } from './id';
import { initToolGroups, type ToolGroupServiceLike } from './initToolGroups';
import { cornerstone, dicomSeg, dicomSr, dotatateLiver, EXTENSION_ID, ohif } from './moduleIds';
import {
  registerDefaultToolbar,
  toolbarButtonReferences,
  toolbarSectionReferences,
  type CustomizationServiceLike,
  type ToolbarServiceLike,
} from './toolbar';

/** Extensions the mode needs, with the version ranges it was built against. */
export const extensionDependencies: Record<string, string> = {
  '@ohif/extension-default': '^3.0.0',
  '@ohif/extension-cornerstone': '^3.0.0',
  '@ohif/extension-cornerstone-dicom-seg': '^3.0.0',
  '@ohif/extension-cornerstone-dicom-sr': '^3.0.0',
  [EXTENSION_ID]: peerDependencies[EXTENSION_ID],
};

/** SEG and SR first: OHIF asks handlers in order and the stack handler is the most general. */
export const sopClassHandlers = [dicomSeg.sopClassHandler, dicomSr.sopClassHandler3D, dicomSr.sopClassHandler, ohif.sopClassHandler];

/** The mode is offered only for studies that contain a PET series. */
export function isValidMode({ modalities }: { modalities?: string }) {
  const modalityList = (modalities ?? '').split('\\').map(modality => modality.trim().toUpperCase());
  const valid = modalityList.includes('PT');
  return {
    valid,
    description: valid
      ? 'The study has a PET (PT) series.'
      : 'DOTATATE liver review needs a PET (PT) series; this study has none.',
  };
}

interface Unsubscribe {
  unsubscribe: () => void;
}
interface Destroyable {
  destroy?: () => void;
}
/** The OHIF services the mode's lifecycle touches (structural types; OHIF ships none). */
interface ModeServices {
  measurementService?: { clearMeasurements?: () => void };
  toolbarService: ToolbarServiceLike;
  toolGroupService: ToolGroupServiceLike & Destroyable;
  customizationService: CustomizationServiceLike;
  viewportGridService?: { EVENTS?: Record<string, string>; subscribe: (eventName: string, callback: () => void) => Unsubscribe };
  syncGroupService?: Destroyable;
  segmentationService?: Destroyable;
  cornerstoneViewportService?: Destroyable;
  uiDialogService?: { hideAll?: () => void };
  uiModalService?: { hide?: () => void };
}
interface LifecycleParams {
  servicesManager: { services: ModeServices };
  extensionManager: { getModuleEntry: (moduleId: string) => unknown };
  commandsManager: { runCommand: (commandName: string, options?: Record<string, unknown>) => unknown };
}

export function layoutTemplate() {
  return {
    id: ohif.layout,
    props: {
      leftPanels: [ohif.studyBrowser],
      leftPanelResizable: true,
      leftPanelClosed: false,
      rightPanels: [dotatateLiver.panel, cornerstone.segmentationPanel],
      rightPanelClosed: false,
      rightPanelResizable: true,
      viewports: [
        { namespace: cornerstone.viewport, displaySetsToDisplay: [ohif.sopClassHandler] },
        { namespace: dicomSeg.viewport, displaySetsToDisplay: [dicomSeg.sopClassHandler] },
        { namespace: dicomSr.viewport, displaySetsToDisplay: [dicomSr.sopClassHandler, dicomSr.sopClassHandler3D] },
      ],
    },
  };
}

function modeFactory({ modeConfiguration }: { modeConfiguration?: Record<string, unknown> } = {}) {
  const subscriptions: Unsubscribe[] = [];
  /** OHIF 3.13 passes no commandsManager to onModeExit: the one from onModeEnter is kept for it. */
  let enteredCommandsManager: LifecycleParams['commandsManager'] | null = null;
  return {
    id,
    routeName: 'dotatate-review',
    displayName: 'DOTATATE liver review',
    toolbarButtons: toolbarButtonReferences,
    toolbarSections: toolbarSectionReferences,

    onModeEnter({ servicesManager, extensionManager, commandsManager }: LifecycleParams) {
      const { measurementService, toolbarService, toolGroupService, customizationService, viewportGridService } =
        servicesManager.services;
      measurementService?.clearMeasurements?.();
      enteredCommandsManager = commandsManager;
      // Ask before the reader leaves the mode in the app (header's study-list control, Back) while
      // the review holds undecided candidates or unreported decisions.
      try {
        commandsManager.runCommand('dotatateLiver.guardLeaving');
      } catch (error) {
        console.warn('DOTATATE liver review: the question before leaving the mode could not be set up', error);
      }
      initToolGroups(extensionManager, toolGroupService);
      registerDefaultToolbar(toolbarService, customizationService);

      // When the viewports are first ready, make sure the active one shows PET so the panel has
      // something to describe (the PET axial viewport is first, this covers custom layouts).
      const viewportsReady = viewportGridService?.EVENTS?.VIEWPORTS_READY;
      if (viewportsReady) {
        const subscription: Unsubscribe = viewportGridService.subscribe(viewportsReady, () => {
          subscription.unsubscribe();
          const active = commandsManager.runCommand('dotatateLiver.describeActivePet') as { kind?: string } | undefined;
          if (active && active.kind !== 'pet') {
            commandsManager.runCommand('dotatateLiver.activatePetViewport');
          }
        });
        subscriptions.push(subscription);
      }
    },

    onModeExit({ servicesManager, commandsManager: givenCommandsManager }: Pick<LifecycleParams, 'servicesManager'> & Partial<Pick<LifecycleParams, 'commandsManager'>>) {
      const commandsManager = givenCommandsManager ?? enteredCommandsManager;
      enteredCommandsManager = null;
      const {
        toolGroupService,
        syncGroupService,
        segmentationService,
        cornerstoneViewportService,
        uiDialogService,
        uiModalService,
      } = servicesManager.services;
      subscriptions.splice(0).forEach(subscription => subscription.unsubscribe());
      // The reader has left (after answering the question, if there was work): the guard goes, the
      // review is kept in sessionStorage and, with unfinished work, a notification says so.
      try {
        commandsManager?.runCommand('dotatateLiver.unguardLeaving');
      } catch (error) {
        console.warn('DOTATATE liver review: the question before leaving the mode could not be removed', error);
      }
      try {
        commandsManager?.runCommand('dotatateLiver.leaveReview');
      } catch (error) {
        console.warn('DOTATATE liver review: the review could not be put aside on leaving the mode', error);
      }
      uiDialogService?.hideAll?.();
      uiModalService?.hide?.();
      toolGroupService?.destroy?.();
      syncGroupService?.destroy?.();
      segmentationService?.destroy?.();
      cornerstoneViewportService?.destroy?.();
    },

    validationTags: { study: [], series: [] },
    isValidMode,
    routes: [{ path: 'dotatate-review', layoutTemplate }],
    extensions: extensionDependencies,
    hangingProtocol: dotatateLiver.hangingProtocol,
    modeCustomizations: hotkeyCustomizations,
    sopClassHandlers,
    ...modeConfiguration,
  };
}

/** The OHIF mode object (runtime-plugin contract: default export, id = package name). */
const mode = { id, modeFactory, extensionDependencies };

export default mode;
