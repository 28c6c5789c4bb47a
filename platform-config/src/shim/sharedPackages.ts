/**
 * Identifies the host's shared packages inside a prebuilt OHIF bundle.
 *
 * The published OHIF 3.13 dist bundles React, react-dom, react/jsx-runtime and dcmjs into its own
 * rspack module table without publishing them on `window`. Runtime plugins declare these packages
 * as externals read from `window[packageName]`, so the harness must find the host's copies (one
 * React per page, or hooks break). Module ids are build-specific numbers, so we identify each
 * module by text that only its source contains (licence banners and export assignments of the
 * production builds), then check the shape of what the module exports.
 *
 * Everything here is pure: it takes a module table and returns what it found. The browser glue
 * (`browserShim.ts`) supplies the live table from the host's `__webpack_require__`.
 */

/** A package the plugins read from `window[name]` and the host must provide. */
export interface SharedPackageSpec {
  /** The package name, also the `window` key the plugins read. */
  name: string;
  /** Every string must occur in the module factory's source text. */
  sourceSignature: readonly string[];
  /**
   * From the module's exports, picks the value to publish (the package as `import * as X` sees it),
   * or returns undefined when the exports do not have the expected shape.
   */
  pickExport: (moduleExports: unknown) => unknown;
}

/** A shared package the host provides as a global rather than through its module table. */
export interface GlobalAliasSpec {
  name: string;
  /** The `window` property the host sets to this package. */
  hostGlobal: string;
  /** A property every genuine copy has, checked before the alias is trusted. */
  requiredMember: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

function hasFunctions(value: unknown, names: readonly string[]): boolean {
  return isObject(value) && names.every((name) => typeof value[name] === 'function');
}

/** Returns `exports` itself when it has all the named functions. */
function exportsWithFunctions(names: readonly string[]) {
  return (moduleExports: unknown): unknown => (hasFunctions(moduleExports, names) ? moduleExports : undefined);
}

/**
 * dcmjs is an ES module in the host build, so its exports are re-keyed with mangled names; the
 * package object is the export that carries `data.DicomMessage` and `data.DicomMetaDictionary`.
 */
function pickDcmjs(moduleExports: unknown): unknown {
  if (!isObject(moduleExports)) return undefined;
  const candidates = [moduleExports, ...Object.keys(moduleExports).map((key) => moduleExports[key])];
  return candidates.find(
    (candidate) =>
      isObject(candidate) &&
      hasFunctions(candidate.data, ['DicomMessage', 'DicomMetaDictionary']) &&
      isObject(candidate.normalizers),
  );
}

/** The packages found through the host's module table, with their source signatures. */
export const MODULE_TABLE_PACKAGES: readonly SharedPackageSpec[] = [
  {
    name: 'react',
    sourceSignature: ['react.production', 'exports.useState=', 'exports.createElement='],
    pickExport: exportsWithFunctions(['useState', 'useEffect', 'createElement']),
  },
  {
    name: 'react-dom',
    sourceSignature: ['react-dom.production', 'exports.createPortal=', 'exports.flushSync='],
    pickExport: exportsWithFunctions(['createPortal', 'flushSync']),
  },
  {
    name: 'react/jsx-runtime',
    sourceSignature: ['react-jsx-runtime.production', 'exports.jsx=', 'exports.jsxs='],
    pickExport: exportsWithFunctions(['jsx', 'jsxs']),
  },
  {
    name: 'dcmjs',
    sourceSignature: ['function DicomMetaDictionary(', 'var dcmjs = {', 'DICOMWEB: DICOMWEB'],
    pickExport: pickDcmjs,
  },
];

/** The packages the host publishes itself (OHIF's cornerstone extension sets these globals). */
export const HOST_GLOBAL_PACKAGES: readonly GlobalAliasSpec[] = [
  { name: '@cornerstonejs/core', hostGlobal: 'cornerstone', requiredMember: 'RenderingEngine' },
  { name: '@cornerstonejs/tools', hostGlobal: 'cornerstoneTools', requiredMember: 'ToolGroupManager' },
];

/** Every package name the shim is responsible for, in a stable order. */
export const ALL_SHARED_PACKAGE_NAMES: readonly string[] = [
  ...MODULE_TABLE_PACKAGES.map((spec) => spec.name),
  ...HOST_GLOBAL_PACKAGES.map((spec) => spec.name),
];

/** A module factory as the bundler stores it; its `toString()` is its source text. */
export type ModuleFactoryTable = Record<string, { toString(): string } | string>;

export interface Identification {
  /** Package name → the module id whose source matched its signature. */
  found: Record<string, string>;
  /** Packages with no matching module. */
  missing: string[];
  /** Packages with more than one matching module (ambiguous; the first match is kept in `found`). */
  duplicates: Record<string, string[]>;
}

/**
 * Finds, for each package in `specs`, the module in `factories` whose source contains every
 * string of the package's signature. Pure: it reads only the table's source texts.
 */
export function identifySharedModules(
  factories: ModuleFactoryTable,
  specs: readonly SharedPackageSpec[] = MODULE_TABLE_PACKAGES,
): Identification {
  const matches = new Map<string, string[]>(specs.map((spec) => [spec.name, []]));
  for (const moduleId of Object.keys(factories)) {
    const source = String(factories[moduleId]);
    for (const spec of specs) {
      if (spec.sourceSignature.every((needle) => source.includes(needle))) {
        matches.get(spec.name)?.push(moduleId);
      }
    }
  }
  const found: Record<string, string> = {};
  const missing: string[] = [];
  const duplicates: Record<string, string[]> = {};
  for (const spec of specs) {
    const ids = matches.get(spec.name) ?? [];
    if (ids.length === 0) missing.push(spec.name);
    else found[spec.name] = ids[0];
    if (ids.length > 1) duplicates[spec.name] = ids;
  }
  return { found, missing, duplicates };
}

/** Message shown to the user when shared packages cannot be provided to the plugins. */
export function missingPackagesMessage(missing: readonly string[]): string {
  return (
    `OHIF host shim: could not find ${missing.join(', ')} in the host application. ` +
    'The DOTATATE plugins need the host to share these packages; this OHIF build is not supported ' +
    'by the shim (see the hospital installation guide).'
  );
}
