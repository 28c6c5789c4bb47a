/**
 * A bare page for the U-Net's browser backends: a small Node server (cross-origin isolated, so
 * onnxruntime-web may use WASM threads) serving the extension's dist and the probe script
 * (unetProbe.browser.ts, bundled here with esbuild), and Chromium launchers with the flags each
 * GPU emulation needs. Shared by the e2e parity test and the browser inference benchmark.
 */
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

import { mimeTypeOf, resolveInside } from '../../../platform-config/src/server';
import { CHROMIUM_ARGS } from './browser';
import type { ProbeApi, ProbeBackend } from './unetProbe.browser';

export type { ProbeBackend };

const EXTENSION_DIR = path.resolve(__dirname, '../../../extensions/dotatate-liver');
export const EXTENSION_DIST = path.join(EXTENSION_DIR, 'dist');
export const REFERENCE_PATH = path.join(EXTENSION_DIR, 'models/unet-2d.reference.json');

/** WebGPU on SwiftShader's Vulkan (a CPU emulation), as DESIGN.md records. */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader'];

export function launchProbeChromium(options: { webgpu: boolean }): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.webgpu ? WEBGPU_ARGS : [])],
  });
}

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };

export interface ProbeServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `/` (the probe page), `/probe.js` and `/dist/*` (the built extension). */
export async function startProbeServer(): Promise<ProbeServer> {
  if (!(await stat(path.join(EXTENSION_DIST, 'ort')).catch(() => null))) {
    throw new Error(`${EXTENSION_DIST}/ort is missing: run \`npm run build -w ohif-extension-dotatate-liver\` first.`);
  }
  const bundle = await build({
    entryPoints: [path.join(__dirname, 'unetProbe.browser.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    conditions: ['onnxruntime-web-use-extern-wasm'],
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0].contents;
  const html = `<!doctype html><meta charset="utf-8"><title>U-Net probe</title>
<script>window.unetProbeConfig = { manifestUrl: new URL('dist/models/unet-2d.manifest.json', location.href).href, runtimeUrl: new URL('dist/ort/', location.href).href };</script>
<script src="probe.js"></script>`;
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://probe.invalid').pathname;
    const send = (status: number, type: string, body: Uint8Array | string) => {
      response.writeHead(status, { 'Content-Type': type, ...ISOLATION });
      response.end(body);
    };
    if (pathname === '/') return send(200, 'text/html; charset=utf-8', html);
    if (pathname === '/probe.js') return send(200, 'text/javascript; charset=utf-8', script);
    const file = pathname.startsWith('/dist/') ? resolveInside(EXTENSION_DIST, pathname.slice('/dist/'.length)) : undefined;
    if (!file) return send(404, 'text/plain', 'not found');
    readFile(file).then(
      (body) => send(200, mimeTypeOf(file), body),
      () => send(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A fresh page on the probe (a fresh page is the only way to change onnxruntime-web's WASM thread count). */
export async function openProbePage(browser: Browser, server: ProbeServer): Promise<{ page: Page; probe: ProbeCalls }> {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => Boolean(window.unetProbe), null, { timeout: 60_000 });
  return { page, probe: probeCalls(page) };
}

export type ProbeCalls = { [K in keyof ProbeApi]: (...args: Parameters<ProbeApi[K]>) => ReturnType<ProbeApi[K]> };

function probeCalls(page: Page): ProbeCalls {
  return {
    device: () => page.evaluate(() => window.unetProbe.device()),
    open: (backend, threads, size) => page.evaluate(([b, t, s]) => window.unetProbe.open(b, t, s), [backend, threads, size] as const),
    run: (input, batch) => page.evaluate(([i, b]) => window.unetProbe.run(i, b), [input, batch] as const),
    wholeLiver: (batchSize) => page.evaluate((b) => window.unetProbe.wholeLiver(b), batchSize),
  };
}
