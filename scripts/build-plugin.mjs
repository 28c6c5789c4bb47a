/**
 * Builds one OHIF plugin package (extension or mode) per OHIF's runtime-plugin contract v1:
 *   dist/index.umd.js  UMD (CommonJS / AMD / global `window[<package name>]`), value = default export
 *   dist/index.mjs     ES module whose default export is the same object
 *   dist/index.css     (only when the package has a stylesheet) self-contained panel styles
 * Shared packages (React, OHIF, cornerstone, dcmjs, gl-matrix) are never bundled: each import of
 * one resolves to a tiny module that reads `window[<package name>]`, which the host provides.
 *
 * Usage from a package's build.mjs: `await buildPlugin(packageDir, { css: 'src/styles.css' })`.
 * Flags: `--dev` (no minification), `--quiet`.
 */
import { build, transform } from 'esbuild';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Packages the host shares at run time; `@cornerstonejs/calculate-suv` is small and not shared. */
const BUNDLED_EXCEPTIONS = new Set(['@cornerstonejs/calculate-suv']);
const SHARED_EXACT = new Set(['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client', 'dcmjs', 'gl-matrix']);
const SHARED_SCOPES = ['@ohif/', '@cornerstonejs/'];

/** True when `specifier` names a package the host shares (so it must stay out of the bundle). */
export function isSharedPackage(specifier) {
  if (BUNDLED_EXCEPTIONS.has(specifier) || [...BUNDLED_EXCEPTIONS].some(name => specifier.startsWith(`${name}/`))) {
    return false;
  }
  return SHARED_EXACT.has(specifier) || SHARED_SCOPES.some(scope => specifier.startsWith(scope));
}

/** esbuild plugin: every shared import becomes `module.exports = window[name]`, failing loudly if absent. */
function hostGlobalsPlugin(pluginName) {
  return {
    name: 'host-globals',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, args =>
        isSharedPackage(args.path) ? { path: args.path, namespace: 'host-global' } : undefined,
      );
      pluginBuild.onLoad({ filter: /.*/, namespace: 'host-global' }, args => {
        const name = JSON.stringify(args.path);
        const message = JSON.stringify(
          `${pluginName}: the host did not provide the shared package ${args.path} as window[${name}]. ` +
            'Load this plugin in an OHIF host that publishes its shared packages (see the README).',
        );
        return {
          contents: `var g = typeof window !== 'undefined' ? window : globalThis;\nif (g[${name}] == null) { throw new Error(${message}); }\nmodule.exports = g[${name}];\n`,
          loader: 'js',
        };
      });
    },
  };
}

function umdWrapper(libraryName) {
  const name = JSON.stringify(libraryName);
  return {
    banner: {
      js:
        `(function (root, factory) {\n` +
        `  if (typeof exports === 'object' && typeof module === 'object') module.exports = factory();\n` +
        `  else if (typeof define === 'function' && define.amd) define([], factory);\n` +
        `  else if (typeof exports === 'object') exports[${name}] = factory();\n` +
        `  else root[${name}] = factory();\n` +
        `})(typeof self !== 'undefined' ? self : this, function () {`,
    },
    footer: { js: `return __pluginModule.default;\n});` },
  };
}

async function fileSize(file) {
  return (await stat(file)).size;
}

/**
 * Builds the package at `packageDir`. Returns the output files with their sizes in bytes.
 * @param {string} packageDir absolute path of the package (holds package.json and src/)
 * @param {{ entry?: string, css?: string, dev?: boolean, quiet?: boolean }} options
 */
export async function buildPlugin(packageDir, options = {}) {
  const started = performance.now();
  const dev = options.dev ?? process.argv.includes('--dev');
  const quiet = options.quiet ?? process.argv.includes('--quiet');
  const packageJson = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'));
  const packageName = packageJson.name;
  const entry = path.join(packageDir, options.entry ?? packageJson.main ?? 'src/index.ts');
  const distDir = path.join(packageDir, 'dist');
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });

  const define = { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') };
  if (options.css) {
    const source = await readFile(path.join(packageDir, options.css), 'utf8');
    const { code } = await transform(source, { loader: 'css', minify: !dev });
    await writeFile(path.join(distDir, 'index.css'), code);
    // The panel injects the same stylesheet at run time, so hosts need not load index.css.
    define.__DOTATATE_LIVER_PANEL_CSS__ = JSON.stringify(code);
  }

  const common = {
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    sourcemap: true,
    minify: !dev,
    keepNames: true,
    legalComments: 'linked',
    define,
    plugins: [hostGlobalsPlugin(packageName)],
    logLevel: 'warning',
    metafile: true,
  };
  const umdOut = path.join(distDir, 'index.umd.js');
  const esmOut = path.join(distDir, 'index.mjs');
  const [, esmResult] = await Promise.all([
    // A classic script has no import.meta: say so explicitly (code then falls back to the script's src).
    build({
      ...common,
      define: { ...define, 'import.meta.url': 'undefined' },
      format: 'iife',
      globalName: '__pluginModule',
      outfile: umdOut,
      ...umdWrapper(packageName),
    }),
    build({ ...common, format: 'esm', outfile: esmOut }),
  ]);

  const outputs = [umdOut, esmOut, ...(options.css ? [path.join(distDir, 'index.css')] : [])];
  const sizes = Object.fromEntries(
    await Promise.all(outputs.map(async file => [path.relative(packageDir, file), await fileSize(file)])),
  );
  const bundledInputs = Object.keys(esmResult.metafile.inputs).filter(input => input.includes('node_modules'));
  const elapsedMs = Math.round(performance.now() - started);
  if (!quiet) {
    const list = Object.entries(sizes).map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(1)} KiB`).join(', ');
    console.log(`${packageName}: built in ${elapsedMs} ms (${dev ? 'development' : 'production'}): ${list}`);
  }
  return { packageName, sizes, elapsedMs, bundledInputs };
}
