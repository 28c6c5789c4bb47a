/**
 * The detector choices the panel offers, with whether each runs in the viewer and why not.
 * The classical PERCIST detector needs no weights and runs in the detection worker on the CPU; the
 * U-Net (alone or fused with the classical detector) runs there too, on the backend the worker
 * picks, once the model is known to be available (see modelAvailability).
 */
import type { ModelAvailability } from '../worker/modelAvailability';
import { modelAvailability, unetUnavailableReason } from '../worker/modelAvailability';
import type { DetectorChoice } from '../worker/protocol';

/** The pixel filter the reader starts with (the paper's best F1 on this task). */
export const DEFAULT_FILTER_PX = 15;
/** The largest pixel filter the panel takes. */
export const MAX_FILTER_PX = 1000;

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

const CLASSICAL_BACKEND = 'CPU in a Web Worker (no weights, no GPU needed; unaffected by the viewer’s WebGL)';

const BACKEND_NAMES = { webgpu: 'WebGPU (onnxruntime-web)', webgl: 'WebGL (TF.js)', wasm: 'WASM (onnxruntime-web)', node: 'onnxruntime-node' } as const;

/** "Runs on" for the U-Net: the backend of the last run and why, or how it will be chosen. */
function unetBackend(state: ModelAvailability, value: DetectorChoice): string {
  const classical = value === 'both' ? ' + classical on the CPU' : '';
  if (state.status === 'available' && state.lastRun) {
    const { backend, detail, reason, attempts } = state.lastRun;
    // Why the faster backends were passed over (e.g. a SwiftShader renderer), without the CLI-only one.
    const passedOver = attempts
      .filter((attempt) => attempt.outcome !== 'used' && attempt.backend !== 'node')
      .map((attempt) => `${BACKEND_NAMES[attempt.backend]} ${attempt.outcome}: ${attempt.reason}`);
    return `${BACKEND_NAMES[backend]}${detail ? ` (${detail})` : ''} — ${reason}${classical}${passedOver.length ? `. Not used: ${passedOver.join('; ')}` : ''}`;
  }
  return `chosen when the run starts: WebGPU on a real GPU, else WebGL on a hardware renderer, else WASM on the CPU${classical}`;
}

export function describeDetectorChoices(state: ModelAvailability = modelAvailability.getState()): DetectorOption[] {
  const unetReason = unetUnavailableReason(state);
  return (['percist', 'unet', 'both'] as const).map((value) => {
    const reason = value === 'percist' ? null : unetReason;
    return {
      value,
      label: LABELS[value],
      available: reason === null,
      reason,
      backend: value === 'percist' ? CLASSICAL_BACKEND : unetBackend(state, value),
    };
  });
}
