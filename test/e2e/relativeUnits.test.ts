/**
 * End to end, a PET without SUV: the demo study with the patient's weight removed from every PET
 * instance (as when a scanner console leaves it empty), so neither OHIF nor the core can scale to
 * SUVbw. The reader opens it in the mode: the panel says SUV is not available and why, detection
 * still runs on the relative values (the PERCIST threshold is relative), the counts and the
 * threshold equal the core's detect() on the same DICOM, and every uptake value is labelled
 * "relative units", never SUV. Screenshots: `test-output/e2e/relative-units-*.png`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { data } from 'dcmjs';
import type { Browser, Page } from 'playwright-core';

import { DEMO_SEED, findDicomFiles, generateDemoStudy } from '../../platform-config/src/demoStudy';
import type { RunningHarness } from '../../platform-config/src/harness';
import { openViewerPage, panelCounts, waitForRunEnabled } from './support/browser';
import { SCREENSHOT_DIR, startE2eViewer, type E2eViewer } from './support/e2eViewer';
import { referenceDetection, type ReferenceCounts } from './support/referenceDetection';

const DEFAULT_FILTER_PX = 15;
/** Patient's Weight (0010,1030): without it SUVbw cannot be computed. */
const PATIENT_WEIGHT_TAG = '00101030';

let harness: RunningHarness;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let studyDir: string;
let viewer: E2eViewer;
let reference: ReferenceCounts;

/** Removes the patient's weight from every PET instance under `dir`; returns how many were changed. */
async function removePatientWeightFromPet(dir: string): Promise<number> {
  let changed = 0;
  for (const file of await findDicomFiles(dir)) {
    const bytes = await readFile(file);
    const message = data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const modality = message.dict['00080060']?.Value?.[0];
    if (modality !== 'PT') continue;
    if (!(PATIENT_WEIGHT_TAG in message.dict)) throw new Error(`${file} has no patient's weight to remove.`);
    delete message.dict[PATIENT_WEIGHT_TAG];
    await writeFile(file, Buffer.from(message.write()));
    changed++;
  }
  return changed;
}

beforeAll(async () => {
  studyDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-relative-study-'));
  await generateDemoStudy(studyDir, DEMO_SEED);
  expect(await removePatientWeightFromPet(studyDir)).toBeGreaterThan(1);
  viewer = await startE2eViewer({ name: 'relative-units', study: { dicomDir: studyDir } });
  ({ harness, browser } = viewer);
  reference = await referenceDetection(harness.orthanc, harness.studies[0].studyInstanceUid, DEFAULT_FILTER_PX);
  ({ page, pageErrors } = await openViewerPage(browser));
}, 420_000);

afterAll(async () => {
  await viewer?.stop();
  if (studyDir) await rm(studyDir, { recursive: true, force: true });
});

describe('a PET without SUV in the DOTATATE mode', () => {
  it('the panel says SUV is not available, why, and that the volume is in relative units', async () => {
    await page.goto(harness.studyUrls[0]);
    await page.getByTestId('dotatate-run').waitFor({ timeout: 120_000 });
    await waitForRunEnabled(page, 180_000);
    expect(await page.getByTestId('dotatate-suv-reason').innerText()).toMatch(/weight/i);
    expect(await page.getByTestId('dotatate-suv-reason').innerText()).toMatch(/relative values/);
    expect(await page.getByTestId('dotatate-volume-status').innerText()).toMatch(/relative units \(no SUV\)/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'relative-units-1-opened.png') });
  }, 420_000);

  it('detection runs on relative values: counts and threshold equal the core, values labelled relative units', async () => {
    expect(reference.candidates).toBeGreaterThan(0);
    await page.getByTestId('dotatate-run').click();
    await page.getByTestId('dotatate-run-summary').waitFor({ timeout: 240_000 });
    const counts = await panelCounts(page);
    expect(counts.candidates).toBe(reference.candidates);
    expect(counts.pending).toBe(reference.candidates);

    const threshold = Number(await page.getByTestId('dotatate-reference-threshold').locator('[data-value]').getAttribute('data-value'));
    // Relative values are the scanner's Bq/ml, far above SUV: the threshold agrees to 0.1 %.
    expect(threshold).toBeGreaterThan(100);
    expect(Math.abs(threshold - reference.threshold) / reference.threshold).toBeLessThan(1e-3);
    // The label beside the liver's mean ± SD names the units.
    const meanRow = page.locator('.dtl-field', { has: page.getByTestId('dotatate-reference-mean') });
    expect(await meanRow.innerText()).toMatch(/Mean ± SD \(relative units\)/);

    expect(await page.getByTestId('dotatate-relative-units').innerText()).toMatch(/not SUV/);
    const firstRow = page.locator('[data-testid^="dotatate-candidate-"][data-state]').first();
    const maxCell = firstRow.locator('td').nth(1);
    expect(await maxCell.getAttribute('title')).toMatch(/^Max \(relative units, not SUV\) /);
    expect(await page.getByTestId('dotatate-candidate-list').innerHTML()).not.toMatch(/SUV(max|peak)/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'relative-units-2-detected.png') });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
