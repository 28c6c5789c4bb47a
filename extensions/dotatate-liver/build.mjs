import { fileURLToPath, URL } from 'node:url';
import path from 'node:path';
import { build } from 'esbuild';
import { buildPlugin } from '../../scripts/build-plugin.mjs';

const packageDir = fileURLToPath(new URL('.', import.meta.url));
const dev = process.argv.includes('--dev');

await buildPlugin(packageDir, { css: 'src/styles.css' });

// The detection worker: the pure core only (no shared host package), one classic script next to
// the bundle, loaded with new Worker(new URL('detect.worker.js', <bundle URL>)).
await build({
  entryPoints: [path.join(packageDir, 'src/worker/detect.worker.ts')],
  outfile: path.join(packageDir, 'dist/detect.worker.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: !dev,
  sourcemap: true,
  logLevel: 'warning',
});
