/**
 * A small STOW-RS client over `fetch` (DICOM PS3.18 §10.5): Part-10 instances as one
 * multipart/related request to `<dicomWebRoot>/studies`. Used by the CLI and the Node tests; the
 * viewer stores through OHIF's active data source instead (see viewerStore). Failures throw a
 * StowError with the HTTP status, including a 200 whose response lists failed instances.
 */
import { StowError, describeErrorBody } from './stowError';

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export interface StowOptions {
  fetch?: FetchLike;
}

/** DICOM JSON attribute (tag → { vr, Value }). */
type DicomJson = Record<string, { Value?: unknown[] } | undefined>;

const FAILED_SOP_SEQUENCE = '00081198';
const FAILURE_REASON = '00081197';
const REFERENCED_SOP_INSTANCE_UID = '00081155';

function multipartBody(parts: readonly ArrayBuffer[], boundary: string): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  for (const part of parts) {
    chunks.push(encoder.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), new Uint8Array(part), encoder.encode('\r\n'));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** Failed instances listed in a STOW response body (DICOM JSON), as "UID (reason)" strings. */
export function failedInstancesOf(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const response = (Array.isArray(parsed) ? parsed[0] : parsed) as DicomJson | undefined;
  const failed = (response?.[FAILED_SOP_SEQUENCE]?.Value ?? []) as DicomJson[];
  return failed.map((item) => {
    const uid = String(item[REFERENCED_SOP_INSTANCE_UID]?.Value?.[0] ?? 'an instance');
    const reason = item[FAILURE_REASON]?.Value?.[0];
    return reason === undefined ? uid : `${uid} (failure reason ${String(reason)})`;
  });
}

/**
 * Stores the parts in one STOW-RS request. Resolves when the PACS accepted every instance.
 * @param dicomWebRoot e.g. `http://127.0.0.1:8042/dicom-web`
 */
export async function stowRs(dicomWebRoot: string, parts: readonly ArrayBuffer[], options: StowOptions = {}): Promise<void> {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const boundary = `dotatate-liver-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const url = `${dicomWebRoot.replace(/\/+$/, '')}/studies`;
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
        Accept: 'application/dicom+json',
      },
      body: multipartBody(parts, boundary),
    });
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new StowError(`cannot reach ${url} (${cause})`, null);
  }
  const body = await response.text().catch(() => '');
  if (!response.ok) {
    const detail = describeErrorBody(body);
    throw new StowError(`STOW-RS to ${url} failed${detail ? `: ${detail}` : ''}`, response.status);
  }
  const failed = failedInstancesOf(body);
  if (failed.length > 0) {
    throw new StowError(`the PACS refused ${failed.length} instance(s): ${failed.join(', ')}`, response.status);
  }
}
