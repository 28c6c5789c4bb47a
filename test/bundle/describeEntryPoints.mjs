/**
 * Loads one plugin's dist/index.mjs (ES module import) and dist/index.umd.js (CommonJS require) in
 * a fresh Node process whose globalThis plays the browser window, and prints a JSON summary of
 * both default exports. With `--no-host-globals` it publishes nothing and prints the load errors.
 * Usage: node describeEntryPoints.mjs <package dir> [--no-host-globals]
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageDir, flag] = process.argv.slice(2);
const require = createRequire(path.join(process.cwd(), 'package.json'));
globalThis.window = globalThis;
globalThis.self = globalThis;
if (flag !== '--no-host-globals') {
  for (const name of ['react', 'react-dom', 'react/jsx-runtime', 'dcmjs']) {
    globalThis[name] = require(name);
  }
  // cornerstone only runs inside a real viewer; loading the plugin merely binds to it.
  globalThis['@cornerstonejs/core'] = {};
}

function summarize(plugin) {
  const getterParams = {
    servicesManager: { services: {} },
    commandsManager: { runCommand: () => undefined },
    extensionManager: { getModuleEntry: () => undefined },
  };
  const modules = {};
  for (const [key, value] of Object.entries(plugin)) {
    if (/^get[A-Za-z]+Module$/.test(key) && typeof value === 'function') {
      const result = value(getterParams);
      modules[key] = Array.isArray(result) ? result.map(entry => entry.name ?? null) : Object.keys(result.definitions ?? {});
    }
  }
  const modeInstance = typeof plugin.modeFactory === 'function' ? plugin.modeFactory({ modeConfiguration: {} }) : undefined;
  return {
    id: plugin.id,
    keys: Object.keys(plugin).sort(),
    modules,
    routeName: modeInstance?.routeName,
    extensionDependencies: plugin.extensionDependencies,
  };
}

const dist = path.resolve(packageDir, 'dist');
const output = {};
try {
  output.esm = summarize((await import(pathToFileURL(path.join(dist, 'index.mjs')).href)).default);
} catch (error) {
  output.esmError = error.message;
}
try {
  output.umd = summarize(require(path.join(dist, 'index.umd.js')));
} catch (error) {
  output.umdError = error.message;
}
process.stdout.write(JSON.stringify(output));
