/**
 * Keyboard shortcuts of the review, bound to the extension's commands through OHIF's hotkeys
 * (the 'ohif.hotkeyBindings' customization, which OHIF 3.13 reads after onModeEnter). Shift
 * combinations keep OHIF's own single keys (n, a, b, e, z, ctrl+z) working as before.
 */
export const REVIEW_HOTKEYS = [
  { commandName: 'dotatateLiver.nextCandidate', label: 'Next pending lesion candidate', keys: ['shift+n'], isEditable: true },
  { commandName: 'dotatateLiver.previousCandidate', label: 'Previous pending lesion candidate', keys: ['shift+p'], isEditable: true },
  { commandName: 'dotatateLiver.acceptCandidate', label: 'Accept the selected candidate', keys: ['shift+a'], isEditable: true },
  { commandName: 'dotatateLiver.rejectCandidate', label: 'Reject the selected candidate (choose a reason)', keys: ['shift+r'], isEditable: true },
  { commandName: 'dotatateLiver.undoDecision', label: 'Undo the last review decision', keys: ['shift+z'], isEditable: true },
  { commandName: 'dotatateLiver.redoDecision', label: 'Redo a review decision', keys: ['shift+y'], isEditable: true },
  { commandName: 'dotatateLiver.addLesion', label: 'Add a missed lesion (then click it)', keys: ['shift+l'], isEditable: true },
  { commandName: 'dotatateLiver.runDetection', label: 'Run lesion detection', keys: ['shift+d'], isEditable: true },
] as const;

/** Mode customizations that append the review's hotkeys to OHIF's defaults. */
export const hotkeyCustomizations = {
  'ohif.hotkeyBindings': { $push: REVIEW_HOTKEYS.map(binding => ({ ...binding, keys: [...binding.keys] })) },
};
