/**
 * Orthanc (Debian packages `orthanc`, `orthanc-dicomweb`) as the harness PACS: started with a
 * private configuration and storage folder (mode 0700), DICOM port off, remote access off,
 * DICOMweb on at `/dicom-web/`; health-checked on `/system`; stopped with SIGTERM.
 *
 * Orthanc 1.10 (Debian 12) has no option to bind its HTTP server to loopback: it listens on every
 * interface and only refuses remote clients. So each run also generates a credential that only
 * the harness (its proxy, the demo upload, the tests) knows: another local user or a page that
 * reaches the port directly gets 401.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, createWriteStream } from 'node:fs';
import { access, chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export const DEFAULT_ORTHANC_BINARY = '/usr/sbin/Orthanc';
export const DEFAULT_DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
export const ORTHANC_APT_COMMAND = 'sudo apt-get install -y orthanc orthanc-dicomweb';

export interface OrthancOptions {
  /** Folder for the configuration, storage, index and log (created when missing). */
  storageDir: string;
  /** HTTP port; Orthanc listens on loopback only (remote access is off). */
  httpPort: number;
  binary?: string;
  dicomWebPlugin?: string;
  /** How long to wait for `/system` to answer (ms). */
  startTimeoutMs?: number;
}

/** How the harness talks to its Orthanc: the base URL and the credential on every request. */
export interface OrthancClient {
  /** Base URL, e.g. `http://127.0.0.1:8042`. */
  url: string;
  /** `Authorization` header value Orthanc requires. */
  authorization: string;
  /** `fetch` of a path below the base URL (e.g. `/instances`) with the credential. */
  fetch(pathAndQuery: string, init?: RequestInit): Promise<Response>;
}

export const ORTHANC_USER = 'dotatate-harness';

export function orthancClient(url: string, authorization: string): OrthancClient {
  return {
    url,
    authorization,
    fetch: (pathAndQuery, init = {}) =>
      fetch(`${url}${pathAndQuery}`, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), Authorization: authorization } }),
  };
}

export interface RunningOrthanc extends OrthancClient {
  /** DICOMweb root, e.g. `http://127.0.0.1:8042/dicom-web`. */
  dicomWebUrl: string;
  /** Path of the log file Orthanc writes its output to. */
  logFile: string;
  stop(): Promise<void>;
}

/** Error whose message names why Orthanc could not start (shown to the user as is). */
export class OrthancStartError extends Error {
  override name = 'OrthancStartError';
}

/** The private configuration: nothing is shared with a system-wide Orthanc. */
export function orthancConfiguration(storageDir: string, httpPort: number, dicomWebPlugin: string, password: string): Record<string, unknown> {
  return {
    Name: 'dotatate-liver-harness',
    StorageDirectory: path.join(storageDir, 'storage'),
    IndexDirectory: path.join(storageDir, 'index'),
    StorageCompression: false,
    HttpServerEnabled: true,
    HttpPort: httpPort,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { [ORTHANC_USER]: password },
    DicomServerEnabled: false,
    OrthancExplorerEnabled: true,
    WebDavEnabled: false,
    SaveJobs: false,
    ConcurrentJobs: 1,
    Plugins: [dicomWebPlugin],
    DicomWeb: {
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: true,
      WadoRoot: '/wado',
      Ssl: false,
      StudiesMetadata: 'Full',
      SeriesMetadata: 'Full',
    },
  };
}

/** Resolves when nothing listens on `port` (loopback); rejects naming the port otherwise. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new OrthancStartError(
          error.code === 'EADDRINUSE'
            ? `${what} cannot start: port ${port} is already in use by another process. ` +
                'Stop that process or choose another port.'
            : `${what} cannot start: port ${port} cannot be opened (${error.message}).`,
        ),
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Asks the OS for a free loopback port. */
export async function findFreePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

async function assertExecutable(file: string, description: string): Promise<void> {
  try {
    await access(file, fsConstants.X_OK);
  } catch {
    throw new OrthancStartError(
      `Orthanc cannot start: ${description} ${file} is missing or not executable. ` +
        `Install the Debian packages with: ${ORTHANC_APT_COMMAND}`,
    );
  }
}

