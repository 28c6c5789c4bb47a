/**
 * Switching the left-button tool of the viewports' cornerstone tool groups (for the brush edit of
 * a candidate), typed structurally so it runs with OHIF's toolGroupService or a test's fake.
 */
/** The part of a cornerstone tool group that switches the primary-button tool. */
export interface ToolGroupLike {
  id: string;
  hasTool(toolName: string): boolean;
  getActivePrimaryMouseButtonTool(): string | undefined;
  setToolActive(toolName: string, options: { bindings: { mouseButton: number }[] }): void;
  setToolPassive(toolName: string): void;
}

export interface ToolGroupServiceLike {
  getToolGroupForViewport(viewportId: string): ToolGroupLike | undefined;
}

/** What making a tool the primary-button tool gave: a way back, or why it could not be done. */
export type ToolActivation = { applied: true; restore: () => void } | { applied: false; reason: string };

/** cornerstone's MouseBindings.Primary (the left button). */
const PRIMARY_MOUSE_BUTTON = 1;

/**
 * Makes `toolName` (e.g. the mode's 'CircularBrush') the left-button tool of the tool groups of
 * these viewports, as OHIF's setToolActive command does (the tool active before is set passive);
 * `restore` puts the earlier tools back. Nothing changes when a tool group lacks the tool.
 */
export function activatePrimaryTool(toolGroupService: ToolGroupServiceLike | undefined, viewportIds: readonly string[], toolName: string): ToolActivation {
  if (!toolGroupService?.getToolGroupForViewport) return { applied: false, reason: 'The viewer has no tool groups; the brush cannot be switched on.' };
  const groups = new Map<string, ToolGroupLike>();
  for (const viewportId of viewportIds) {
    const group = toolGroupService.getToolGroupForViewport(viewportId);
    if (group) groups.set(group.id, group);
  }
  if (groups.size === 0) return { applied: false, reason: 'No PET viewport is on screen to paint on.' };
  const lacking = [...groups.values()].filter((group) => !group.hasTool(toolName));
  if (lacking.length > 0) {
    return { applied: false, reason: `The tool group "${lacking[0].id}" of the PET viewport has no ${toolName} tool; the mode must add it.` };
  }
  const earlier = new Map<string, string | undefined>();
  const primary = { bindings: [{ mouseButton: PRIMARY_MOUSE_BUTTON }] };
  for (const group of groups.values()) {
    const active = group.getActivePrimaryMouseButtonTool();
    earlier.set(group.id, active);
    if (active && active !== toolName) group.setToolPassive(active);
    group.setToolActive(toolName, primary);
  }
  return {
    applied: true,
    restore() {
      for (const group of groups.values()) {
        const active = earlier.get(group.id);
        // The reader may have picked another tool from the toolbar meanwhile: leave that one.
        if (group.getActivePrimaryMouseButtonTool() !== toolName) continue;
        group.setToolPassive(toolName);
        if (active && active !== toolName) group.setToolActive(active, primary);
      }
    },
  };
}
