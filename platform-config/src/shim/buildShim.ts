/**
 * Bundles the shim's browser glue into a classic script (an IIFE) that can be prepended to
 * `app-config.js`, which OHIF loads with a plain `<script>` before its app bundle.
 */
import path from 'node:path';

import { buildSync } from 'esbuild';

/** Global under which the bundled shim exposes `installHostShim`. */
export const SHIM_GLOBAL = '__dotatateHostShim';

let cachedScript: string | undefined;

/** Returns the shim as browser JavaScript (ES2020, minified-free for readable stack traces). */
export function buildShimScript(): string {
  if (cachedScript !== undefined) return cachedScript;
  const result = buildSync({
    entryPoints: [path.join(__dirname, 'browserEntry.ts')],
    bundle: true,
    format: 'iife',
    globalName: SHIM_GLOBAL,
    platform: 'browser',
    target: 'es2020',
    write: false,
    legalComments: 'none',
  });
  cachedScript = result.outputFiles[0].text;
  return cachedScript;
}
