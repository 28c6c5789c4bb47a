/**
 * What a model's own validation says about reading with it. A manifest records its validation
 * split's slice-level scores per pixel filter (`validation.perPixelFilter["15"].f1`, the study's
 * protocol); weights far below the study's F1 (0.66–0.79) find too little to read with, and the
 * reader must be told before choosing them.
 */
import type { ModelManifest } from './manifest';

/** Below this best F1 over the pixel filters the reader is warned (the study's models reached 0.66–0.79). */
export const MIN_VALIDATION_F1 = 0.5;

export interface ModelValidationSummary {
  /** Highest F1 over the recorded pixel filters and the filter (px) it was reached at. */
  bestF1: number;
  atFilterPx: number;
  studies: number | null;
}

function finiteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The best F1 the manifest records for its validation split; null when it records none. */
export function summariseValidation(manifest: Pick<ModelManifest, 'validation'>): ModelValidationSummary | null {
  const perFilter = manifest.validation?.perPixelFilter;
  if (!perFilter || typeof perFilter !== 'object') return null;
  let best: ModelValidationSummary | null = null;
  for (const [filter, scores] of Object.entries(perFilter as Record<string, unknown>)) {
    const f1 = finiteNumber((scores as { f1?: unknown } | null)?.f1);
    const filterPx = Number(filter);
    if (f1 === null || !Number.isFinite(filterPx)) continue;
    if (!best || f1 > best.bestF1) best = { bestF1: f1, atFilterPx: filterPx, studies: finiteNumber(manifest.validation?.studies) };
  }
  return best;
}

/** A warning for the panel when the model's validation is missing or weak; null when it is fit to offer plainly. */
export function modelValidationCaution(manifest: Pick<ModelManifest, 'name' | 'version' | 'validation'>): string | null {
  const model = `${manifest.name} ${manifest.version}`;
  const summary = summariseValidation(manifest);
  if (!summary) {
    return `The manifest of ${model} records no validation scores: check the model on your own studies before reading with it.`;
  }
  if (summary.bestF1 >= MIN_VALIDATION_F1) return null;
  const split = summary.studies === null ? 'its validation split' : `its ${summary.studies} validation studies`;
  return (
    `${model} reached F1 ${summary.bestF1.toFixed(2)} at best on ${split} (at ${summary.atFilterPx} px), far below the ` +
    `0.66–0.79 of the published models: it will miss most lesions. Read with the classical detector, or configure a trained model.`
  );
}
