import type { ModuleGetterParams } from './adapter/ohifTypes';
import { PANEL_TITLE, PanelDetectLesions } from './Panels/PanelDetectLesions';

export const PANEL_NAME = 'detectHepaticLesions';

/** OHIF panel module: the "Detect hepatic lesions" side panel. */
function getPanelModule({ servicesManager, commandsManager, extensionManager }: ModuleGetterParams) {
  const WrappedPanelDetectLesions = () => (
    <PanelDetectLesions
      servicesManager={servicesManager}
      commandsManager={commandsManager}
      extensionManager={extensionManager}
    />
  );

  return [
    {
      name: PANEL_NAME,
      iconName: 'tab-segmentation',
      iconLabel: 'Liver lesions',
      label: PANEL_TITLE,
      component: WrappedPanelDetectLesions,
    },
  ];
}

export default getPanelModule;
