/**
 * The harness dev server on the real pinned dist, with a stand-in Orthanc: overlay, import map,
 * SPA fallback, MIME types, isolation headers, the same-origin DICOMweb proxy and bad paths.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readdirSync } from 'node:fs';

import { fetchOhifDist } from '../../platform-config/src/fetchOhifDist';
import { findFreePort } from '../../platform-config/src/orthanc';
import type { PluginPackage } from '../../platform-config/src/paths';
import { startHarnessServer, type HarnessServer } from '../../platform-config/src/server';

interface SeenRequest {
  method?: string;
  url?: string;
  host?: string;
  body: string;
}

let server: HarnessServer;
let fakeOrthanc: http.Server;
let pluginDir: string;
let distDir: string;
const seen: SeenRequest[] = [];

beforeAll(async () => {
  ({ distDir } = await fetchOhifDist({ log: () => undefined }));
  pluginDir = await mkdtemp(path.join(os.tmpdir(), 'plugin-dist-'));
  await writeFile(path.join(pluginDir, 'index.mjs'), 'export default { id: "ohif-extension-dotatate-liver" };\n');
  await writeFile(path.join(pluginDir, 'index.css'), '.dotatate-panel { color: white; }\n');

  fakeOrthanc = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, host: request.headers.host, body });
      response.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      response.end('[]');
    });
  });
  await new Promise<void>((resolve) => fakeOrthanc.listen(0, '127.0.0.1', () => resolve()));

  const plugins: PluginPackage[] = [
    { packageName: 'ohif-extension-dotatate-liver', kind: 'extension', distDir: pluginDir },
    { packageName: 'ohif-mode-dotatate-review', kind: 'mode', distDir: path.join(pluginDir, 'not-built') },
  ];
  server = await startHarnessServer({
    distDir,
    orthancUrl: `http://127.0.0.1:${(fakeOrthanc.address() as AddressInfo).port}`,
    plugins,
    port: 0,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => fakeOrthanc.close(() => resolve()));
  await rm(pluginDir, { recursive: true, force: true });
});

describe('harness server', () => {
  it('serves our app-config.js: the shim first, then a same-origin DICOMweb source and our plugins by package name', async () => {
    const response = await fetch(`${server.url}/app-config.js`);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const script = await response.text();
    expect(script.indexOf('installHostShim(')).toBeGreaterThan(-1);
    expect(script.indexOf('installHostShim(')).toBeLessThan(script.indexOf('window.config ='));
    const config = JSON.parse(script.slice(script.indexOf('window.config =') + 'window.config ='.length).trim().replace(/;$/, ''));
    expect(config.extensions).toEqual(['ohif-extension-dotatate-liver']);
    expect(config.modes).toEqual(['ohif-mode-dotatate-review']);
    expect(config.investigationalUseDialog).toEqual({ option: 'never' });
    expect(config.dataSources).toHaveLength(1);
    expect(config.dataSources[0].configuration).toMatchObject({ qidoRoot: '/dicom-web', wadoRoot: '/dicom-web' });
  });

  it('injects the import map before any module script, and the stylesheet of plugins that ship one', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const importMap = /<script type="importmap">(.*?)<\/script>/.exec(html);
    expect(importMap).not.toBeNull();
    expect(JSON.parse(importMap![1])).toEqual({
      imports: {
        'ohif-extension-dotatate-liver': '/plugins/ohif-extension-dotatate-liver/index.mjs',
        'ohif-mode-dotatate-review': '/plugins/ohif-mode-dotatate-review/index.mjs',
      },
    });
    expect(importMap!.index).toBeLessThan(html.indexOf('type="module"'));
    expect(html).toContain('<link rel="stylesheet" href="/plugins/ohif-extension-dotatate-liver/index.css">');
    expect(html).not.toContain('/plugins/ohif-mode-dotatate-review/index.css');
  });

  it('falls back to the app for client-side routes but not for missing assets', async () => {
    const route = await fetch(`${server.url}/dotatate-review?StudyInstanceUIDs=1.2.3`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<script type="importmap">');
    expect((await fetch(`${server.url}/no-such-chunk.bundle.js`)).status).toBe(404);
  });

  it('sends cross-origin isolation headers and correct MIME types', async () => {
    const wasmFile = readdirSync(distDir).find((name) => name.endsWith('.wasm'))!;
    const wasm = await fetch(`${server.url}/${wasmFile}`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(wasm.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const plugin = await fetch(`${server.url}/plugins/ohif-extension-dotatate-liver/index.mjs`);
    expect(plugin.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await plugin.text()).toContain('ohif-extension-dotatate-liver');
  });

  it('says how to build a plugin whose file is missing', async () => {
    const response = await fetch(`${server.url}/plugins/ohif-mode-dotatate-review/index.mjs`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('npm run build');
  });

  it('refuses paths that escape the served folders', async () => {
    for (const escape of ['/plugins/ohif-extension-dotatate-liver/..%2f..%2f..%2fetc%2fpasswd', '/..%2f..%2fetc%2fpasswd.txt']) {
      const response = await fetch(`${server.url}${escape}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('root:');
    }
  });

  it('proxies DICOMweb and WADO-URI to Orthanc with method, query, body and the viewer host', async () => {
    seen.length = 0;
    const qido = await fetch(`${server.url}/dicom-web/studies?PatientID=P1&limit=5`);
    expect(qido.status).toBe(200);
    expect(qido.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await qido.json()).toEqual([]);
    await fetch(`${server.url}/dicom-web/studies`, { method: 'POST', body: 'stow-body', headers: { 'Content-Type': 'application/dicom' } });
    await fetch(`${server.url}/wado?requestType=WADO&studyUID=1`);
    const viewerHost = new URL(server.url).host;
    expect(seen).toEqual([
      { method: 'GET', url: '/dicom-web/studies?PatientID=P1&limit=5', host: viewerHost, body: '' },
      { method: 'POST', url: '/dicom-web/studies', host: viewerHost, body: 'stow-body' },
      { method: 'GET', url: '/wado?requestType=WADO&studyUID=1', host: viewerHost, body: '' },
    ]);
  });

  it('splits comma-separated includefield lists into one parameter per tag for Orthanc', async () => {
    seen.length = 0;
    await fetch(`${server.url}/dicom-web/studies?limit=101&includefield=00081030%2C00080060&PatientID=P`);
    expect(seen.map((request) => request.url)).toEqual([
      '/dicom-web/studies?limit=101&PatientID=P&includefield=00081030&includefield=00080060',
    ]);
  });

  it('answers 502 naming Orthanc when it is not reachable', async () => {
    const deadPort = await findFreePort();
    const orphan = await startHarnessServer({ distDir, orthancUrl: `http://127.0.0.1:${deadPort}`, plugins: [], port: 0 });
    try {
      const response = await fetch(`${orphan.url}/dicom-web/studies`);
      expect(response.status).toBe(502);
      expect(await response.text()).toContain('The PACS is not reachable.');
    } finally {
      await orphan.close();
    }
  });
});
