import type { ModuleGetterParams } from './adapter/ohifTypes';
import { createBrowserEnvironment } from './adapter/browserEnvironment';
import { windowEventGate } from './adapter/windowEventGate';
import { configureReviewEnvironment } from './adapter/sessionRegistry';
import commandsModule from './commandsModule';
import getHangingProtocolModule from './getHangingProtocolModule';
import getPanelModule from './getPanelModule';
import { registerHangingProtocolAttributes } from './hangingProtocol/customAttributes';
import { id } from './id';
import { injectPanelStyles } from './styles/injectPanelStyles';
import { viewerModelLocation } from './worker/createBrowserWorker';
import { setModelLocator } from './worker/modelAvailability';
import { configureModelLocation, modelConfigurationFrom } from './worker/modelLocation';

/** The OHIF extension: it only wires the module getters. */
const dotatateLiverExtension = {
  id,
  /** `modelManifestUrl`: a hospital's own U-Net manifest (default: the shipped model). */
  preRegistration({ servicesManager, configuration, appConfig }: ModuleGetterParams) {
    configureModelLocation(modelConfigurationFrom(configuration, appConfig, id));
    setModelLocator(viewerModelLocation);
    registerHangingProtocolAttributes(servicesManager.services.hangingProtocolService);
    injectPanelStyles();
    configureReviewEnvironment(createBrowserEnvironment);
    // Before OHIF's router listens for Back, so the mode's leave guard can ask first.
    windowEventGate();
  },
  getPanelModule,
  getCommandsModule: commandsModule,
  getHangingProtocolModule,
};

export default dotatateLiverExtension;
