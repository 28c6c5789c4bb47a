/**
 * Browser glue of the host shim, bundled into an IIFE and prepended to the harness `app-config.js`.
 *
 * It runs before the OHIF app bundle. It pushes a chunk onto the bundle's chunk-loading array
 * (`globalThis.rspackChunk`); when the app bundle starts, its runtime calls our chunk's runtime
 * callback with the host's `__webpack_require__`. From its module factories (`.m`) we identify
 * React, react-dom, react/jsx-runtime and dcmjs (see `sharedPackages.ts`) and define lazy getters
 * `window['react']` etc. The cornerstone packages alias the globals OHIF's cornerstone extension
 * sets. Before a plugin is imported, every shared package must resolve; otherwise the shim fails
 * loudly: a visible banner, `console.error`, and `window.__dotatateShimStatus.missing`.
 */
import {
  HOST_GLOBAL_PACKAGES,
  MODULE_TABLE_PACKAGES,
  identifySharedModules,
  missingPackagesMessage,
  type ModuleFactoryTable,
} from './sharedPackages';

/** The host bundler's require function as the chunk runtime callback receives it. */
export interface HostRequire {
  (moduleId: string): unknown;
  m: ModuleFactoryTable;
}

type ChunkEntry = [Array<string | number>, Record<string, unknown>, (hostRequire: HostRequire) => void];

/** The slice of `window` the shim touches; a plain object stands in for it in tests. */
export interface ShimWindow {
  [key: string]: unknown;
  browserImportFunction?: (specifier: string) => Promise<unknown>;
  document?: Document;
  console?: Console;
}

export interface ShimConfig {
  /** Name of the host's chunk-loading global (`rspackChunk` in OHIF 3.13's rspack build). */
  chunkLoadingGlobal: string;
  /** How long a plugin import waits for the host to set its cornerstone globals. */
  hostGlobalsTimeoutMs: number;
}

export type ShimPhase = 'waiting-for-host' | 'host-found' | 'ready' | 'failed';

export interface ShimStatus {
  phase: ShimPhase;
  /** Package name → where it came from (`module <id>` or `window.<global>`). */
  found: Record<string, string>;
  /** Packages that could not be provided; non-empty only when `phase` is 'failed'. */
  missing: string[];
  message?: string;
}

export const STATUS_KEY = '__dotatateShimStatus';
export const BANNER_ID = 'dotatate-host-shim-error';
const SHIM_CHUNK_ID = 'dotatate-host-shim';
const POLL_INTERVAL_MS = 50;

