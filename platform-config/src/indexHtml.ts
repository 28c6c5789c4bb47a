/**
 * Rewrites the OHIF dist's `index.html` for the harness: an import map so that the extension and
 * mode named by package name in `app-config.js` resolve to our builds under `/plugins/...` (as a
 * build-time host resolves them), and a stylesheet link for each plugin that ships `index.css`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { pluginUrlPrefix, type PluginPackage } from './paths';

/** Package name → URL of its ESM entry, as an import map's `imports`. */
export function pluginImportMap(plugins: readonly PluginPackage[]): { imports: Record<string, string> } {
  const imports: Record<string, string> = {};
  for (const plugin of plugins) imports[plugin.packageName] = `${pluginUrlPrefix(plugin.packageName)}index.mjs`;
  return { imports };
}

/**
 * Returns `html` with the import map and stylesheet links inserted at the top of `<head>`: an
 * import map must precede every module script (the dist has one in `<head>`).
 */
export function injectPluginsIntoIndexHtml(html: string, plugins: readonly PluginPackage[]): string {
  const headOpen = /<head[^>]*>/i.exec(html);
  if (!headOpen) throw new Error('The OHIF index.html has no <head> element; cannot inject the plugin import map.');
  const stylesheets = plugins
    .filter((plugin) => existsSync(path.join(plugin.distDir, 'index.css')))
    .map((plugin) => `<link rel="stylesheet" href="${pluginUrlPrefix(plugin.packageName)}index.css">`);
  const injected = [
    `<script type="importmap">${JSON.stringify(pluginImportMap(plugins))}</script>`,
    ...stylesheets,
  ].join('');
  const insertAt = headOpen.index + headOpen[0].length;
  return html.slice(0, insertAt) + injected + html.slice(insertAt);
}
