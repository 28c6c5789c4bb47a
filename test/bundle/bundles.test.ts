/**
 * Inspects the built plugin bundles (`npm run build` runs before the tests): no copy of a package
 * the host shares may be inside, both entry points must export the same plugin object, and the
 * package metadata must satisfy OHIF's runtime-plugin contract.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const root = path.resolve(__dirname, '../..');
const packages = [
  { dir: 'extensions/dotatate-liver', keyword: 'ohif-extension', hasCss: true },
  { dir: 'modes/dotatate-review', keyword: 'ohif-mode', hasCss: false },
];

/** Strings that only a bundled copy of a shared package would contain. */
const SHARED_PACKAGE_SIGNATURES: Record<string, string[]> = {
  react: ['__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED', 'Symbol.for("react.element")', "Symbol.for('react.element')", 'react.transitional.element'],
  'react-dom': ['__reactFiber$', 'reconcileChildFibers', 'Minified React error', '__reactContainer$'],
  // Definitions and internals only: the DICOM layer legitimately calls dcmjs.data.DicomMessage etc.
  dcmjs: ['var DicomMessage = ', 'class DicomMessage', 'ReadBufferStream', 'Invalid DICOM file, expected header is missing'],
  '@cornerstonejs/core': ['class RenderingEngine', 'RenderingEngine', 'imageLoadPoolManager', 'VolumeViewport'],
  '@cornerstonejs/tools': ['ToolGroupManager', 'SegmentationDisplayTool', 'annotationState'],
  'gl-matrix': ['fromValues', 'GLMAT_EPSILON', 'ARRAY_TYPE'],
  '@ohif/core': ['ProtocolEngine::', 'HangingProtocolService', 'DisplaySetService', 'event::displaySetService', 'ExtensionManager'],
};

function readJson(file: string) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe.each(packages)('$dir bundles', ({ dir, keyword, hasCss }) => {
  const packageDir = path.join(root, dir);
  const packageJson = readJson(path.join(packageDir, 'package.json'));
  const bundleFiles = ['dist/index.umd.js', 'dist/index.mjs'];

  test('were built', () => {
    for (const file of [...bundleFiles, ...bundleFiles.map(file => `${file}.map`)]) {
      expect(existsSync(path.join(packageDir, file))).toBe(true);
    }
  });

  test.each(bundleFiles)('%s contains no copy of a shared package', file => {
    const code = readFileSync(path.join(packageDir, file), 'utf8');
    const found = Object.entries(SHARED_PACKAGE_SIGNATURES).flatMap(([name, signatures]) =>
      signatures.filter(signature => code.includes(signature)).map(signature => `${name}: ${signature}`),
    );
    expect(found).toEqual([]);
  });

  test.each(bundleFiles)('%s: its source map lists only our sources and @cornerstonejs/calculate-suv', file => {
    const sources: string[] = readJson(path.join(packageDir, `${file}.map`)).sources;
    const fromPackages = sources.filter(source => source.includes('node_modules/'));
    const foreign = fromPackages.filter(source => !source.includes('node_modules/@cornerstonejs/calculate-suv/'));
    expect(foreign).toEqual([]);
    // Shared packages are replaced by host-global readers, so none appears as a source.
    expect(sources.filter(source => /node_modules\/(react|react-dom|dcmjs|gl-matrix|@ohif)\//.test(source))).toEqual([]);
  });

  test('both entry points export the same plugin object, with id = package name and every module entry named', () => {
    const summary = JSON.parse(
      execFileSync(process.execPath, [path.join(__dirname, 'describeEntryPoints.mjs'), packageDir], { cwd: root, encoding: 'utf8' }),
    );
    expect(summary.esmError).toBeUndefined();
    expect(summary.umdError).toBeUndefined();
    expect(summary.esm).toEqual(summary.umd);
    expect(summary.umd.id).toBe(packageJson.name);
    for (const names of Object.values(summary.umd.modules as Record<string, (string | null)[]>)) {
      expect(names.length).toBeGreaterThan(0);
      expect(names.every(name => typeof name === 'string' && name.length > 0)).toBe(true);
    }
  });

  test('a host that publishes no shared package gets an error naming the missing one', () => {
    const summary = JSON.parse(
      execFileSync(process.execPath, [path.join(__dirname, 'describeEntryPoints.mjs'), packageDir, '--no-host-globals'], {
        cwd: root,
        encoding: 'utf8',
      }),
    );
    if (dir.startsWith('extensions/')) {
      // Whichever shared package the bundle binds first is the one named.
      const missingShared = /did not provide the shared package (react|react-dom|react\/jsx-runtime|dcmjs|@cornerstonejs\/core) as window\["/;
      expect(summary.umdError).toMatch(missingShared);
      expect(summary.esmError).toMatch(missingShared);
    } else {
      // The mode imports no shared package, so it loads on any host.
      expect(summary.umd.id).toBe(packageJson.name);
    }
  });

  test('package.json follows the plugin contract', () => {
    expect(packageJson.keywords).toContain(keyword);
    const range = packageJson.peerDependencies['@ohif/core'];
    expect(semver.validRange(range)).not.toBeNull();
    expect(semver.satisfies('3.13.2', range)).toBe(true);
    expect(semver.satisfies('3.14.0', range)).toBe(false);
    expect(semver.satisfies('3.12.1', range)).toBe(false);
    const installedCore = readJson(require.resolve('@ohif/core/package.json')).version;
    expect(semver.satisfies(installedCore, range)).toBe(true);
    for (const field of ['main', 'module']) {
      expect(packageJson[field]).toMatch(/^src\//);
      expect(existsSync(path.join(packageDir, packageJson[field]))).toBe(true);
    }
  });

  if (hasCss) {
    test('ships self-contained panel CSS scoped to the panel', () => {
      const css = readFileSync(path.join(packageDir, 'dist/index.css'), 'utf8');
      expect(css.length).toBeGreaterThan(200);
      expect(css).not.toMatch(/@import|url\(/);
      const selectors = css
        .replace(/\{[^}]*\}/g, '\n')
        .split(/[\n,]/)
        .map(selector => selector.trim())
        .filter(Boolean);
      expect(selectors.filter(selector => !selector.startsWith('.dtl-'))).toEqual([]);
      // The bundle injects the same stylesheet at run time.
      expect(readFileSync(path.join(packageDir, 'dist/index.umd.js'), 'utf8')).toContain('.dtl-panel{');
    });
  }
});
