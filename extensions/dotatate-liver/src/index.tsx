import type { ModuleGetterParams } from './adapter/ohifTypes';
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
  },
  getPanelModule,
  getCommandsModule: commandsModule,
  getHangingProtocolModule,
};

export default dotatateLiverExtension;
