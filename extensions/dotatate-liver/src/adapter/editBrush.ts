/**
 * The brush and eraser as the left-button tool of the PET viewports, shared by the two brush edits
 * of the review (a candidate's boundary, the liver mask): switching between them, and giving the
 * reader's earlier tools back when the edit closes.
 */
import type { ToolActivation } from './primaryTool';

/** The brush tools the mode adds to the PET viewports' tool group (cornerstone tool instances of 'Brush'). */
export const EDIT_TOOL_NAMES = { brush: 'CircularBrush', eraser: 'CircularEraser' } as const;
export type EditTool = keyof typeof EDIT_TOOL_NAMES;

export interface EditBrush {
  /** Makes the brush or eraser the left-button tool of these viewports; returns the reason when it cannot. */
  switchTo(tool: EditTool, viewportIds: readonly string[]): { applied: true } | { applied: false; reason: string };
  /** Gives back the tools active before the first switch (nothing when none is switched on). */
  restore(): void;
  isOn(): boolean;
}

export function createEditBrush(activatePrimaryTool: (viewportIds: readonly string[], toolName: string) => ToolActivation): EditBrush {
  let restoreTools: (() => void) | null = null;
  const restore = () => {
    restoreTools?.();
    restoreTools = null;
  };
  return {
    switchTo(tool, viewportIds) {
      restore();
      const activation = activatePrimaryTool(viewportIds, EDIT_TOOL_NAMES[tool]);
      if (!activation.applied) return activation;
      restoreTools = activation.restore;
      return { applied: true };
    },
    restore,
    isOn: () => restoreTools !== null,
  };
}
