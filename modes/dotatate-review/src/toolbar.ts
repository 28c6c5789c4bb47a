/**
 * OHIF 3.13's default toolbar: the cornerstone extension publishes its buttons and sections as the
 * customizations 'cornerstone.toolbarButtons' / 'cornerstone.toolbarSections'; the mode route seeds
 * the mode's references below as the 'toolbarButtons' / 'toolbarSections' customizations, which
 * onModeEnter reads back (resolved) and registers, as OHIF's basic mode does.
 */
export const toolbarButtonReferences = [{ $reference: 'cornerstone.toolbarButtons' }];
export const toolbarSectionReferences = [{ $reference: 'cornerstone.toolbarSections' }];

export interface ToolbarServiceLike {
  register: (buttons: unknown[]) => void;
  updateSection: (sectionId: string, buttonIds: string[]) => void;
}
export interface CustomizationServiceLike {
  getCustomization: (customizationId: string) => unknown;
}

function flatten(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

/** Registers the resolved toolbar; returns the number of buttons, 0 when the host offers none. */
export function registerDefaultToolbar(toolbarService: ToolbarServiceLike, customizationService: CustomizationServiceLike): number {
  const buttons = flatten(customizationService.getCustomization('toolbarButtons'));
  const sections = Object.assign({}, ...flatten(customizationService.getCustomization('toolbarSections'))) as Record<
    string,
    string[]
  >;
  if (buttons.length === 0) {
    console.warn('DOTATATE liver review: the host published no default toolbar buttons; the toolbar stays empty.');
    return 0;
  }
  toolbarService.register(buttons);
  for (const [sectionId, buttonIds] of Object.entries(sections)) {
    toolbarService.updateSection(sectionId, buttonIds);
  }
  return buttons.length;
}
