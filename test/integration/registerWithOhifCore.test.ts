/**
 * @jest-environment jsdom
 *
 * Registers the built extension and mode (dist/index.umd.js, loaded as a browser script) with the
 * real published @ohif/core 3.13.2 managers and hanging protocol service.
 */
jest.mock('@cornerstonejs/core', () => require('./helpers/cornerstoneStub').cornerstoneStub('@cornerstonejs/core'));
jest.mock('@cornerstonejs/metadata', () => require('./helpers/cornerstoneStub').cornerstoneStub('@cornerstonejs/metadata'));

import { loadUmdBundle, publishHostGlobals } from './helpers/loadUmdBundle';
import { FakeDisplaySetService, FakeViewportGridService } from './helpers/fakeViewerServices';
import { ctOnlyStudy, defaultProtocol, ohifHostExtensions, petCtStudy, petOnlyStudy } from './helpers/ohifFixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- @ohif/core ships no type declarations
const ohifCore: any = require('@ohif/core');

interface ModuleEntry {
  name: string;
}

beforeAll(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'debug').mockImplementation(() => undefined);
  // OHIF's protocol engine logs every matching step; the assertions below say what matters.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  publishHostGlobals();
});

async function createViewer() {
  const commandsManager = new ohifCore.CommandsManager();
  const servicesManager = new ohifCore.ServicesManager(commandsManager);
  servicesManager.registerService(ohifCore.HangingProtocolService.REGISTRATION);
  const viewportGridService = new FakeViewportGridService();
  const displaySetService = new FakeDisplaySetService();
  Object.assign(servicesManager.services, { viewportGridService, displaySetService });
  const extensionManager = new ohifCore.ExtensionManager({
    commandsManager,
    servicesManager,
    appConfig: {},
  });
  const extension = loadUmdBundle('extensions/dotatate-liver');
  await extensionManager.registerExtensions([...ohifHostExtensions, extension.plugin]);
  return { commandsManager, servicesManager, extensionManager, viewportGridService, displaySetService, extension };
}

describe('extension registered with @ohif/core 3.13.2', () => {
  test('its id is the package name and every module resolves under <id>.<moduleType>.<name>', async () => {
    const { extensionManager, extension } = await createViewer();
    expect(extension.plugin.id).toBe('ohif-extension-dotatate-liver');
    expect(extensionManager.getRegisteredExtensionIds()).toContain(extension.packageName);
    const getterParams = { servicesManager: {}, commandsManager: {}, extensionManager: {} };
    const panels = (extension.plugin.getPanelModule as (params: unknown) => ModuleEntry[])({
      ...getterParams,
      servicesManager: { services: {} },
    });
    expect(panels.map(panel => panel.name)).toEqual(['detectHepaticLesions']);
    for (const panel of panels) {
      const entry = extensionManager.getModuleEntry(`${extension.packageName}.panelModule.${panel.name}`);
      expect(entry).toMatchObject({ name: panel.name, label: 'Detect hepatic lesions' });
      expect(typeof entry.component).toBe('function');
    }
  });

  test('the command describes the active PET display set through commandsManager.runCommand', async () => {
    const { commandsManager, viewportGridService, displaySetService } = await createViewer();
    const { displaySets } = petCtStudy();
    displaySetService.add(...displaySets);
    viewportGridService.setViewport('fused', [displaySets[1].displaySetInstanceUID, displaySets[2].displaySetInstanceUID]);
    viewportGridService.setViewport('ct', [displaySets[1].displaySetInstanceUID]);

    viewportGridService.setActiveViewportId('fused');
    const fused = commandsManager.runCommand('dotatateLiver.describeActivePet');
    expect(fused.kind).toBe('pet');
    expect(fused.description).toMatchObject({
      seriesDescription: 'PET WB DOTATATE AC',
      numberOfSlices: 220,
      radiopharmaceutical: 'Ga-68 DOTATATE',
      suvScalingAvailable: true,
    });

    viewportGridService.setActiveViewportId('ct');
    expect(commandsManager.runCommand('dotatateLiver.describeActivePet').kind).toBe('not-pet');
    expect(commandsManager.runCommand('dotatateLiver.activatePetViewport')).toBe('fused');
    expect(viewportGridService.getActiveViewportId()).toBe('fused');
  });
});

