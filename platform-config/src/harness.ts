/**
 * The whole host harness in one call: the pinned OHIF dist, a private Orthanc, the demo study
 * uploaded to it, and the dev server in front of both. Used by `npm start` and the end-to-end test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { DEMO_SEED, generateDemoStudy, uploadDicomFolder, type UploadedStudy } from './demoStudy';
import { fetchOhifDist } from './fetchOhifDist';
import { findFreePort, orthancClient, startOrthanc, type OrthancClient, type RunningOrthanc } from './orthanc';
import { DATA_DIR, PLUGIN_PACKAGES } from './paths';
import { startHarnessServer, type HarnessServer } from './server';

/** Route of our mode (the mode's `routeName`); a study opens at `/<route>?StudyInstanceUIDs=<uid>`. */
export const MODE_ROUTE = 'dotatate-review';

export type DemoStudySource =
  /** Generate the phantom study with this seed and upload it. */
  | { seed: number }
  /** Upload the `*.dcm` files already in this folder. */
  | { dicomDir: string }
  /** Upload nothing. */
  | 'none';

export interface HarnessOptions {
  /** Viewer port (0 or absent: a free one). */
  viewerPort?: number;
  /** Orthanc HTTP port (0 or absent: a free one). */
  orthancPort?: number;
  /** Orthanc's configuration and storage folder (default `.data/orthanc`). */
  orthancStorageDir?: string;
  /** Orthanc executable (default: Debian's). */
  orthancBinary?: string;
  /** What to upload (default: the phantom study with the demo seed). */
  demoStudy?: DemoStudySource;
  log?: (message: string) => void;
}

export interface RunningHarness {
  /** The viewer's study list. */
  studyListUrl: string;
  /** Per uploaded study, the URL that opens it in our mode. */
  studyUrls: string[];
  studies: UploadedStudy[];
  viewerUrl: string;
  /** The PACS behind the viewer, with the credential only the harness holds (for tests and tools). */
  orthanc: OrthancClient;
  /** Stops the server and Orthanc; safe to call twice. */
  stop(): Promise<void>;
}

/** URL opening `studyInstanceUid` in the DOTATATE review mode. */
export function studyInModeUrl(viewerUrl: string, studyInstanceUid: string): string {
  return `${viewerUrl}/${MODE_ROUTE}?StudyInstanceUIDs=${encodeURIComponent(studyInstanceUid)}`;
}

export async function startHarness(options: HarnessOptions = {}): Promise<RunningHarness> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const { distDir } = await fetchOhifDist({ log });

  const orthancPort = options.orthancPort || (await findFreePort());
  let orthanc: RunningOrthanc | undefined;
  let server: HarnessServer | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await server?.close();
    await orthanc?.stop();
  };

  try {
    orthanc = await startOrthanc({
      storageDir: options.orthancStorageDir ?? path.join(DATA_DIR, 'orthanc'),
      httpPort: orthancPort,
      binary: options.orthancBinary,
    });
    log(`Orthanc is up at ${orthanc.url} (log: ${orthanc.logFile})`);

    const studies = await uploadDemoStudy(orthanc, options.demoStudy ?? { seed: DEMO_SEED }, log);

    server = await startHarnessServer({
      distDir,
      orthancUrl: orthanc.url,
      orthancAuthorization: orthanc.authorization,
      plugins: PLUGIN_PACKAGES,
      port: options.viewerPort ?? 0,
    });
    return {
      viewerUrl: server.url,
      studyListUrl: `${server.url}/`,
      studyUrls: studies.map((study) => studyInModeUrl(server!.url, study.studyInstanceUid)),
      studies,
      orthanc: orthancClient(orthanc.url, orthanc.authorization),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function uploadDemoStudy(
  orthanc: OrthancClient,
  source: DemoStudySource,
  log: (message: string) => void,
): Promise<UploadedStudy[]> {
  if (source === 'none') return [];
  if ('dicomDir' in source) return uploadDicomFolder(orthanc, source.dicomDir);
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'dotatate-demo-'));
  try {
    log(`Generating the demo PET/CT study (phantom seed ${source.seed}) ...`);
    await generateDemoStudy(outDir, source.seed);
    const studies = await uploadDicomFolder(orthanc, outDir);
    log(`Uploaded ${studies.reduce((sum, study) => sum + study.instanceCount, 0)} instances to Orthanc.`);
    return studies;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
