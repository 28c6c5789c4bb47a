/**
 * Why a model cannot be used. Every message ends by saying the classical detector (PERCIST
 * threshold + gradient edge, no weights) is offered instead, so the reader is never left without a
 * detector; callers can test `error.fallbackDetector`.
 */

export type ModelProblem = 'missing' | 'corrupt' | 'invalid-manifest' | 'no-backend';

export const CLASSICAL_FALLBACK_NOTE =
  'The classical detector (PERCIST threshold with gradient edges, which needs no model) is offered instead.';

export class ModelUnavailableError extends Error {
  readonly fallbackDetector = 'classical' as const;

  constructor(
    readonly problem: ModelProblem,
    detail: string,
  ) {
    super(`${detail} ${CLASSICAL_FALLBACK_NOTE}`);
    this.name = 'ModelUnavailableError';
  }
}
