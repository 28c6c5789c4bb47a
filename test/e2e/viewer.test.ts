/**
 * End to end: the harness (its own Orthanc, storage and free ports) with the demo study, the
 * published OHIF viewer in Debian's headless Chromium (WebGL2 on SwiftShader), our extension and
 * mode loaded at run time. A reader opens the demo study in the DOTATATE mode and sees the panel
 * naming the PET series; screenshots go to `test-output/e2e/`.
 */
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import type { RunningHarness } from '../../platform-config/src/harness';
import type { ShimStatus } from '../../platform-config/src/shim/browserShim';
import { SCREENSHOT_DIR, startE2eViewer, type E2eViewer } from './support/e2eViewer';

const PANEL_HEADING = 'Detect hepatic lesions';

let viewer: E2eViewer;
let harness: RunningHarness;
let browser: Browser;

/** DICOM JSON attribute value (first value) from a QIDO result. */
function firstValue(item: Record<string, { Value?: unknown[] }>, tag: string): unknown {
  return item[tag]?.Value?.[0];
}

/** The Study Description the PACS holds for a study. */
async function studyDescriptionOf(studyInstanceUid: string): Promise<string> {
  const response = await harness.orthanc.fetch(
    `/dicom-web/studies?StudyInstanceUID=${studyInstanceUid}&includefield=00081030`,
  );
  const studies = (await response.json()) as Array<Record<string, { Value?: unknown[] }>>;
  return String(firstValue(studies[0], '00081030') ?? '');
}

/** The PET series of the demo study, as the PACS describes it. */
async function petSeriesDescription(studyInstanceUid: string): Promise<string> {
  const response = await harness.orthanc.fetch(`/dicom-web/studies/${studyInstanceUid}/series?Modality=PT`);
  const series = (await response.json()) as Array<Record<string, { Value?: unknown[] }>>;
  if (series.length === 0) throw new Error(`The demo study ${studyInstanceUid} has no PT series.`);
  return String(firstValue(series[0], '0008103E') ?? '');
}

/** Viewer state read in the page: cornerstone's volumes and the pixels of each viewport canvas. */
const VOLUMES_LOADED = `(() => {
  const volumes = window.cornerstone?.cache?.getVolumes?.() ?? [];
  return volumes.length > 0 && volumes.every((volume) => volume.loadStatus?.loaded);
})()`;
/** Per viewport canvas, the spread of its grey levels (0 for a blank, single-colour viewport). */
const VIEWPORT_GREY_SPREADS = `[...document.querySelectorAll('canvas.cornerstone-canvas')].map((canvas) => {
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let min = 255;
  let max = 0;
  for (let offset = 0; offset < pixels.length; offset += 4) {
    const grey = (pixels[offset] + pixels[offset + 1] + pixels[offset + 2]) / 3;
    if (grey < min) min = grey;
    if (grey > max) max = grey;
  }
  return max - min;
})`;

async function openPage(): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

beforeAll(async () => {
  viewer = await startE2eViewer({ name: 'viewer' });
  ({ harness, browser } = viewer);
}, 300_000);

afterAll(async () => {
  await viewer?.stop();
});

describe('the demo study in the DOTATATE review mode', () => {
  it('is listed in the study list', async () => {
    expect(harness.studies).toHaveLength(1);
    const studyDescription = await studyDescriptionOf(harness.studies[0].studyInstanceUid);
    expect(studyDescription).not.toBe('');
    const { page, pageErrors } = await openPage();
    await page.goto(harness.studyListUrl);
    const studyRow = page.locator('tr', { hasText: studyDescription });
    await studyRow.first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'study-list.png') });
    expect(await studyRow.count()).toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('opens with the panel naming the PET series, and the viewports render the images', async () => {
    const studyUid = harness.studies[0].studyInstanceUid;
    const seriesDescription = await petSeriesDescription(studyUid);
    expect(seriesDescription).not.toBe('');

    const { page, pageErrors } = await openPage();
    await page.goto(harness.studyUrls[0]);
    const heading = page.getByText(PANEL_HEADING, { exact: true });
    await heading.waitFor({ timeout: 90_000 });
    const panel = page.locator('section, div').filter({ has: heading }).filter({ hasText: seriesDescription }).last();
    await panel.waitFor({ timeout: 60_000 });
    // Let the volumes finish loading and the viewports draw them before the picture is taken.
    await page.waitForFunction(VOLUMES_LOADED, undefined, { timeout: 120_000, polling: 500 });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-study-in-mode.png') });

    const shimStatus = (await page.evaluate('window.__dotatateShimStatus')) as ShimStatus;
    expect(shimStatus.phase).toBe('ready');
    expect(shimStatus.missing).toEqual([]);
    expect(await page.evaluate('self.crossOriginIsolated')).toBe(true);
    expect(await panel.innerText()).toContain(seriesDescription);
    // Every viewport draws the study: none is a single flat colour.
    const greySpreads = (await page.evaluate(VIEWPORT_GREY_SPREADS)) as number[];
    expect(greySpreads.length).toBeGreaterThanOrEqual(3);
    for (const spread of greySpreads) expect(spread).toBeGreaterThan(50);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
