import type { ModuleGetterParams } from './adapter/ohifTypes';
import { createBrowserEnvironment } from './adapter/browserEnvironment';
import { configureReviewEnvironment } from './adapter/sessionRegistry';
import commandsModule from './commandsModule';
import getHangingProtocolModule from './getHangingProtocolModule';
import getPanelModule from './getPanelModule';
import { registerHangingProtocolAttributes } from './hangingProtocol/customAttributes';
import { id } from './id';
import { injectPanelStyles } from './styles/injectPanelStyles';

/** The OHIF extension: it only wires the module getters. */
const dotatateLiverExtension = {
  id,
  preRegistration({ servicesManager }: ModuleGetterParams) {
    registerHangingProtocolAttributes(servicesManager.services.hangingProtocolService);
    injectPanelStyles();
    configureReviewEnvironment(createBrowserEnvironment);
  },
  getPanelModule,
  getCommandsModule: commandsModule,
  getHangingProtocolModule,
};

export default dotatateLiverExtension;