describe('hanging protocol in the real HangingProtocolService', () => {
  const protocolId = 'ohif-extension-dotatate-liver.hangingProtocolModule.petCt';

  async function runProtocol(fixture: ReturnType<typeof petCtStudy>, explicitProtocolId?: string) {
    const { servicesManager } = await createViewer();
    const { hangingProtocolService } = servicesManager.services;
    hangingProtocolService.addProtocol('default', defaultProtocol);
    hangingProtocolService.run({ studies: [fixture.study], activeStudy: fixture.study, displaySets: fixture.displaySets }, explicitProtocolId);
    return hangingProtocolService.getActiveProtocol();
  }

  function viewportDisplaySets(active: { viewportMatchDetails: Map<string, { displaySetsInfo: { displaySetInstanceUID?: string }[] }> }) {
    return Object.fromEntries(
      [...active.viewportMatchDetails.entries()].map(([viewportId, details]) => [
        viewportId,
        details.displaySetsInfo.map(info => info.displaySetInstanceUID),
      ]),
    );
  }

  test('is registered under its id', async () => {
    const { servicesManager } = await createViewer();
    expect(servicesManager.services.hangingProtocolService.getProtocolById(protocolId).id).toBe(protocolId);
  });

  test('a PET/CT study gets the 2x2 stage: PET, CT, PET over CT, PET MIP, with the longest series', async () => {
    const fixture = petCtStudy();
    const active = await runProtocol(fixture);
    expect(active.protocol.id).toBe(protocolId);
    expect(active.stage.id).toBe('pet-ct-2x2');
    const [, ctLong, petLong] = fixture.displaySets.map(displaySet => displaySet.displaySetInstanceUID);
    expect(viewportDisplaySets(active)).toEqual({
      dotatatePtAxial: [petLong],
      dotatateCtAxial: [ctLong],
      dotatateFusionAxial: [ctLong, petLong],
      dotatatePtMip: [petLong],
    });
    const mip = active.stage.viewports.find((viewport: { viewportOptions: { viewportId: string } }) => viewport.viewportOptions.viewportId === 'dotatatePtMip');
    expect(mip.displaySets[0].options).toMatchObject({ blendMode: 'MIP', slabThickness: 'fullVolume' });
  });

  test('a PET-only study gets the PET-only stage, also when the protocol is named explicitly as the mode does', async () => {
    for (const explicit of [undefined, protocolId]) {
      const fixture = petOnlyStudy();
      const active = await runProtocol(fixture, explicit);
      expect(active.protocol.id).toBe(protocolId);
      expect(active.stage.id).toBe('pet-only');
      expect(viewportDisplaySets(active)).toEqual({
        dotatatePtAxial: [fixture.displaySets[0].displaySetInstanceUID],
        dotatatePtMip: [fixture.displaySets[0].displaySetInstanceUID],
      });
    }
  });

  test('a CT-only study does not match it (the engine falls back to the default protocol)', async () => {
    const active = await runProtocol(ctOnlyStudy());
    expect(active.protocol.id).toBe('default');
  });
});

