/**
 * The mode's lifecycle around the leave guard, with OHIF's call shapes: onModeEnter installs the
 * guard; onModeExit (which OHIF 3.13 calls without a commandsManager) removes it and then puts the
 * review aside, through the commandsManager kept from onModeEnter.
 */
import mode from '../../../../modes/dotatate-review/src/index';

function lifecycle() {
  const commands: string[] = [];
  const commandsManager = { runCommand: (name: string) => void commands.push(name) };
  const servicesManager = {
    services: {
      toolbarService: { register: () => undefined, updateSection: () => undefined },
      toolGroupService: { createToolGroupAndAddTools: () => undefined },
      customizationService: { getCustomization: () => undefined },
    },
  };
  // The cornerstone extension's tools utility, as far as creating the tool groups reads it.
  const toolNames = new Proxy({}, { get: (_target, name) => String(name) });
  const extensionManager = { getModuleEntry: () => ({ exports: { toolNames, Enums: { MouseBindings: { Primary: 1, Auxiliary: 4, Secondary: 2, Wheel: 524288 } } } }) };
  const instance = mode.modeFactory({}) as unknown as {
    onModeEnter(params: unknown): void;
    onModeExit(params: unknown): void;
  };
  return { instance, commands, commandsManager, servicesManager, extensionManager };
}

beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));

it('enter installs the guard; exit without a commandsManager removes it, then leaves the review', () => {
  const { instance, commands, commandsManager, servicesManager, extensionManager } = lifecycle();
  instance.onModeEnter({ servicesManager, extensionManager, commandsManager });
  expect(commands).toEqual(['dotatateLiver.guardLeaving']);
  instance.onModeExit({ servicesManager, extensionManager, appConfig: {} });
  expect(commands).toEqual(['dotatateLiver.guardLeaving', 'dotatateLiver.unguardLeaving', 'dotatateLiver.leaveReview']);
});

it('a second entry installs the guard again, once; each exit removes it', () => {
  const { instance, commands, commandsManager, servicesManager, extensionManager } = lifecycle();
  for (let entry = 0; entry < 2; entry++) {
    instance.onModeEnter({ servicesManager, extensionManager, commandsManager });
    instance.onModeExit({ servicesManager });
  }
  expect(commands.filter((name) => name === 'dotatateLiver.guardLeaving')).toHaveLength(2);
  expect(commands.filter((name) => name === 'dotatateLiver.unguardLeaving')).toHaveLength(2);
  // A stray exit with no entry before it runs nothing.
  instance.onModeExit({ servicesManager });
  expect(commands).toHaveLength(6);
});
