/**
 * The host shim against the real pinned OHIF dist (its module identification and its browser
 * glue), and against a fake host that lacks the signatures (it must name what is missing).
 */
import {
  ALL_SHARED_PACKAGE_NAMES,
  identifySharedModules,
  MODULE_TABLE_PACKAGES,
} from '../../platform-config/src/shim/sharedPackages';
import { BANNER_ID, installHostShim, type HostRequire, type ShimStatus } from '../../platform-config/src/shim/browserShim';
import { OHIF_CHUNK_LOADING_GLOBAL } from '../../platform-config/src/appConfig';
import { createFakeWindow, readAppBundle, runHostRuntime } from './hostBundle';

const shimConfig = { chunkLoadingGlobal: OHIF_CHUNK_LOADING_GLOBAL, hostGlobalsTimeoutMs: 300 };

let bundle: Awaited<ReturnType<typeof readAppBundle>>;

beforeAll(async () => {
  bundle = await readAppBundle();
}, 120_000);

describe('module identification in the pinned OHIF dist', () => {
  let hostRequire: HostRequire;
  beforeAll(() => {
    hostRequire = runHostRuntime(createFakeWindow(), bundle);
  });

  it('finds exactly one module for each shared package', () => {
    const identification = identifySharedModules(hostRequire.m);
    expect(identification.missing).toEqual([]);
    expect(identification.duplicates).toEqual({});
    expect(Object.keys(identification.found).sort()).toEqual(MODULE_TABLE_PACKAGES.map((spec) => spec.name).sort());
  });

  it('the identified modules export the packages with the expected shapes', () => {
    const { found } = identifySharedModules(hostRequire.m);
    const exportsOf = (name: string): Record<string, unknown> => {
      const spec = MODULE_TABLE_PACKAGES.find((candidate) => candidate.name === name)!;
      return spec.pickExport(hostRequire(found[name])) as Record<string, unknown>;
    };
    const react = exportsOf('react');
    expect(react.version).toMatch(/^18\./);
    expect(typeof react.useState).toBe('function');
    expect(exportsOf('react-dom').version).toMatch(/^18\./);
    const jsxRuntime = exportsOf('react/jsx-runtime');
    // The JSX runtime must create elements of the same React (same element symbol).
    const element = (jsxRuntime.jsx as (type: string, props: object) => { $$typeof: symbol })('div', {});
    expect(element.$$typeof).toBe((react.createElement as (type: string) => { $$typeof: symbol })('div').$$typeof);
    const dcmjs = exportsOf('dcmjs') as { data: Record<string, unknown> };
    expect(typeof dcmjs.data.DicomMessage).toBe('function');
    expect(typeof dcmjs.data.DicomMetaDictionary).toBe('function');
  });
});

describe('browser glue on the real host runtime', () => {
  it('publishes the shared packages on window and lets plugin imports through once cornerstone is set', async () => {
    const win = createFakeWindow();
    const importedSpecifiers: string[] = [];
    win.browserImportFunction = async (specifier: string) => {
      importedSpecifiers.push(specifier);
      return { default: { id: specifier } };
    };
    const status = installHostShim(shimConfig, win);
    runHostRuntime(win, bundle);

    expect(status.phase).toBe('host-found');
    expect((win.react as { version: string }).version).toMatch(/^18\./);
    expect(typeof (win['react/jsx-runtime'] as { jsx: unknown }).jsx).toBe('function');
    expect(typeof (win.dcmjs as { data: { DicomMessage: unknown } }).data.DicomMessage).toBe('function');
    expect(win['@cornerstonejs/core']).toBeUndefined();

    // OHIF's cornerstone extension sets these globals when it loads.
    const cornerstone = { RenderingEngine: class {} };
    const cornerstoneTools = { ToolGroupManager: {} };
    win.cornerstone = cornerstone;
    win.cornerstoneTools = cornerstoneTools;
    const browserImport = win.browserImportFunction as (specifier: string) => Promise<unknown>;
    await expect(browserImport('ohif-extension-dotatate-liver')).resolves.toEqual({
      default: { id: 'ohif-extension-dotatate-liver' },
    });
    expect(importedSpecifiers).toEqual(['ohif-extension-dotatate-liver']);
    expect(win['@cornerstonejs/core']).toBe(cornerstone);
    expect(win['@cornerstonejs/tools']).toBe(cornerstoneTools);
    expect(status.phase).toBe('ready');
    expect(Object.keys(status.found).sort()).toEqual([...ALL_SHARED_PACKAGE_NAMES].sort());
  });

  it('fails naming the cornerstone packages when the host never sets them', async () => {
    const win = createFakeWindow();
    const errors: string[] = [];
    win.console = { ...console, error: (message: string) => errors.push(message) };
    win.browserImportFunction = async () => ({ default: {} });
    const status = installHostShim(shimConfig, win);
    runHostRuntime(win, bundle);

    const browserImport = win.browserImportFunction as (specifier: string) => Promise<unknown>;
    await expect(browserImport('ohif-mode-dotatate-review')).rejects.toThrow(
      /could not find @cornerstonejs\/core, @cornerstonejs\/tools/,
    );
    expect(status.phase).toBe('failed');
    expect(status.missing).toEqual(['@cornerstonejs/core', '@cornerstonejs/tools']);
    expect(errors).toHaveLength(1);
  });
});

