/**
 * Thrown when no liver can be found without help. The message says why; callers add how to
 * give a seed point in their own terms (a click in the viewer, `--liver-seed` on the CLI).
 */
export class LiverNotFoundError extends Error {
  constructor(reason: string) {
    super(`No liver was found automatically: ${reason}. Give one point inside the liver (LPS, mm) as a seed, or a liver segmentation.`);
    this.name = 'LiverNotFoundError';
  }
}
