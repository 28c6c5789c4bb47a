/**
 * The harness dev server (Node `http`): serves the published OHIF dist with our overlay
 * (generated `app-config.js`, rewritten `index.html`, plugin builds under `/plugins/<package>/`),
 * falls back to `index.html` for client-side routes, proxies DICOMweb to Orthanc on the same origin,
 * and sends cross-origin isolation headers (COOP/COEP) so threaded WASM can use SharedArrayBuffer.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { harnessAppConfigScript } from './appConfig';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_UPSTREAM_TIMEOUT_MS, proxyDicomWeb } from './dicomWebProxy';
import { isProxiedTarget } from './dicomWebRoutes';
import { injectPluginsIntoIndexHtml } from './indexHtml';
import { pluginUrlPrefix, type PluginPackage } from './paths';

export interface HarnessServerOptions {
  /** The OHIF dist folder (from `fetchOhifDist`). */
  distDir: string;
  /** Base URL of Orthanc's HTTP server, e.g. `http://127.0.0.1:8042`. */
  orthancUrl: string;
  plugins: readonly PluginPackage[];
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind (default loopback only). */
  host?: string;
  /** `Authorization` header Orthanc requires; only this server sends it. */
  orthancAuthorization?: string;
  /**
   * Host names (without port) this server answers to, besides loopback (`127.0.0.1`, `localhost`,
   * `[::1]`). Any other Host header is refused: it would be written into Orthanc's BulkDataURIs,
   * and accepting any name lets a DNS-rebinding page talk to the PACS as if same-origin.
   */
  allowedHosts?: readonly string[];
  /** Largest body forwarded to the PACS (bytes, default 100 MiB). */
  maxBodyBytes?: number;
  /** How long the PACS may take to answer (ms, default 60 s). */
  upstreamTimeoutMs?: number;
}

export interface HarnessServer {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.onnx': 'application/octet-stream',
};

/**
 * COEP `require-corp` isolates the page (needed for SharedArrayBuffer, i.e. multi-threaded WASM).
 * Every resource the viewer loads comes from this origin (the dist, our plugins, the DICOMweb proxy),
 * so nothing needs a cross-origin opt-in; CORP `same-origin` states that explicitly.
 */
const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Sent with every answer: no MIME sniffing, no framing by other sites (clickjacking), no referrer
 * leaking study UIDs in URLs. The CSP restricts only what the viewer never needs (plugins,
 * foreign base URLs, being framed), so the published OHIF dist runs unchanged.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

const ISOLATION_AND_SECURITY_HEADERS = { ...ISOLATION_HEADERS, ...SECURITY_HEADERS };

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves a URL path inside `root`, or undefined when it would escape it. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const resolved = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return resolved === root || resolved.startsWith(root + path.sep) ? resolved : undefined;
}

export async function startHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const distDir = path.resolve(options.distDir);
  const appConfigScript = harnessAppConfigScript();
  const indexHtml = injectPluginsIntoIndexHtml(await readFile(path.join(distDir, 'index.html'), 'utf8'), options.plugins);
  const proxyOptions = {
    orthancUrl: options.orthancUrl,
    orthancAuthorization: options.orthancAuthorization,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
  };
  const allowedHostNames = new Set([...LOOPBACK_HOSTS, ...(options.allowedHosts ?? [])].map((name) => name.toLowerCase()));
  let port = 0;

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      // The cause goes to the console, not to the client: it may name folders of this machine.
      console.error(`Harness server error on ${request.method} ${request.url}:`, error);
      if (!response.headersSent) sendText(response, 500, 'Harness server error.');
      else response.destroy(error);
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const rawTarget = request.url ?? '/';
    const host = request.headers.host ?? '';
    if (!isAllowedHost(host, allowedHostNames, port)) {
      sendText(response, 421, 'This server does not answer to that host name.');
      return;
    }
    if (!rawTarget.startsWith('/')) {
      sendText(response, 400, 'Only origin-form request targets are accepted.');
      return;
    }
    if (isProxiedTarget(rawTarget)) {
      proxyDicomWeb(request, response, `http://${host}`, proxyOptions, ISOLATION_AND_SECURITY_HEADERS, (status, message, extra) =>
        sendText(response, status, message, extra),
      );
      return;
    }
    const pathname = new URL(rawTarget, 'http://harness.invalid').pathname;
    if (pathname === '/app-config.js') {
      sendBody(response, 200, mimeTypeOf(pathname), appConfigScript, 'no-cache');
      return;
    }
    const plugin = options.plugins.find((candidate) => pathname.startsWith(pluginUrlPrefix(candidate.packageName)));
    if (plugin) {
      const relative = pathname.slice(pluginUrlPrefix(plugin.packageName).length);
      const filePath = resolveInside(plugin.distDir, relative);
      if (!filePath || !(await isFile(filePath))) {
        sendText(response, 404, `${plugin.packageName}: ${relative} is not in its build. Build the plugins with \`npm run build\`.`);
        return;
      }
      await sendFile(response, filePath, 'no-cache');
      return;
    }
    const filePath = pathname === '/' ? undefined : resolveInside(distDir, pathname);
    if (filePath && path.basename(filePath) !== 'index.html' && (await isFile(filePath))) {
      await sendFile(response, filePath, 'public, max-age=3600');
      return;
    }
    // Client-side routes (no file extension) get the app; a missing asset is a real 404.
    if (path.extname(pathname) === '' || pathname.endsWith('.html')) {
      sendBody(response, 200, mimeTypeOf('index.html'), indexHtml, 'no-cache');
      return;
    }
    sendText(response, 404, `Not found: ${pathname}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`The viewer port ${options.port} is already in use; choose another port or stop the process using it.`)
          : error,
      );
    });
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Host header `name:port` with an allowed name and this server's port. */
function isAllowedHost(host: string, allowedNames: ReadonlySet<string>, port: number): boolean {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::([0-9]+))?$/.exec(host);
  if (!match) return false;
  const hostPort = match[2] === undefined ? 80 : Number(match[2]);
  return allowedNames.has(match[1].toLowerCase()) && hostPort === port;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

async function sendFile(response: http.ServerResponse, filePath: string, cacheControl: string): Promise<void> {
  const { size } = await stat(filePath);
  response.writeHead(200, {
    'Content-Type': mimeTypeOf(filePath),
    'Content-Length': size,
    'Cache-Control': cacheControl,
    ...ISOLATION_AND_SECURITY_HEADERS,
  });
  createReadStream(filePath).pipe(response);
}

function sendBody(
  response: http.ServerResponse,
  status: number,
  contentType: string,
  body: string,
  cacheControl: string,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': cacheControl,
    ...ISOLATION_AND_SECURITY_HEADERS,
    ...extraHeaders,
  });
  response.end(body);
}

function sendText(response: http.ServerResponse, status: number, message: string, extraHeaders: Record<string, string> = {}): void {
  sendBody(response, status, 'text/plain; charset=utf-8', `${message}\n`, 'no-cache', extraHeaders);
}
