/** Thrown by detect() when its cancellation check answers true between steps. */
export class CancelledError extends Error {
  constructor(stage: string) {
    super(`Detection was cancelled during "${stage}".`);
    this.name = 'CancelledError';
  }
}
