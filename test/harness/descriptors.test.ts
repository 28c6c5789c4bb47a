/**
 * What a hospital copies from `platform-config` (pluginConfig.json, the runtime descriptor, the
 * generated host shim script) agrees with the packages and with what the harness itself uses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

import { harnessOhifConfig, hostShimScript } from '../../platform-config/src/appConfig';
import { MODE_ROUTE } from '../../platform-config/src/harness';
import { pluginImportMap } from '../../platform-config/src/indexHtml';
import { PLUGIN_PACKAGES, PROJECT_ROOT } from '../../platform-config/src/paths';
import { ALL_SHARED_PACKAGE_NAMES } from '../../platform-config/src/shim/sharedPackages';

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(path.join(PROJECT_ROOT, relativePath), 'utf8')) as T;
}

interface PluginEntry {
  packageName: string;
  version: string;
}

describe('platform-config descriptors', () => {
  it('pluginConfig.json names the extension and mode packages at their current versions', () => {
    const pluginConfig = readJson<{ extensions: PluginEntry[]; modes: PluginEntry[] }>('platform-config/pluginConfig.json');
    const packageEntry = (folder: string): PluginEntry => {
      const manifest = readJson<{ name: string; version: string }>(`${folder}/package.json`);
      return { packageName: manifest.name, version: manifest.version };
    };
    expect(pluginConfig.extensions).toEqual([packageEntry('extensions/dotatate-liver')]);
    expect(pluginConfig.modes).toEqual([packageEntry('modes/dotatate-review')]);
  });

  it('the runtime descriptor matches the harness configuration, import map and shim', () => {
    const descriptor = readJson<{
      appConfig: { extensions: string[]; modes: string[] };
      importMap: unknown;
      files: Record<string, string>;
      sharedPackages: string[];
      modeRoute: string;
    }>('platform-config/runtime-plugins.json');
    const harnessConfig = harnessOhifConfig();
    expect(descriptor.appConfig).toEqual({ extensions: harnessConfig.extensions, modes: harnessConfig.modes });
    expect(descriptor.importMap).toEqual(pluginImportMap(PLUGIN_PACKAGES));
    expect(descriptor.sharedPackages).toEqual(ALL_SHARED_PACKAGE_NAMES);
    expect(descriptor.modeRoute).toBe(MODE_ROUTE);
    expect(Object.values(descriptor.files)).toEqual(
      PLUGIN_PACKAGES.map((plugin) => `${path.relative(PROJECT_ROOT, plugin.distDir)}/`),
    );
  });

  it('the generated host shim script installs itself in a page', () => {
    const page: Record<string, unknown> = {};
    page.window = page;
    vm.runInNewContext(hostShimScript(), page);
    expect(page.__dotatateShimStatus).toMatchObject({ phase: 'waiting-for-host', missing: [] });
    expect(page.rspackChunk).toHaveLength(1);
  });
});
