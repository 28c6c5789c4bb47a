/**
 * Obtaining the pinned OHIF dist: the integrity check refuses a tarball that is not the pinned one,
 * a verified download is cached, and a second run uses the cache without downloading.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { cacheDirFor, fetchOhifDist, integrityOf, OHIF_APP_INTEGRITY } from '../../platform-config/src/fetchOhifDist';

const execFileAsync = promisify(execFile);

let workDir: string;
let tarball: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'ohif-fetch-test-'));
  // A tarball laid out like an npm package of the viewer.
  const source = path.join(workDir, 'source');
  await mkdir(path.join(source, 'package', 'dist'), { recursive: true });
  await writeFile(path.join(source, 'package', 'dist', 'index.html'), '<!doctype html><html><head></head></html>');
  tarball = path.join(workDir, 'viewer.tgz');
  await execFileAsync('tar', ['-czf', tarball, '-C', source, 'package']);
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A stand-in for `npm pack` that copies our tarball and counts its calls. */
function fakePack(): { calls: string[]; pack: (spec: string, destination: string) => Promise<string> } {
  const calls: string[] = [];
  return {
    calls,
    pack: async (spec, destination) => {
      calls.push(spec);
      const target = path.join(destination, 'ohif-app-3.13.2.tgz');
      await writeFile(target, await readFile(tarball));
      return target;
    },
  };
}

describe('fetchOhifDist', () => {
  it('refuses a tarball whose integrity is not the pinned one and caches nothing', async () => {
    const cacheRoot = path.join(workDir, 'cache');
    const { pack } = fakePack();
    const actual = integrityOf(await readFile(tarball));
    await expect(fetchOhifDist({ cacheRoot, packTarball: pack, log: () => undefined })).rejects.toThrow(
      `@ohif/app@3.13.2: the downloaded tarball's integrity ${actual} does not match the pinned ${OHIF_APP_INTEGRITY}. Refusing to use it.`,
    );
    expect(existsSync(cacheDirFor(cacheRoot))).toBe(false);
  });

  it('extracts a verified tarball once, then serves the cache without downloading', async () => {
    const cacheRoot = path.join(workDir, 'cache');
    const { calls, pack } = fakePack();
    const integrity = integrityOf(await readFile(tarball));
    const first = await fetchOhifDist({ cacheRoot, integrity, packTarball: pack, log: () => undefined });
    expect(first.fromCache).toBe(false);
    expect(await readFile(path.join(first.distDir, 'index.html'), 'utf8')).toContain('<html>');
    const second = await fetchOhifDist({ cacheRoot, integrity, packTarball: pack, log: () => undefined });
    expect(second).toEqual({ distDir: first.distDir, fromCache: true });
    expect(calls).toEqual(['@ohif/app@3.13.2']);
  });

  it('does not trust a cache verified against another integrity', async () => {
    const cacheRoot = path.join(workDir, 'cache');
    const { calls, pack } = fakePack();
    const integrity = integrityOf(await readFile(tarball));
    await fetchOhifDist({ cacheRoot, integrity, packTarball: pack, log: () => undefined });
    await expect(fetchOhifDist({ cacheRoot, packTarball: pack, log: () => undefined })).rejects.toThrow('does not match the pinned');
    expect(calls).toHaveLength(2);
  });
});
