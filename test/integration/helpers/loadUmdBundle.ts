import { readFileSync } from 'node:fs';
import path from 'node:path';

const repositoryRoot = path.resolve(__dirname, '../../..');

/** Publishes the shared packages the way an OHIF host (or the harness shim) does: window[name]. */
export function publishHostGlobals(target: Record<string, unknown> = window as unknown as Record<string, unknown>): void {
  target['react'] = require('react');
  target['react-dom'] = require('react-dom');
  target['react/jsx-runtime'] = require('react/jsx-runtime');
  target['dcmjs'] = require('dcmjs');
  // cornerstone only runs inside a real viewer; at registration the extension merely binds to it.
  target['@cornerstonejs/core'] = {};
}

/**
 * Runs a built dist/index.umd.js as a browser <script> would (no module system), then returns what
 * it published on `window[packageName]`.
 */
export function loadUmdBundle(packageDir: string): { packageName: string; plugin: Record<string, unknown> } {
  const absoluteDir = path.join(repositoryRoot, packageDir);
  const packageName = JSON.parse(readFileSync(path.join(absoluteDir, 'package.json'), 'utf8')).name as string;
  const code = readFileSync(path.join(absoluteDir, 'dist/index.umd.js'), 'utf8');
  new Function(code).call(window);
  const plugin = (window as unknown as Record<string, unknown>)[packageName];
  if (!plugin || typeof plugin !== 'object') {
    throw new Error(`${packageDir}/dist/index.umd.js did not publish window["${packageName}"]; run npm run build first.`);
  }
  return { packageName, plugin: plugin as Record<string, unknown> };
}
