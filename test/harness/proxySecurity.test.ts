/**
 * The harness proxy against a real Orthanc: every probe that once reached Orthanc's REST API
 * through `/dicom-web` (encoded traversal, the DICOMweb plugin's `servers`, DELETE, shutdown, a
 * cross-origin write) is refused and leaves the PACS as it was; a foreign Host, an oversized body
 * and a hung upstream get their own answers. Requests are sent raw with `http.request`, because
 * `fetch` would normalise the very paths under test.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { findFreePort, startOrthanc, type RunningOrthanc } from '../../platform-config/src/orthanc';
import { startHarnessServer, type HarnessServer } from '../../platform-config/src/server';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let folder: string;
let orthanc: RunningOrthanc;
let server: HarnessServer;
let port: number;
const MAX_BODY_BYTES = 64 * 1024;
const REAL_PET_SLICE = path.join(__dirname, '../fixtures/real/acrin_flt_breast_slices/acrin_flt_breast_1.dcm');

/** One request exactly as written, to this harness's port. */
function raw(method: string, target: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method, path: target, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function orthancState(): Promise<{ instances: string[]; modalities: unknown; servers: unknown; alive: boolean }> {
  const alive = (await orthanc.fetch('/system')).ok;
  return {
    alive,
    instances: (await (await orthanc.fetch('/instances')).json()) as string[],
    modalities: await (await orthanc.fetch('/modalities')).json(),
    servers: await (await orthanc.fetch('/dicom-web/servers')).json(),
  };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'proxy-security-'));
  const distDir = path.join(folder, 'dist');
  await mkdir(distDir);
  await writeFile(path.join(distDir, 'index.html'), '<!doctype html><html><head></head><body>viewer</body></html>');
  orthanc = await startOrthanc({ storageDir: path.join(folder, 'orthanc'), httpPort: await findFreePort() });
  const upload = await orthanc.fetch('/instances', {
    method: 'POST',
    body: await readFile(REAL_PET_SLICE),
  });
  expect(upload.ok).toBe(true);
  server = await startHarnessServer({
    distDir,
    orthancUrl: orthanc.url,
    orthancAuthorization: orthanc.authorization,
    plugins: [],
    port: 0,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  port = server.port;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await orthanc?.stop();
  await rm(folder, { recursive: true, force: true });
});

describe('the DICOMweb proxy in front of a real Orthanc', () => {
  it('serves the routes the viewer uses, with Orthanc’s credential added by the proxy', async () => {
    const studies = await raw('GET', '/dicom-web/studies?includefield=00081030,00080060', { Accept: 'application/dicom+json' });
    expect(studies.status).toBe(200);
    const [study] = JSON.parse(studies.body) as Array<Record<string, { Value: string[] }>>;
    const studyUid = study['0020000D'].Value[0];
    const series = await raw('GET', `/dicom-web/studies/${studyUid}/series`);
    expect(series.status).toBe(200);
    const seriesUid = (JSON.parse(series.body) as Array<Record<string, { Value: string[] }>>)[0]['0020000E'].Value[0];
    expect((await raw('GET', `/dicom-web/studies/${studyUid}/series/${seriesUid}/metadata`)).status).toBe(200);
    expect(studies.headers['x-content-type-options']).toBe('nosniff');
    expect(studies.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('refuses encoded traversal in every form and Orthanc’s REST API, leaving the PACS unchanged', async () => {
    const before = await orthancState();
    const probes: Array<[string, string, Record<string, string>?, string?]> = [
      ['GET', '/dicom-web/..%2fsystem'],
      ['GET', '/dicom-web/..%2Fsystem'],
      ['GET', '/dicom-web/%2e%2e/system'],
      ['GET', '/dicom-web/%2E%2E%2Fsystem'],
      ['GET', '/dicom-web/..%252fsystem'],
      ['GET', '/dicom-web/..%5csystem'],
      ['GET', '/dicom-web/studies/..%2f..%2fsystem'],
      ['GET', '/dicom-web/./studies'],
      ['GET', '/dicom-web//system'],
      ['GET', '/wado/../system'],
      ['GET', '/dicom-web/servers'],
      ['DELETE', `/dicom-web/..%2finstances/${before.instances[0]}`],
      ['DELETE', '/dicom-web/studies'],
      ['POST', '/dicom-web/..%2ftools%2fshutdown', { 'Content-Type': 'text/plain', Origin: 'https://elsewhere.example' }, ''],
      ['POST', '/dicom-web/tools/shutdown', { 'Content-Type': 'text/plain' }, ''],
      ['PUT', '/dicom-web/..%2fmodalities/x', { 'Content-Type': 'application/json' }, '{"AET":"X","Host":"127.0.0.1","Port":104}'],
      ['PUT', '/dicom-web/servers/x', { 'Content-Type': 'application/json' }, '{"Url":"http://127.0.0.1:9/"}'],
      ['POST', '/dicom-web/servers/x/stow', { 'Content-Type': 'application/json' }, '{"Resources":[]}'],
    ];
    for (const [method, target, headers, body] of probes) {
      const answer = await raw(method, target, headers, body);
      expect({ method, target, refused: answer.status >= 400 && answer.status < 500 }).toEqual({ method, target, refused: true });
      expect(answer.body).not.toMatch(/DatabaseVersion|ApiVersion|\/tmp\//);
    }
    expect(await orthancState()).toEqual(before);
  });

  it('refuses a write from another origin (what any web page can send without a preflight)', async () => {
    const answer = await raw('POST', '/dicom-web/studies', { 'Content-Type': 'text/plain', Origin: 'https://elsewhere.example' }, 'x');
    expect(answer.status).toBe(403);
    const sameSite = await raw('POST', '/dicom-web/studies', { 'Content-Type': 'text/plain', 'Sec-Fetch-Site': 'cross-site' }, 'x');
    expect(sameSite.status).toBe(403);
  });

  it('answers only to its own host names', async () => {
    const answer = await raw('GET', '/dicom-web/studies', { Host: `attacker.example:${port}` });
    expect(answer.status).toBe(421);
    expect((await raw('GET', '/', { Host: `localhost:${port}` })).status).toBe(200);
    expect((await raw('GET', '/', { Host: 'localhost:1' })).status).toBe(421);
  });

  it('caps the body it forwards, declared or streamed', async () => {
    const declared = await raw('POST', '/dicom-web/studies', { 'Content-Type': 'application/dicom', 'Content-Length': String(MAX_BODY_BYTES + 1) }, Buffer.alloc(MAX_BODY_BYTES + 1));
    expect(declared.status).toBe(413);
    const streamed = await raw('POST', '/dicom-web/studies', { 'Content-Type': 'application/dicom', 'Transfer-Encoding': 'chunked' }, Buffer.alloc(MAX_BODY_BYTES * 3));
    expect(streamed.status).toBe(413);
  });
});

describe('the DICOMweb proxy in front of a hung PACS', () => {
  it('answers 504 when the upstream does not answer in time', async () => {
    const hung = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', () => resolve()));
    const distDir = path.join(folder, 'dist');
    const proxy = await startHarnessServer({
      distDir,
      orthancUrl: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
      plugins: [],
      port: 0,
      upstreamTimeoutMs: 300,
    });
    try {
      const response = await fetch(`${proxy.url}/dicom-web/studies`);
      expect(response.status).toBe(504);
      expect(await response.text()).toContain('did not answer within');
    } finally {
      await proxy.close();
      hung.closeAllConnections();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    }
  });
});