async function assertReadable(file: string, description: string): Promise<void> {
  try {
    await access(file, fsConstants.R_OK);
  } catch {
    throw new OrthancStartError(
      `Orthanc cannot start: ${description} ${file} is missing. Install the Debian packages with: ${ORTHANC_APT_COMMAND}`,
    );
  }
}

/** Starts Orthanc and resolves once `/system` answers; rejects with an `OrthancStartError` naming the cause. */
export async function startOrthanc(options: OrthancOptions): Promise<RunningOrthanc> {
  const binary = options.binary ?? DEFAULT_ORTHANC_BINARY;
  const dicomWebPlugin = options.dicomWebPlugin ?? DEFAULT_DICOMWEB_PLUGIN;
  await assertExecutable(binary, 'the Orthanc binary');
  await assertReadable(dicomWebPlugin, 'the Orthanc DICOMweb plugin');
  await assertPortFree(options.httpPort, 'Orthanc');

  const storageDir = path.resolve(options.storageDir);
  await mkdir(storageDir, { recursive: true, mode: 0o700 });
  // Patient data and the credential: readable by this user only, also for a folder made earlier.
  await chmod(storageDir, 0o700);
  const pidFile = path.join(storageDir, 'orthanc.pid');
  await assertStorageNotInUse(storageDir, pidFile);
  const configFile = path.join(storageDir, 'orthanc.json');
  const password = randomBytes(24).toString('base64url');
  await writeFile(configFile, JSON.stringify(orthancConfiguration(storageDir, options.httpPort, dicomWebPlugin, password), null, 2), { mode: 0o600 });
  await chmod(configFile, 0o600);
  const authorization = `Basic ${Buffer.from(`${ORTHANC_USER}:${password}`).toString('base64')}`;
  const logFile = path.join(storageDir, 'orthanc.log');
  const log = createWriteStream(logFile, { flags: 'a' });

  const child = spawn(binary, [configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) await writeFile(pidFile, String(child.pid));
  let recentOutput = '';
  const record = (chunk: Buffer): void => {
    log.write(chunk);
    recentOutput = (recentOutput + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const spawnFailure = new Promise<Error>((resolve) => child.once('error', resolve));

  const url = `http://127.0.0.1:${options.httpPort}`;
  const stop = async (): Promise<void> => {
    await stopProcess(child, exited);
    await rm(pidFile, { force: true });
    await new Promise<void>((resolve) => log.end(() => resolve()));
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    const failure = await Promise.race([spawnFailure, sleep(100).then(() => undefined)]);
    if (failure) {
      await stop();
      throw new OrthancStartError(`Orthanc cannot start: ${binary} could not be run (${failure.message}).`);
    }
    if (hasExited) {
      await stop();
      throw new OrthancStartError(
        `Orthanc exited during start-up${portHint(recentOutput, options.httpPort)}. Its last output (full log: ${logFile}):\n` +
          lastLines(recentOutput, 12),
      );
    }
    if (await answers(`${url}/system`, authorization)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new OrthancStartError(
        `Orthanc did not answer on ${url}/system within ${options.startTimeoutMs ?? 30_000} ms. Last output:\n` +
          lastLines(recentOutput, 12),
      );
    }
  }
  return { ...orthancClient(url, authorization), dicomWebUrl: `${url}/dicom-web`, logFile, stop };
}

/**
 * Two Orthanc processes on one storage folder corrupt each other's index, so each run records its
 * process id and a second run refuses the folder while that process is alive.
 */
async function assertStorageNotInUse(storageDir: string, pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  throw new OrthancStartError(
    `Orthanc cannot start: its storage folder ${storageDir} is in use by another Orthanc (process ${pid}). ` +
      'Stop that one first (Ctrl-C where it was started) or choose another storage folder.',
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portHint(output: string, port: number): string {
  return /bind|address already in use|port/i.test(output) ? ` (port ${port} is probably in use)` : '';
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

async function answers(url: string, authorization: string): Promise<boolean> {
  try {
    const response = await fetch(url, { headers: { Authorization: authorization }, signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL if the process has not exited after 10 s. */
async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
