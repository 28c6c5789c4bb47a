/**
 * A failed STOW-RS, with the HTTP status when the PACS answered (null when it could not be reached).
 * The report workflow reads `status` to tell "refused (HTTP 4xx/5xx)" from "did not answer".
 */
export class StowError extends Error {
  override name = 'StowError';
  readonly status: number | null;

  constructor(message: string, status: number | null) {
    super(message);
    this.status = status;
  }
}

/** The first part of a PACS's error body worth showing (Orthanc answers JSON with "Message"/"Details"). */
export function describeErrorBody(body: string): string {
  const text = body.trim();
  if (!text) return '';
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const parts = [parsed.Message, parsed.Details].filter((part): part is string => typeof part === 'string' && part !== '');
    if (parts.length > 0) return parts.join(': ').slice(0, 300);
  } catch {
    // Not JSON: show the text itself.
  }
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
