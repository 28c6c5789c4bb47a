import { activatePrimaryTool, type ToolGroupLike } from '../../src/adapter/primaryTool';

/** A tool group that records which tool holds the left button, as cornerstone's does. */
function toolGroup(id: string, tools: string[], primary: string | undefined): ToolGroupLike & { primary: string | undefined; passive: Set<string> } {
  const group = {
    id,
    primary,
    passive: new Set<string>(),
    hasTool: (name: string) => tools.includes(name),
    getActivePrimaryMouseButtonTool: () => group.primary,
    setToolActive(name: string, options: { bindings: { mouseButton: number }[] }) {
      if (options.bindings.some((binding) => binding.mouseButton === 1)) group.primary = name;
      group.passive.delete(name);
    },
    setToolPassive(name: string) {
      if (group.primary === name) group.primary = undefined;
      group.passive.add(name);
    },
  };
  return group;
}

test('the brush takes the left button of every PET viewport tool group; restore gives window/level back', () => {
  const mpr = toolGroup('mpr', ['WindowLevel', 'CircularBrush'], 'WindowLevel');
  const service = { getToolGroupForViewport: (viewportId: string) => (viewportId === 'mip' ? undefined : mpr) };
  const activation = activatePrimaryTool(service, ['pet', 'fused', 'mip'], 'CircularBrush');
  expect(activation.applied).toBe(true);
  expect(mpr.primary).toBe('CircularBrush');
  expect(mpr.passive.has('WindowLevel')).toBe(true);
  if (activation.applied) activation.restore();
  expect(mpr.primary).toBe('WindowLevel');
  expect(mpr.passive.has('CircularBrush')).toBe(true);
});

test('restore leaves a tool the reader picked meanwhile from the toolbar', () => {
  const mpr = toolGroup('mpr', ['WindowLevel', 'Zoom', 'CircularBrush'], 'WindowLevel');
  const activation = activatePrimaryTool({ getToolGroupForViewport: () => mpr }, ['pet'], 'CircularBrush');
  mpr.setToolActive('Zoom', { bindings: [{ mouseButton: 1 }] });
  if (activation.applied) activation.restore();
  expect(mpr.primary).toBe('Zoom');
});

test('a tool group without the brush, or no viewport on screen, is refused with the reason and changes nothing', () => {
  const mpr = toolGroup('mpr', ['WindowLevel'], 'WindowLevel');
  const missing = activatePrimaryTool({ getToolGroupForViewport: () => mpr }, ['pet'], 'CircularBrush');
  expect(missing).toEqual({ applied: false, reason: expect.stringMatching(/"mpr" .* has no CircularBrush tool; the mode must add it/) });
  expect(mpr.primary).toBe('WindowLevel');
  expect(activatePrimaryTool({ getToolGroupForViewport: () => undefined }, ['pet'], 'CircularBrush')).toEqual({ applied: false, reason: 'No PET viewport is on screen to paint on.' });
  expect(activatePrimaryTool(undefined, ['pet'], 'CircularBrush').applied).toBe(false);
});
