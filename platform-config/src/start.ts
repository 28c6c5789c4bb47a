/**
 * `npm start` (after `scripts/start.sh` has installed and built): runs the harness on fixed ports,
 * prints where to open the viewer, and stops everything cleanly on Ctrl-C.
 *
 * Options: --port <viewer port, default 3000>  --orthanc-port <default: a free port; Orthanc is only
 *          reached through the viewer's proxy>  --seed <phantom seed>
 *          --dicom-dir <folder of *.dcm to upload instead of the phantom>
 *          --orthanc-binary <path, default /usr/sbin/Orthanc>
 */
import { parseArgs } from 'node:util';

import { DEMO_SEED } from './demoStudy';
import { startHarness, type DemoStudySource } from './harness';

function parsePort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${flag} must be a port number between 1 and 65535, not "${value}".`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'orthanc-port': { type: 'string' },
      seed: { type: 'string' },
      'dicom-dir': { type: 'string' },
      'orthanc-binary': { type: 'string' },
    },
  });
  const seed = values.seed === undefined ? DEMO_SEED : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, not "${values.seed}".`);
  const demoStudy: DemoStudySource = values['dicom-dir'] ? { dicomDir: values['dicom-dir'] } : { seed };

  const started = Date.now();
  const harness = await startHarness({
    viewerPort: parsePort(values.port, 3000, '--port'),
    orthancPort: parsePort(values['orthanc-port'], 0, '--orthanc-port'),
    orthancBinary: values['orthanc-binary'],
    demoStudy,
  });
  const lines = [
    '',
    `Viewer ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    `  Study list:          ${harness.studyListUrl}`,
    ...harness.studyUrls.map((url) => `  Demo study in mode:  ${url}`),
    `  Orthanc (loopback, credential in its folder's orthanc.json):  ${harness.orthanc.url}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the viewer and Orthanc ...\n`);
    harness
      .stop()
      .then(() => {
        process.stdout.write('Stopped.\n');
        process.exit(0);
      })
      .catch((error: Error) => {
        process.stderr.write(`Stopping failed: ${error.message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`\nnpm start failed: ${error.message}\n`);
  process.exit(1);
});