/** Installs the shim on `win`; returns the live status object (also at `win.__dotatateShimStatus`). */
export function installHostShim(config: ShimConfig, win: ShimWindow = globalThis as unknown as ShimWindow): ShimStatus {
  const status: ShimStatus = { phase: 'waiting-for-host', found: {}, missing: [] };
  win[STATUS_KEY] = status;
  /** Package name → a resolver returning the package or undefined. */
  const resolvers = new Map<string, () => unknown>();

  const fail = (missing: string[]): void => {
    if (status.phase === 'failed') return;
    status.phase = 'failed';
    status.missing = missing;
    status.message = missingPackagesMessage(missing);
    (win.console ?? console).error(status.message);
    showBanner(win, status.message);
  };

  const onHostRuntime = (hostRequire: HostRequire): void => {
    const identification = identifySharedModules(hostRequire.m ?? {}, MODULE_TABLE_PACKAGES);
    for (const spec of MODULE_TABLE_PACKAGES) {
      const moduleId = identification.found[spec.name];
      if (moduleId === undefined) continue;
      let cached: unknown;
      const resolve = (): unknown => (cached ??= spec.pickExport(hostRequire(moduleId)));
      resolvers.set(spec.name, resolve);
      status.found[spec.name] = `module ${moduleId}`;
      defineLazyGlobal(win, spec.name, resolve);
    }
    wrapPluginImports(win, whenSharedPackagesReady);
    if (identification.missing.length > 0) fail(identification.missing);
    else if (status.phase === 'waiting-for-host') status.phase = 'host-found';
  };

  for (const spec of HOST_GLOBAL_PACKAGES) {
    const resolve = (): unknown => {
      const value = win[spec.hostGlobal] as Record<string, unknown> | undefined;
      return value && spec.requiredMember in value ? value : undefined;
    };
    resolvers.set(spec.name, resolve);
    defineLazyGlobal(win, spec.name, resolve);
  }

  const chunks = (win[config.chunkLoadingGlobal] as ChunkEntry[] | undefined) ?? [];
  win[config.chunkLoadingGlobal] = chunks;
  chunks.push([[SHIM_CHUNK_ID], {}, onHostRuntime]);
  // The app bundle is deferred, so it has run by DOMContentLoaded: if its runtime never called
  // us, this host does not use the chunk format the shim knows.
  win.document?.addEventListener('DOMContentLoaded', () => {
    if (status.phase === 'waiting-for-host') fail(MODULE_TABLE_PACKAGES.map((spec) => spec.name));
  });

  /** Names of shared packages that do not resolve right now (resolving runs the lazy getters). */
  const unresolved = (): string[] => {
    const names = [...MODULE_TABLE_PACKAGES, ...HOST_GLOBAL_PACKAGES].map((spec) => spec.name);
    return names.filter((name) => {
      const resolve = resolvers.get(name);
      try {
        return resolve === undefined || resolve() === undefined;
      } catch {
        return true;
      }
    });
  };

  /** Resolves once every shared package is available; rejects naming the missing ones. */
  const whenSharedPackagesReady = async (): Promise<void> => {
    const deadline = Date.now() + config.hostGlobalsTimeoutMs;
    for (;;) {
      if (status.phase === 'failed') throw new Error(status.message);
      const missing = unresolved();
      if (missing.length === 0) {
        for (const spec of HOST_GLOBAL_PACKAGES) status.found[spec.name] = `window.${spec.hostGlobal}`;
        status.phase = 'ready';
        return;
      }
      // Until the host runtime has called us, React & co. cannot be found yet: keep waiting.
      if (Date.now() > deadline) {
        fail(missing);
        throw new Error(status.message);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  };
  win.__dotatateWhenSharedPackagesReady = whenSharedPackagesReady;
  return status;
}

/**
 * OHIF loads extensions and modes it does not bundle with `window.browserImportFunction`, which
 * `index.html` declares after `app-config.js` runs (a global function declaration, so it cannot be
 * intercepted earlier). The host runtime calls us once the app bundle starts, after that
 * declaration; we wrap it then so that no plugin evaluates before the shared packages are in place.
 */
function wrapPluginImports(win: ShimWindow, whenReady: () => Promise<void>): void {
  const original = win.browserImportFunction;
  if (typeof original !== 'function') return;
  win.browserImportFunction = async (specifier: string) => {
    await whenReady();
    return original(specifier);
  };
}

function defineLazyGlobal(win: ShimWindow, name: string, resolve: () => unknown): void {
  Object.defineProperty(win, name, { configurable: true, enumerable: false, get: resolve });
}

function showBanner(win: ShimWindow, message: string): void {
  const doc = win.document;
  if (!doc) return;
  const render = (): void => {
    if (doc.getElementById(BANNER_ID)) return;
    const banner = doc.createElement('div');
    banner.id = BANNER_ID;
    banner.setAttribute('role', 'alert');
    banner.textContent = message;
    banner.style.cssText =
      'position:fixed;top:0;left:0;right:0;z-index:2147483647;padding:12px 16px;' +
      'background:#7f1d1d;color:#fff;font:14px/1.4 sans-serif;';
    doc.body.appendChild(banner);
  };
  if (doc.body) render();
  else doc.addEventListener('DOMContentLoaded', render);
}
