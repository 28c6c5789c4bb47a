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

import { DICOMWEB_PATH, harnessAppConfigScript, WADO_URI_PATH } from './appConfig';
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

/** Paths that go to Orthanc rather than to the static files. */
const PROXIED_PREFIXES = [DICOMWEB_PATH, WADO_URI_PATH];

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
  const orthanc = new URL(options.orthancUrl);

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) sendText(response, 500, `Harness server error: ${error.message}`);
      else response.destroy(error);
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://harness.invalid');
    const pathname = url.pathname;

    if (PROXIED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) {
      proxyToOrthanc(request, response, orthanc);
      return;
    }
    if (pathname === '/app-config.js') {
      sendBody(response, 200, mimeTypeOf(pathname), appConfigScript, 'no-cache');
      return;
    }
    const plugin = options.plugins.find((candidate) => pathname.startsWith(pluginUrlPrefix(candidate.packageName)));
    if (plugin) {
      const relative = pathname.slice(pluginUrlPrefix(plugin.packageName).length);
      const filePath = resolveInside(plugin.distDir, relative);
      if (!filePath || !(await isFile(filePath))) {
        sendText(
          response,
          404,
          `${plugin.packageName}: ${relative} is not in ${plugin.distDir}. Build the plugins with \`npm run build\`.`,
        );
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
  const port = (server.address() as AddressInfo).port;
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

/**
 * QIDO-RS allows `includefield=a,b,c`; Debian's Orthanc DICOMweb plugin (1.7) reads only a single
 * tag per parameter and silently drops a list (OHIF's study list then loses Study Description).
 * Repeating the parameter once per tag means the same to both.
 */
export function splitIncludeFieldLists(requestPath: string): string {
  const queryStart = requestPath.indexOf('?');
  if (queryStart < 0) return requestPath;
  const params = new URLSearchParams(requestPath.slice(queryStart + 1));
  const lists = params.getAll('includefield');
  if (!lists.some((value) => value.includes(','))) return requestPath;
  params.delete('includefield');
  for (const tag of lists.flatMap((value) => value.split(','))) {
    if (tag.trim() !== '') params.append('includefield', tag.trim());
  }
  return `${requestPath.slice(0, queryStart)}?${params.toString()}`;
}

/** Streams the request to Orthanc and its answer back, keeping the Host header so Orthanc's
 * DICOMweb plugin writes BulkDataURIs that point at this origin. */
function proxyToOrthanc(request: http.IncomingMessage, response: http.ServerResponse, orthanc: URL): void {
  const upstream = http.request(
    {
      protocol: orthanc.protocol,
      hostname: orthanc.hostname,
      port: orthanc.port,
      method: request.method,
      path: splitIncludeFieldLists(request.url ?? '/'),
      headers: request.headers,
    },
    (upstreamResponse) => {
      response.writeHead(upstreamResponse.statusCode ?? 502, { ...upstreamResponse.headers, ...ISOLATION_HEADERS });
      upstreamResponse.pipe(response);
    },
  );
  upstream.on('error', (error) => {
    if (!response.headersSent) sendText(response, 502, `Orthanc is not reachable at ${orthanc.origin}: ${error.message}`);
    else response.destroy(error);
  });
  request.pipe(upstream);
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
    ...ISOLATION_HEADERS,
  });
  createReadStream(filePath).pipe(response);
}

function sendBody(response: http.ServerResponse, status: number, contentType: string, body: string, cacheControl: string): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': cacheControl,
    ...ISOLATION_HEADERS,
  });
  response.end(body);
}

function sendText(response: http.ServerResponse, status: number, message: string): void {
  sendBody(response, status, 'text/plain; charset=utf-8', `${message}\n`, 'no-cache');
}
