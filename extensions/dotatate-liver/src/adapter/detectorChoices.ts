/**
 * The detector choices the panel offers, with whether each runs in the viewer and why not.
 * The classical PERCIST detector needs no weights and runs in the detection worker on the CPU.
 */
import type { DetectorChoice } from '../worker/protocol';
import { unsupportedDetectorReason } from '../worker/runDetection';

/** The pixel filter the reader starts with (the paper's best F1 on this task). */
export const DEFAULT_FILTER_PX = 15;

export interface DetectorOption {
  value: DetectorChoice;
  label: string;
  available: boolean;
  /** Why it is not available; null when it is. */
  reason: string | null;
  /** Where it runs, in the reader's words. */
  backend: string;
}

const LABELS: Record<DetectorChoice, string> = {
  percist: 'Classical (PERCIST threshold + edges)',
  unet: 'U-Net',
  both: 'Both (voxel-wise max)',
};

export function describeDetectorChoices(): DetectorOption[] {
  return (['percist', 'unet', 'both'] as const).map((value) => {
    const reason = unsupportedDetectorReason(value);
    return {
      value,
      label: LABELS[value],
      available: reason === null,
      reason,
      backend:
        value === 'percist'
          ? 'CPU in a Web Worker (no weights, no GPU needed; unaffected by the viewer’s WebGL)'
          : 'not wired in the viewer in this version',
    };
  });
}
