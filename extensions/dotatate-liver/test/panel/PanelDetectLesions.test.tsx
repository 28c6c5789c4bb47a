/**
 * @jest-environment jsdom
 *
 * Renders the panel with react-dom in jsdom against fake OHIF services that publish OHIF's events,
 * and the extension's real commands module behind a minimal commands manager.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { CommandsManagerLike } from '../../src/adapter/ohifTypes';
import commandsModule from '../../src/commandsModule';
import getPanelModule from '../../src/getPanelModule';
import { FakeDisplaySetService, FakeViewportGridService, type FakeDisplaySet } from '../../../../test/integration/helpers/fakeViewerServices';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const pet: FakeDisplaySet = {
  displaySetInstanceUID: 'pt',
  Modality: 'PT',
  SeriesDescription: 'PET WB DOTATATE AC',
  numImageFrames: 221,
  instances: [{ RadiopharmaceuticalInformationSequence: [{ Radiopharmaceutical: 'Ga-68 DOTATATE' }], Units: 'BQML' }],
};
const ct: FakeDisplaySet = { displaySetInstanceUID: 'ct', Modality: 'CT', SeriesDescription: 'CT WB 3mm', numImageFrames: 300, instances: [{}] };

function setup() {
  const viewportGridService = new FakeViewportGridService();
  const displaySetService = new FakeDisplaySetService();
  const servicesManager = { services: { viewportGridService, displaySetService } };
  const extensionManager = { getModuleEntry: () => undefined };
  const commandsManager: CommandsManagerLike = {
    runCommand: (name: string) => {
      const definition = commandsModule({ servicesManager, commandsManager, extensionManager }).definitions[name];
      return definition?.commandFn();
    },
  };
  const [panelEntry] = getPanelModule({ servicesManager, commandsManager, extensionManager });
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root;
  act(() => {
    root = createRoot(container);
    root.render(<panelEntry.component />);
  });
  const text = (testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
  const unmount = () => act(() => root.unmount());
  return { viewportGridService, displaySetService, container, text, unmount };
}

afterEach(() => {
  document.body.innerHTML = '';
});

test('with no active display set it has its heading and says no PET series is active', () => {
  const { text, unmount } = setup();
  expect(text('dotatate-panel-heading')).toBe('Detect hepatic lesions');
  expect(text('dotatate-panel-message')).toMatch(/^No PET series is active\. Select the PET viewport/);
  expect(text('dotatate-series-description')).toBeNull();
  unmount();
});

test('shows the active PET display set and follows the active viewport to CT and back', () => {
  const { viewportGridService, displaySetService, text, container, unmount } = setup();
  act(() => {
    displaySetService.add(pet, ct);
    viewportGridService.setViewport('ptAxial', ['pt']);
    viewportGridService.setViewport('ctAxial', ['ct']);
    viewportGridService.setActiveViewportId('ptAxial');
  });
  expect(text('dotatate-series-description')).toBe('PET WB DOTATATE AC');
  expect(text('dotatate-number-of-slices')).toBe('221');
  expect(text('dotatate-radiopharmaceutical')).toBe('Ga-68 DOTATATE');
  expect(text('dotatate-suv-status')).toBe('not available');
  expect(text('dotatate-suv-reason')).toMatch(/missing .*PatientWeight.*relative values/);

  act(() => viewportGridService.setActiveViewportId('ctAxial'));
  expect(text('dotatate-series-description')).toBeNull();
  expect(text('dotatate-panel-message')).toMatch(/CT series \("CT WB 3mm"\), not PET/);

  const button = container.querySelector<HTMLButtonElement>('[data-testid="dotatate-activate-pet"]');
  act(() => button?.click());
  expect(viewportGridService.getActiveViewportId()).toBe('ptAxial');
  expect(text('dotatate-series-description')).toBe('PET WB DOTATATE AC');
  unmount();
});

test('cautions under the radiopharmaceutical for an FDG PET, and not for the DOTATATE PET', () => {
  const { viewportGridService, displaySetService, text, unmount } = setup();
  const fdg: FakeDisplaySet = { ...pet, displaySetInstanceUID: 'fdg', instances: [{ RadiopharmaceuticalInformationSequence: [{ Radiopharmaceutical: 'Fluorodeoxyglucose' }] }] };
  act(() => {
    displaySetService.add(pet, fdg);
    viewportGridService.setViewport('ptAxial', ['pt']);
    viewportGridService.setViewport('fdgAxial', ['fdg']);
    viewportGridService.setActiveViewportId('ptAxial');
  });
  expect(text('dotatate-tracer-caution')).toBeNull();
  act(() => viewportGridService.setActiveViewportId('fdgAxial'));
  expect(text('dotatate-tracer-caution')).toBe(
    'Radiopharmaceutical is Fluorodeoxyglucose, not a somatostatin-receptor ligand: this detector is validated for 68Ga-DOTATATE; review candidates with care.',
  );
  unmount();
});

test('unsubscribes from every service event on unmount', () => {
  const { viewportGridService, displaySetService, unmount } = setup();
  expect(viewportGridService.subscriptionCount).toBeGreaterThan(0);
  expect(displaySetService.subscriptionCount).toBeGreaterThan(0);
  unmount();
  expect(viewportGridService.subscriptionCount).toBe(0);
  expect(displaySetService.subscriptionCount).toBe(0);
});

test('says clearly when its command is not registered', () => {
  const viewportGridService = new FakeViewportGridService();
  const displaySetService = new FakeDisplaySetService();
  const commandsManager = { runCommand: () => undefined };
  const [panelEntry] = getPanelModule({
    servicesManager: { services: { viewportGridService, displaySetService } },
    commandsManager,
    extensionManager: { getModuleEntry: () => undefined },
  });
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() => root.render(<panelEntry.component />));
  expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/dotatateLiver\.describeActivePet is not registered/);
  act(() => root.unmount());
});
