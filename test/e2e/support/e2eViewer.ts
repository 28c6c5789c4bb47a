/**
 * What every end-to-end test starts from: the built plugin bundles, the host harness with its own
 * Orthanc in a temporary folder (so test files never share a PACS), the study to review, and
 * Debian's headless Chromium. `stop()` undoes all of it.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Browser } from 'playwright-core';

import { DEMO_SEED } from '../../../platform-config/src/demoStudy';
import { startHarness, type DemoStudySource, type RunningHarness } from '../../../platform-config/src/harness';
import { PLUGIN_PACKAGES, TEST_OUTPUT_DIR } from '../../../platform-config/src/paths';
import { launchChromium } from './browser';

/** Where the end-to-end tests write their screenshots. */
export const SCREENSHOT_DIR = path.join(TEST_OUTPUT_DIR, 'e2e');

export interface E2eViewerOptions {
  /** Names the temporary Orthanc folder, for a reader of a leftover one. */
  name: string;
  /** Default: the demo study (phantom seed 1 with its lesions). */
  study?: DemoStudySource;
  /** Files the test needs in the extension's dist besides each plugin's index.mjs (e.g. the worker). */
  extensionFiles?: readonly string[];
}

export interface E2eViewer {
  harness: RunningHarness;
  browser: Browser;
  stop(): Promise<void>;
}

/** Fails with the command to run when a bundle the test loads has not been built. */
export function requireBuiltPlugins(extensionFiles: readonly string[] = []): void {
  const missing = [
    ...PLUGIN_PACKAGES.map((plugin) => path.join(plugin.distDir, 'index.mjs')),
    ...extensionFiles.map((file) => path.join(PLUGIN_PACKAGES[0].distDir, file)),
  ].filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`The plugins are not built (${missing.join(', ')} missing): run \`npm run build\`.`);
}

export async function startE2eViewer(options: E2eViewerOptions): Promise<E2eViewer> {
  requireBuiltPlugins(options.extensionFiles);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const orthancStorage = await mkdtemp(path.join(os.tmpdir(), `e2e-${options.name}-orthanc-`));
  let harness: RunningHarness | undefined;
  try {
    harness = await startHarness({ orthancStorageDir: orthancStorage, demoStudy: options.study ?? { seed: DEMO_SEED }, log: () => undefined });
    // Playwright gives every launch a fresh temporary profile (user-data-dir).
    const browser = await launchChromium();
    const started = harness;
    return {
      harness: started,
      browser,
      async stop() {
        await browser.close();
        await started.stop();
        await rm(orthancStorage, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await harness?.stop();
    await rm(orthancStorage, { recursive: true, force: true });
    throw error;
  }
}