/** A stand-in for `document` that records the banner the shim shows. */
function createFakeDocument(): {
  document: object;
  banners: Array<{ id: string; textContent: string; role?: string }>;
  listeners: Array<{ type: string; listener: () => void }>;
} {
  const banners: Array<{ id: string; textContent: string; role?: string }> = [];
  const listeners: Array<{ type: string; listener: () => void }> = [];
  const document = {
    body: {
      appendChild: (element: { id: string; textContent: string; attributes: Record<string, string> }) =>
        banners.push({ id: element.id, textContent: element.textContent, role: element.attributes.role }),
    },
    getElementById: (id: string) => banners.find((banner) => banner.id === id) ?? null,
    createElement: () => {
      const attributes: Record<string, string> = {};
      return { id: '', textContent: '', style: {}, attributes, setAttribute: (key: string, value: string) => (attributes[key] = value) };
    },
    addEventListener: (type: string, listener: () => void) => listeners.push({ type, listener }),
  };
  return { document, banners, listeners };
}

describe('a host whose shim signatures are missing', () => {
  function runFakeHost(moduleSources: Record<string, string>): {
    status: ShimStatus;
    errors: string[];
    banners: ReturnType<typeof createFakeDocument>['banners'];
    browserImport: (specifier: string) => Promise<unknown>;
  } {
    const { document, banners } = createFakeDocument();
    const errors: string[] = [];
    const win: Record<string, unknown> = {
      document,
      console: { error: (message: string) => errors.push(message) },
      browserImportFunction: async () => ({ default: {} }),
      cornerstone: { RenderingEngine: class {} },
      cornerstoneTools: { ToolGroupManager: {} },
    };
    const status = installHostShim(shimConfig, win);
    // What the host's rspack runtime does with every chunk on the array when it starts.
    const factories: Record<string, () => void> = {};
    for (const [id, source] of Object.entries(moduleSources)) {
      factories[id] = Object.assign(() => undefined, { toString: () => source });
    }
    const fakeRequire = Object.assign((id: string) => ({ id }), { m: factories }) as unknown as HostRequire;
    for (const chunk of win[OHIF_CHUNK_LOADING_GLOBAL] as Array<[unknown, unknown, (r: HostRequire) => void]>) {
      chunk[2](fakeRequire);
    }
    return { status, errors, banners, browserImport: win.browserImportFunction as (specifier: string) => Promise<unknown> };
  }

  it('names every missing package in the status, the console and a visible banner, and blocks plugin imports', async () => {
    const { status, errors, banners, browserImport } = runFakeHost({
      1: '"use strict"; /** react.production.min.js */ exports.useState=function(){}; exports.createElement=function(){};',
      2: 'module.exports = { somethingElse: true };',
    });
    expect(status.phase).toBe('failed');
    expect(status.missing).toEqual(['react-dom', 'react/jsx-runtime', 'dcmjs']);
    expect(status.found).toEqual({ react: 'module 1' });
    expect(errors).toEqual([expect.stringContaining('could not find react-dom, react/jsx-runtime, dcmjs')]);
    expect(banners).toEqual([{ id: BANNER_ID, role: 'alert', textContent: status.message }]);
    await expect(browserImport('ohif-extension-dotatate-liver')).rejects.toThrow('react-dom, react/jsx-runtime, dcmjs');
  });

  it('names all four module-table packages when the host has none of them', () => {
    const { status } = runFakeHost({ 7: 'console.log("unrelated")' });
    expect(status.missing).toEqual(MODULE_TABLE_PACKAGES.map((spec) => spec.name));
  });

  it('fails naming the module-table packages when the host runtime never picks up the shim chunk', () => {
    const { document, banners, listeners } = createFakeDocument();
    const errors: string[] = [];
    const win: Record<string, unknown> = { document, console: { error: (message: string) => errors.push(message) } };
    const status = installHostShim({ ...shimConfig, chunkLoadingGlobal: 'webpackChunkSomeOtherHost' }, win);
    // The page finished parsing and no runtime called us.
    for (const { type, listener } of listeners) if (type === 'DOMContentLoaded') listener();
    expect(status.phase).toBe('failed');
    expect(status.missing).toEqual(['react', 'react-dom', 'react/jsx-runtime', 'dcmjs']);
    expect(errors).toHaveLength(1);
    expect(banners[0].textContent).toContain('react, react-dom, react/jsx-runtime, dcmjs');
  });
});
