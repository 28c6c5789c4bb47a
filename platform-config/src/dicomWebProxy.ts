/**
 * The same-origin DICOMweb proxy: forwards the checked routes of `dicomWebRoutes.ts` to Orthanc
 * with Orthanc's credential (which the browser never sees), a fixed set of request headers, a body
 * cap and an upstream timeout. Writes from another origin are refused: a `text/plain` POST needs
 * no CORS preflight, so without this check any web page could store into the PACS.
 */
import http from 'node:http';

import { decideDicomWebRoute } from './dicomWebRoutes';

export interface DicomWebProxyOptions {
  /** Orthanc's base URL, e.g. `http://127.0.0.1:8042`. */
  orthancUrl: string;
  /** `Authorization` header value Orthanc requires (the harness generates it per run). */
  orthancAuthorization?: string;
  /** Largest request body forwarded (bytes); larger ones get 413. */
  maxBodyBytes: number;
  /** How long Orthanc may take to answer (ms) before the client gets 504. */
  upstreamTimeoutMs: number;
}

export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 60_000;

/** Request headers the viewer's DICOMweb calls need; cookies, credentials and the rest stay here. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'content-length', 'transfer-encoding', 'range', 'if-none-match'];
/** Orthanc's answer headers the viewer needs (type, length, encoding, caching). */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-encoding', 'etag', 'cache-control', 'content-range', 'accept-ranges'];

type Reply = (status: number, message: string, extraHeaders?: Record<string, string>) => void;

/**
 * Handles one proxied request. `origin` is this server's own origin for the request (scheme, the
 * allowed Host); `extraResponseHeaders` are the isolation and security headers every answer gets.
 */
export function proxyDicomWeb(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  origin: string,
  options: DicomWebProxyOptions,
  extraResponseHeaders: Record<string, string>,
  reply: Reply,
): void {
  const method = request.method ?? 'GET';
  const decision = decideDicomWebRoute(method, request.url ?? '/');
  if (!decision.allowed) {
    reply(decision.status, decision.message, decision.allow ? { Allow: decision.allow } : {});
    return;
  }
  if (!['GET', 'HEAD'].includes(method) && isCrossOrigin(request, origin)) {
    reply(403, 'Writes to the PACS are accepted only from this viewer’s own pages.');
    return;
  }
  const declaredLength = Number(request.headers['content-length'] ?? 0);
  if (declaredLength > options.maxBodyBytes) {
    reply(413, `The upload is larger than this server accepts (${options.maxBodyBytes} bytes).`);
    request.resume();
    return;
  }

  const orthanc = new URL(options.orthancUrl);
  const headers: http.OutgoingHttpHeaders = { host: new URL(origin).host };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    if (request.headers[name] !== undefined) headers[name] = request.headers[name];
  }
  if (options.orthancAuthorization) headers.authorization = options.orthancAuthorization;

  let settled = false;
  const fail = (status: number, message: string): void => {
    if (settled) return;
    settled = true;
    upstream.destroy();
    if (!response.headersSent) reply(status, message);
    else response.destroy();
  };
  const upstream = http.request(
    { protocol: orthanc.protocol, hostname: orthanc.hostname, port: orthanc.port, method, path: decision.path, headers },
    (upstreamResponse) => {
      const answerHeaders: http.OutgoingHttpHeaders = { ...extraResponseHeaders };
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        if (upstreamResponse.headers[name] !== undefined) answerHeaders[name] = upstreamResponse.headers[name];
      }
      response.writeHead(upstreamResponse.statusCode ?? 502, answerHeaders);
      upstreamResponse.pipe(response);
      upstreamResponse.on('end', () => (settled = true));
    },
  );
  upstream.setTimeout(options.upstreamTimeoutMs, () =>
    fail(504, `The PACS did not answer within ${Math.round(options.upstreamTimeoutMs / 1000)} s.`),
  );
  upstream.on('error', () => fail(502, 'The PACS is not reachable.'));

  let received = 0;
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > options.maxBodyBytes) fail(413, `The upload is larger than this server accepts (${options.maxBodyBytes} bytes).`);
  });
  request.pipe(upstream);
}

/** A request whose Origin (or, failing that, Sec-Fetch-Site) says it came from another site. */
function isCrossOrigin(request: http.IncomingMessage, origin: string): boolean {
  const requestOrigin = request.headers.origin;
  if (requestOrigin !== undefined) return requestOrigin !== origin;
  const site = request.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
