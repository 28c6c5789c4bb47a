/**
 * Where the harness finds the project and keeps its generated state.
 * Everything generated (the cached OHIF dist, Orthanc's storage) lives under the git-ignored
 * `.data/` folder at the repository root, so a fresh clone stays clean.
 */
import path from 'node:path';

/** Repository root (this file lives in `platform-config/src`). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Git-ignored folder for caches and runtime state. */
export const DATA_DIR = path.join(PROJECT_ROOT, '.data');

/** Git-ignored folder for test artefacts (screenshots). */
export const TEST_OUTPUT_DIR = path.join(PROJECT_ROOT, 'test-output');

/** The plugin packages the harness serves, by package name, with their build folders. */
export const PLUGIN_PACKAGES = [
  {
    packageName: 'ohif-extension-dotatate-liver',
    kind: 'extension' as const,
    distDir: path.join(PROJECT_ROOT, 'extensions', 'dotatate-liver', 'dist'),
  },
  {
    packageName: 'ohif-mode-dotatate-review',
    kind: 'mode' as const,
    distDir: path.join(PROJECT_ROOT, 'modes', 'dotatate-review', 'dist'),
  },
];

export type PluginPackage = (typeof PLUGIN_PACKAGES)[number];

/** URL prefix under which a plugin's dist folder is served. */
export function pluginUrlPrefix(packageName: string): string {
  return `/plugins/${packageName}/`;
}