describe('mode with the extension and OHIF 3.13.2 module names', () => {
  async function createMode() {
    const viewer = await createViewer();
    const mode = loadUmdBundle('modes/dotatate-review');
    const modeObject = mode.plugin as { id: string; modeFactory: (params: unknown) => Record<string, unknown>; extensionDependencies: Record<string, string> };
    return { ...viewer, mode, modeObject, instance: modeObject.modeFactory({ modeConfiguration: {} }) };
  }

  test('has the contract shape and is offered only for studies with PT', async () => {
    const { mode, modeObject, instance } = await createMode();
    expect(modeObject.id).toBe('ohif-mode-dotatate-review');
    expect(mode.packageName).toBe(modeObject.id);
    expect(instance).toMatchObject({ id: modeObject.id, routeName: 'dotatate-review', displayName: 'DOTATATE liver review' });
    const isValidMode = instance.isValidMode as (params: { modalities: string }) => { valid: boolean; description: string };
    expect(isValidMode({ modalities: 'CT\\PT' }).valid).toBe(true);
    expect(isValidMode({ modalities: 'PT' }).valid).toBe(true);
    const ctOnly = isValidMode({ modalities: 'CT\\SEG' });
    expect(ctOnly.valid).toBe(false);
    expect(ctOnly.description).toMatch(/PET/);
    expect(Object.keys(modeObject.extensionDependencies)).toContain('ohif-extension-dotatate-liver');
  });

  test('every module id it refers to resolves, and its hanging protocol is registered', async () => {
    const { instance, extensionManager, servicesManager } = await createMode();
    const routes = instance.routes as { path: string; layoutTemplate: () => { id: string; props: Record<string, unknown> } }[];
    expect(routes.map(route => route.path)).toEqual(['dotatate-review']);
    const layout = routes[0].layoutTemplate();
    const props = layout.props as { leftPanels: string[]; rightPanels: string[]; viewports: { namespace: string; displaySetsToDisplay: string[] }[] };
    const referenced = [
      layout.id,
      ...props.leftPanels,
      ...props.rightPanels,
      ...props.viewports.flatMap(viewport => [viewport.namespace, ...viewport.displaySetsToDisplay]),
      ...(instance.sopClassHandlers as string[]),
    ];
    expect(props.rightPanels).toEqual([
      'ohif-extension-dotatate-liver.panelModule.detectHepaticLesions',
      '@ohif/extension-cornerstone.panelModule.panelSegmentation',
    ]);
    const unresolved = referenced.filter(moduleId => !extensionManager.getModuleEntry(moduleId));
    expect(unresolved).toEqual([]);
    const protocol = servicesManager.services.hangingProtocolService.getProtocolById(instance.hangingProtocol);
    expect(protocol.id).toBe(instance.hangingProtocol);
    for (const extensionId of Object.keys(instance.extensions as Record<string, string>)) {
      expect(extensionManager.getRegisteredExtensionIds()).toContain(extensionId);
    }
  });

  test('onModeEnter creates every tool group the protocol uses and registers the default toolbar; onModeExit cleans up', async () => {
    const { instance, extensionManager, commandsManager, servicesManager, viewportGridService } = await createMode();
    const createdToolGroups: string[] = [];
    const toolNamesUsed: unknown[] = [];
    const destroyed: string[] = [];
    const registeredButtons: unknown[] = [];
    const sections: Record<string, string[]> = {};
    const destroyable = (name: string) => ({ destroy: () => destroyed.push(name) });
    Object.assign(servicesManager.services, {
      toolGroupService: {
        createToolGroupAndAddTools: (toolGroupId: string, tools: Record<string, { toolName?: unknown }[]>) => {
          createdToolGroups.push(toolGroupId);
          Object.values(tools).forEach(list => list.forEach(tool => toolNamesUsed.push(tool.toolName)));
        },
        destroy: () => destroyed.push('toolGroupService'),
      },
      toolbarService: { register: (buttons: unknown[]) => registeredButtons.push(...buttons), updateSection: (id: string, ids: string[]) => (sections[id] = ids) },
      customizationService: {
        getCustomization: (key: string) =>
          key === 'toolbarButtons' ? [[{ id: 'Zoom' }, { id: 'Pan' }]] : key === 'toolbarSections' ? [{ primary: ['Zoom', 'Pan'] }] : undefined,
      },
      syncGroupService: destroyable('syncGroupService'),
      segmentationService: destroyable('segmentationService'),
      cornerstoneViewportService: destroyable('cornerstoneViewportService'),
      uiDialogService: { hideAll: () => destroyed.push('dialogs') },
      uiModalService: { hide: () => destroyed.push('modal') },
    });
    expect(instance.toolbarButtons).toEqual([{ $reference: 'cornerstone.toolbarButtons' }]);
    const subscriptionsBefore = viewportGridService.subscriptionCount;
    (instance.onModeEnter as (params: unknown) => void)({ servicesManager, extensionManager, commandsManager });
    expect(viewportGridService.subscriptionCount).toBe(subscriptionsBefore + 1);

    const protocol = servicesManager.services.hangingProtocolService.getProtocolById(instance.hangingProtocol);
    const usedToolGroups = new Set<string>(
      protocol.stages.flatMap((stage: { viewports: { viewportOptions: { toolGroupId: string } }[] }) =>
        stage.viewports.map(viewport => viewport.viewportOptions.toolGroupId),
      ),
    );
    expect([...usedToolGroups].filter(toolGroupId => !createdToolGroups.includes(toolGroupId))).toEqual([]);
    // Every tool is named by a key OHIF 3.13.2's cornerstone tools utility defines.
    expect(toolNamesUsed.length).toBeGreaterThan(10);
    expect(toolNamesUsed.filter(toolName => typeof toolName !== 'string')).toEqual([]);
    expect(registeredButtons).toEqual([{ id: 'Zoom' }, { id: 'Pan' }]);
    expect(sections).toEqual({ primary: ['Zoom', 'Pan'] });

    (instance.onModeExit as (params: unknown) => void)({ servicesManager });
    expect(viewportGridService.subscriptionCount).toBe(subscriptionsBefore);
    expect(destroyed).toEqual(expect.arrayContaining(['toolGroupService', 'syncGroupService', 'segmentationService', 'cornerstoneViewportService']));
  });
});
