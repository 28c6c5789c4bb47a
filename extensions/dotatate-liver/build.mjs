import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, constants as zlibConstants } from 'node:zlib';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { buildPlugin } from '../../scripts/build-plugin.mjs';

const packageDir = fileURLToPath(new URL('.', import.meta.url));
const distDir = path.join(packageDir, 'dist');
const dev = process.argv.includes('--dev');
const quiet = process.argv.includes('--quiet');
/** Files a static host may refuse or a plugin registry may not carry past this size. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

await buildPlugin(packageDir, { css: 'src/styles.css' });

// The detection worker: the pure core plus the inference runtimes (onnxruntime-web's JS API and
// TF.js), one classic script next to the bundle, loaded with new Worker(new URL('detect.worker.js',
// <bundle URL>)). The runtimes live only here, so the main bundle the host loads stays small.
// 'onnxruntime-web-use-extern-wasm' picks onnxruntime-web's build that imports its WASM glue
// (ort/*.mjs) at run time from the URL we give it, instead of the build that embeds the glue and
// finds it through import.meta.url (absent in a classic worker script).
await build({
  entryPoints: [path.join(packageDir, 'src/worker/detect.worker.ts')],
  outfile: path.join(distDir, 'detect.worker.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  conditions: ['onnxruntime-web-use-extern-wasm'],
  minify: !dev,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'error',
});

// The shipped model(s): weights + manifest (the reference output stays in the repository).
const modelsDir = path.join(packageDir, 'models');
await mkdir(path.join(distDir, 'models'), { recursive: true });
for (const name of await readdir(modelsDir)) {
  if (name.endsWith('.onnx') || name.endsWith('.manifest.json')) await copyFile(path.join(modelsDir, name), path.join(distDir, 'models', name));
}

// onnxruntime-web's JSEP build (WASM and WebGPU in one binary). Its .wasm is 28 MB: shipped gzipped
// (6.6 MB), the worker inflates it with DecompressionStream and hands the bytes to the runtime.
const resolvePackageFile = createRequire(import.meta.url).resolve;
await mkdir(path.join(distDir, 'ort'), { recursive: true });
await copyFile(resolvePackageFile('onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs'), path.join(distDir, 'ort/ort-wasm-simd-threaded.jsep.mjs'));
await pipeline(
  createReadStream(resolvePackageFile('onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm')),
  createGzip({ level: zlibConstants.Z_BEST_COMPRESSION }),
  createWriteStream(path.join(distDir, 'ort/ort-wasm-simd-threaded.jsep.wasm.gz')),
);

/** Every file under dist with its size; the build fails on one over the limit. */
async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(entries.map(async (entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [{ file: path.relative(distDir, full), bytes: (await stat(full)).size }];
  }));
  return files.flat();
}
const files = await listFiles(distDir);
const tooLarge = files.filter((entry) => entry.bytes > MAX_FILE_BYTES);
if (tooLarge.length > 0) {
  throw new Error(`dist files over ${MAX_FILE_BYTES / 1024 / 1024} MB: ${tooLarge.map((entry) => `${entry.file} (${(entry.bytes / 1048576).toFixed(1)} MB)`).join(', ')}`);
}
if (!quiet) {
  const total = files.reduce((sum, entry) => sum + entry.bytes, 0);
  const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 4).map((entry) => `${entry.file} ${(entry.bytes / 1048576).toFixed(2)} MB`);
  console.log(`dist: ${files.length} files, ${(total / 1048576).toFixed(1)} MB (largest: ${largest.join(', ')})`);
}
