/**
 * Runs the real OHIF app bundle from the pinned dist in a Node `vm` context just far enough for
 * its rspack runtime to process the chunk-loading array (where the host shim hooks in), then
 * stops it before the application itself starts (which needs a real browser).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

import { fetchOhifDist } from '../../platform-config/src/fetchOhifDist';
import type { HostRequire } from '../../platform-config/src/shim/browserShim';

/** Thrown from our probe chunk to stop the bundle right after its runtime has run our callbacks. */
const STOP_SIGNAL = Symbol('stop-host-bundle');

export async function readAppBundle(): Promise<{ fileName: string; source: string }> {
  const { distDir } = await fetchOhifDist({ log: () => undefined });
  const fileName = readdirSync(distDir).find((name) => /^app\.bundle\.[0-9a-f]+\.js$/.test(name));
  if (!fileName) throw new Error(`No app.bundle.*.js in ${distDir}`);
  return { fileName, source: readFileSync(path.join(distDir, fileName), 'utf8') };
}

/** A minimal browser-like global for the bundle's runtime (it reads `document.baseURI`). */
export function createFakeWindow(): Record<string, unknown> {
  const win: Record<string, unknown> = { console };
  win.window = win;
  win.self = win;
  win.document = { baseURI: 'http://harness.test/', addEventListener: () => undefined };
  return win;
}

/**
 * Executes the app bundle with `win` as its global object; chunks already pushed on
 * `win.rspackChunk` (the shim's) run first; then returns the host's require function.
 */
export function runHostRuntime(win: Record<string, unknown>, bundle: { fileName: string; source: string }): HostRequire {
  let hostRequire: HostRequire | undefined;
  const chunks = (win.rspackChunk as unknown[] | undefined) ?? [];
  win.rspackChunk = chunks;
  chunks.push([
    ['test-probe'],
    {},
    (requireFunction: HostRequire) => {
      hostRequire = requireFunction;
      throw STOP_SIGNAL;
    },
  ]);
  const context = vm.createContext(win);
  try {
    vm.runInContext(bundle.source, context, { filename: bundle.fileName });
  } catch (error) {
    if (error !== STOP_SIGNAL) throw error;
  }
  if (!hostRequire) throw new Error('The host runtime never called the probe chunk.');
  return hostRequire;
}
