/**
 * Orthanc start-up: clear messages for a missing binary or a taken port (from the library and from
 * the `npm start` entry point), and a real start, health check and clean stop.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { findFreePort, OrthancStartError, startOrthanc } from '../../platform-config/src/orthanc';
import { PROJECT_ROOT } from '../../platform-config/src/paths';

const execFileAsync = promisify(execFile);

let storageDir: string;
beforeEach(async () => {
  storageDir = await mkdtemp(path.join(os.tmpdir(), 'orthanc-test-'));
});
afterEach(async () => {
  await rm(storageDir, { recursive: true, force: true });
});

/** Occupies a loopback port for the duration of `body`. */
async function withPortTaken<T>(body: (port: number) => Promise<T>): Promise<T> {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
  try {
    return await body((blocker.address() as net.AddressInfo).port);
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
}

/** Runs the `npm start` entry point (after install and build) and returns its exit code and output. */
async function runStart(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await execFileAsync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['platform-config/src/start.ts', ...args], {
      cwd: PROJECT_ROOT,
      timeout: 60_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
}

describe('startOrthanc', () => {
  it('names the missing binary and the install command', async () => {
    const binary = path.join(storageDir, 'no-such-Orthanc');
    const port = await findFreePort();
    await expect(startOrthanc({ storageDir, httpPort: port, binary })).rejects.toThrow(OrthancStartError);
    await expect(startOrthanc({ storageDir, httpPort: port, binary })).rejects.toThrow(
      `the Orthanc binary ${binary} is missing or not executable. Install the Debian packages with: sudo apt-get install -y orthanc orthanc-dicomweb`,
    );
  });

  it('names the missing DICOMweb plugin', async () => {
    const dicomWebPlugin = path.join(storageDir, 'libOrthancDicomWeb.so');
    await expect(startOrthanc({ storageDir, httpPort: await findFreePort(), dicomWebPlugin })).rejects.toThrow(
      `the Orthanc DICOMweb plugin ${dicomWebPlugin} is missing`,
    );
  });

  it('takes over a storage folder whose recorded Orthanc process is gone', async () => {
    await writeFile(path.join(storageDir, 'orthanc.pid'), '999999999');
    const orthanc = await startOrthanc({ storageDir, httpPort: await findFreePort() });
    await orthanc.stop();
  });

  it('names the port that is already taken', async () => {
    await withPortTaken(async (port) => {
      await expect(startOrthanc({ storageDir, httpPort: port })).rejects.toThrow(
        `Orthanc cannot start: port ${port} is already in use by another process.`,
      );
    });
  });

  it('starts with DICOMweb on, answers its health check, and stops cleanly', async () => {
    const port = await findFreePort();
    const orthanc = await startOrthanc({ storageDir, httpPort: port });
    try {
      const system = (await (await orthanc.fetch('/system')).json()) as { Name: string };
      expect(system.Name).toBe('dotatate-liver-harness');
      const studies = await orthanc.fetch('/dicom-web/studies');
      expect(studies.status).toBe(200);
      // Without the harness's credential Orthanc answers nothing, even on loopback.
      expect((await fetch(`${orthanc.url}/system`)).status).toBe(401);
      expect((await fetch(`${orthanc.dicomWebUrl}/studies`)).status).toBe(401);
      // Its folder (patient data, the credential) is this user's only.
      expect((await stat(storageDir)).mode & 0o777).toBe(0o700);
      expect((await stat(path.join(storageDir, 'orthanc.json'))).mode & 0o777).toBe(0o600);
      expect(await studies.json()).toEqual([]);
      // A second Orthanc on the same storage would corrupt its index.
      await expect(startOrthanc({ storageDir, httpPort: await findFreePort() })).rejects.toThrow(
        `its storage folder ${storageDir} is in use by another Orthanc (process `,
      );
    } finally {
      await orthanc.stop();
    }
    await expect(fetch(`${orthanc.url}/system`)).rejects.toThrow();
  });
});

describe('npm start when Orthanc cannot start', () => {
  it('exits non-zero naming a taken port', async () => {
    await withPortTaken(async (port) => {
      const { code, stderr } = await runStart(['--port', String(await findFreePort()), '--orthanc-port', String(port)]);
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} is already in use`);
    });
  });

  it('exits non-zero naming a missing binary', async () => {
    const binary = path.join(storageDir, 'missing', 'Orthanc');
    const { code, stderr } = await runStart(['--port', String(await findFreePort()), '--orthanc-port', String(await findFreePort()), '--orthanc-binary', binary]);
    expect(code).toBe(1);
    expect(stderr).toContain(`the Orthanc binary ${binary} is missing`);
  });
});
