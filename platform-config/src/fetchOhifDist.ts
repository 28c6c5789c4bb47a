/**
 * Obtains the pinned, published OHIF viewer (`@ohif/app`) prebuilt `dist` with `npm pack`,
 * verifies the tarball against its pinned sha512 integrity, and caches the extracted folder under
 * `.data/ohif-app-<version>/` so that a second run returns at once.
 *
 * Run directly: `npx tsx platform-config/src/fetchOhifDist.ts` prints the dist folder.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { DATA_DIR } from './paths';

const execFileAsync = promisify(execFile);

/** The host this project is developed and tested against (see the design notes). */
export const OHIF_APP_PACKAGE = '@ohif/app';
export const OHIF_APP_VERSION = '3.13.2';
/** Subresource-integrity string the registry publishes for that exact tarball. */
export const OHIF_APP_INTEGRITY =
  'sha512-WZdxmpmG7rqFgW9ZJLcbgr3XCtLi1KDNPoMaeY5PPe6j4G4fjEjjkycZM6C6Zk2F87BKxFfpq+jd5xXZB9E8EA==';

const COMPLETE_MARKER = '.complete.json';

export interface FetchOptions {
  /** Folder holding the cache (default: the project's `.data/`). */
  cacheRoot?: string;
  /** Expected integrity (default: the pinned one); overridable to test the mismatch path. */
  integrity?: string;
  /** Progress messages (default: stderr). */
  log?: (message: string) => void;
  /** Produces the tarball of `spec` in `destination` and returns its path (default: `npm pack`). */
  packTarball?: (spec: string, destination: string) => Promise<string>;
}

export interface OhifDist {
  /** Absolute path of the viewer's `dist` folder (holds index.html, app-config.js, bundles). */
  distDir: string;
  /** True when the cache already held a verified copy. */
  fromCache: boolean;
}

/** Computes the `sha512-<base64>` integrity string of a file's bytes. */
export function integrityOf(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** Folder under which the given version is cached. */
export function cacheDirFor(cacheRoot: string, version = OHIF_APP_VERSION): string {
  return path.join(cacheRoot, `ohif-app-${version}`);
}

/**
 * Returns the verified, extracted dist, downloading it with `npm pack` only when the cache lacks it.
 * Extraction happens in a sibling temp folder that is renamed into place, so an interrupted run
 * never leaves a half-written cache behind.
 */
export async function fetchOhifDist(options: FetchOptions = {}): Promise<OhifDist> {
  const cacheRoot = options.cacheRoot ?? DATA_DIR;
  const expectedIntegrity = options.integrity ?? OHIF_APP_INTEGRITY;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const cacheDir = cacheDirFor(cacheRoot);
  const distDir = path.join(cacheDir, 'package', 'dist');

  if (await isVerifiedCache(cacheDir, expectedIntegrity)) {
    return { distDir, fromCache: true };
  }

  await mkdir(cacheRoot, { recursive: true });
  const workDir = path.join(cacheRoot, `.ohif-download-${randomBytes(4).toString('hex')}`);
  await mkdir(workDir, { recursive: true });
  try {
    log(`Downloading ${OHIF_APP_PACKAGE}@${OHIF_APP_VERSION} with npm pack ...`);
    const tarball = await (options.packTarball ?? npmPack)(`${OHIF_APP_PACKAGE}@${OHIF_APP_VERSION}`, workDir);
    const actualIntegrity = integrityOf(await readFile(tarball));
    if (actualIntegrity !== expectedIntegrity) {
      throw new Error(
        `${OHIF_APP_PACKAGE}@${OHIF_APP_VERSION}: the downloaded tarball's integrity ${actualIntegrity} ` +
          `does not match the pinned ${expectedIntegrity}. Refusing to use it.`,
      );
    }
    const extractDir = path.join(workDir, 'extracted');
    await mkdir(extractDir);
    await execFileAsync('tar', ['-xzf', tarball, '-C', extractDir]);
    if (!existsSync(path.join(extractDir, 'package', 'dist', 'index.html'))) {
      throw new Error(`${OHIF_APP_PACKAGE}@${OHIF_APP_VERSION}: the tarball has no package/dist/index.html.`);
    }
    await writeFile(
      path.join(extractDir, COMPLETE_MARKER),
      JSON.stringify({ package: OHIF_APP_PACKAGE, version: OHIF_APP_VERSION, integrity: actualIntegrity }, null, 2),
    );
    // A concurrent run (another test worker) may have finished first: keep its copy in place.
    if (await isVerifiedCache(cacheDir, expectedIntegrity)) return { distDir, fromCache: true };
    await rm(cacheDir, { recursive: true, force: true });
    try {
      await rename(extractDir, cacheDir);
    } catch (error) {
      // Another process may have finished the same download first; its copy is as good as ours.
      if (!(await isVerifiedCache(cacheDir, expectedIntegrity))) throw error;
    }
    log(`Cached the verified OHIF dist in ${cacheDir}`);
    return { distDir, fromCache: false };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function isVerifiedCache(cacheDir: string, integrity: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(path.join(cacheDir, COMPLETE_MARKER), 'utf8')) as { integrity?: string };
    return marker.integrity === integrity && existsSync(path.join(cacheDir, 'package', 'dist', 'index.html'));
  } catch {
    return false;
  }
}

/** Runs `npm pack <spec>` into `destination` and returns the tarball's path. */
async function npmPack(spec: string, destination: string): Promise<string> {
  try {
    await execFileAsync('npm', ['pack', spec, '--pack-destination', destination, '--silent'], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`npm pack ${spec} failed (is the npm registry reachable?): ${stderr.trim() || String(error)}`);
  }
  const tarballs = (await readdir(destination)).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) {
    throw new Error(`npm pack ${spec} produced ${tarballs.length} tarballs in ${destination}, expected one.`);
  }
  return path.join(destination, tarballs[0]);
}

if (require.main === module) {
  const started = Date.now();
  fetchOhifDist()
    .then(({ distDir, fromCache }) => {
      process.stdout.write(`${distDir}\n`);
      process.stderr.write(`${fromCache ? 'From cache' : 'Downloaded'} in ${((Date.now() - started) / 1000).toFixed(2)} s\n`);
    })
    .catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
