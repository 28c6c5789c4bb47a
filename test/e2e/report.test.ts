/**
 * End to end: after a review of the demo study in headless Chromium (detection run from the
 * panel; decisions through OHIF's commands manager, which the viewer exposes as
 * `window.commandsManager`: `dotatateLiver.acceptCandidate` / `rejectCandidate`), "Create report"
 * stores the SEG and the SR to the harness's Orthanc; they appear in the study browser and the SEG
 * display set loads as an overlay with one segment per confirmed lesion. The PACS "down" (the
 * browser's STOW request refused) keeps the report with Download and Retry; a second report after
 * a change stores a second SR beside the first, naming it as its predecessor.
 */
import path from 'node:path';

import type { Browser, Page, Route } from 'playwright-core';

import type { RunningHarness } from '../../platform-config/src/harness';
import { openViewerPage, savedReview, waitForRunEnabled } from './support/browser';
import { SCREENSHOT_DIR, startE2eViewer, type E2eViewer } from './support/e2eViewer';

type DicomJson = Record<string, { Value?: unknown[] }>;

/** A small pixel filter gives the demo study enough candidates to accept and reject. */
const REVIEW_FILTER_PX = 1;

let harness: RunningHarness;
let browser: Browser;
let page: Page;
let viewer: E2eViewer;
let studyUid: string;
let accepted: number[] = [];

const value = (item: DicomJson | undefined, tag: string) => item?.[tag]?.Value?.[0];

async function qido(pathAndQuery: string): Promise<DicomJson[]> {
  const response = await harness.orthanc.fetch(`/dicom-web${pathAndQuery}`, { headers: { Accept: 'application/dicom+json' } });
  if (!response.ok) throw new Error(`${pathAndQuery}: HTTP ${response.status}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as DicomJson[]) : [];
}

/** Series descriptions our SEG and SR carry (the demo study holds a phantom SEG of its own). */
const REPORT_SERIES: Record<'SEG' | 'SR', string> = { SEG: 'Liver lesions (confirmed)', SR: 'Liver lesion measurements' };

/** The study's report series of one modality in the PACS. */
async function seriesOf(modality: 'SEG' | 'SR'): Promise<DicomJson[]> {
  const series = await qido(`/studies/${studyUid}/series?Modality=${modality}&includefield=0008103E`);
  return series.filter((item) => value(item, '0008103E') === REPORT_SERIES[modality]);
}

async function metadataOf(seriesUid: string): Promise<DicomJson> {
  const [instance] = await qido(`/studies/${studyUid}/series/${seriesUid}/metadata`);
  return instance;
}

async function runCommand(name: string, options: Record<string, unknown> = {}): Promise<unknown> {
  return page.evaluate(
    ({ name, options }) => (window as unknown as { commandsManager: { runCommand(n: string, o: object): unknown } }).commandsManager.runCommand(name, options),
    { name, options },
  );
}

async function reportPhase(phase: string, timeout: number): Promise<void> {
  await page.locator(`[data-testid="dotatate-report"][data-phase="${phase}"]`).waitFor({ timeout });
}

beforeAll(async () => {
  viewer = await startE2eViewer({ name: 'report' });
  ({ harness, browser } = viewer);
  studyUid = harness.studies[0].studyInstanceUid;
  ({ page } = await openViewerPage(browser));
  await page.goto(harness.studyUrls[0]);
  await page.getByTestId('dotatate-run').waitFor({ timeout: 120_000 });
  await waitForRunEnabled(page, 180_000);
  await page.getByTestId('dotatate-filter-px').fill(String(REVIEW_FILTER_PX));
  await page.getByTestId('dotatate-run').click();
  await page.getByTestId('dotatate-run-summary').waitFor({ timeout: 300_000 });
}, 720_000);

afterAll(async () => {
  await viewer?.stop();
});

describe('reports of a review in the viewer', () => {
  it('keeps the report for download when the PACS does not answer, and Retry stores it', async () => {
    const candidates = (await savedReview(page))?.candidates ?? [];
    expect(candidates.length).toBeGreaterThanOrEqual(3);
    accepted = candidates.slice(0, 2).map((candidate) => candidate.id);
    for (const id of accepted) await runCommand('dotatateLiver.acceptCandidate', { id });
    await runCommand('dotatateLiver.rejectCandidate', { id: candidates[2].id, reason: 'physiologic-uptake' });

    // The PACS is down for the browser: its STOW-RS request is refused at the connection.
    const refuseStow = (route: Route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue());
    await page.route('**/dicom-web/studies', refuseStow);
    await page.getByTestId('dotatate-create-report').click();
    await reportPhase('storeFailed', 60_000);
    expect(await page.getByTestId('dotatate-report-error').innerText()).toMatch(/^The report could not be stored: the PACS did not answer.*The report is kept: retry, or download it\.$/);
    const download = page.waitForEvent('download');
    await page.getByTestId('dotatate-report-download-sr').click();
    expect((await download).suggestedFilename()).toMatch(/^DOTATATE-liver-SR-2\.25\.\d+\.dcm$/);
    await page.getByTestId('dotatate-report-download-seg').waitFor();
    expect(await seriesOf('SEG')).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-store-failed.png') });

    await page.unroute('**/dicom-web/studies', refuseStow);
    await page.getByTestId('dotatate-report-retry').click();
    await reportPhase('stored', 60_000);
    expect(await page.getByTestId('dotatate-report-stored').innerText()).toBe('Stored: a SEG with 2 lesions and its measurement report (SR).');
  }, 180_000);

  it('the stored SEG has one segment per confirmed lesion and both series appear in the study browser', async () => {
    const [seg] = await seriesOf('SEG');
    const [sr] = await seriesOf('SR');
    expect(seg).toBeDefined();
    expect(sr).toBeDefined();
    const segMetadata = await metadataOf(String(value(seg, '0020000E')));
    const segments = (segMetadata['00620002']?.Value ?? []) as DicomJson[];
    expect(segments.map((segment) => value(segment, '00620005'))).toEqual(accepted.map((id) => `Lesion ${id}`));

    await page.locator('[data-testid="dotatate-report-listing"][data-status="listed"]').waitFor({ timeout: 120_000 });
    await page.getByText('Liver lesions (confirmed)').first().waitFor({ timeout: 30_000 });
    await page.getByText('Liver lesion measurements').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-stored.png') });
  }, 180_000);

  it('the SEG reloads from the PACS as an overlay holding exactly the confirmed lesions', async () => {
    const [seg] = await seriesOf('SEG');
    const loaded = await page.evaluate(async (seriesUid) => {
      type Segments = Record<string, { label?: string } | null | undefined>;
      const services = (
        window as unknown as {
          services: {
            displaySetService: { getDisplaySetsForSeries(uid: string): Array<Record<string, unknown>> };
            segmentationService: { getSegmentation(id: string): { segments?: Segments } | undefined };
          };
        }
      ).services;
      const [displaySet] = services.displaySetService.getDisplaySetsForSeries(seriesUid);
      if (!displaySet) return { error: 'no SEG display set' };
      await (displaySet.load as (options: object) => Promise<void>)({ headers: {} });
      // OHIF 3.13 keeps the loaded segments in the segmentation service, keyed by the display set.
      const segmentation = services.segmentationService.getSegmentation(String(displaySet.displaySetInstanceUID));
      const segments = Object.values(segmentation?.segments ?? {})
        .filter((segment): segment is { label?: string } => segment !== null && typeof segment === 'object')
        .map((segment) => segment.label);
      return { modality: displaySet.Modality, segments };
    }, String(value(seg, '0020000E')));
    expect(loaded).toEqual({ modality: 'SEG', segments: accepted.map((id) => `Lesion ${id}`) });
  }, 120_000);

  it('a second report after a change stores a second SR beside the first, naming it as predecessor', async () => {
    const [firstSr] = await seriesOf('SR');
    const firstSrUid = String(value(await metadataOf(String(value(firstSr, '0020000E'))), '00080018'));
    await page.getByTestId('dotatate-report-dismiss').click();
    await runCommand('dotatateLiver.rejectCandidate', { id: accepted[1], reason: 'edge-slice' });
    await page.getByTestId('dotatate-report-stale').waitFor({ timeout: 10_000 });
    await page.getByTestId('dotatate-create-report').click();
    await reportPhase('stored', 60_000);
    expect(await page.getByTestId('dotatate-report-stored').innerText()).toBe('Stored: a SEG with 1 lesion and its measurement report (SR).');

    const srSeries = await seriesOf('SR');
    expect(srSeries).toHaveLength(2);
    const second = await Promise.all(srSeries.map((series) => metadataOf(String(value(series, '0020000E')))));
    const newer = second.find((instance) => value(instance, '00080018') !== firstSrUid);
    const predecessors = ((newer?.['0040A360']?.Value ?? []) as DicomJson[]).flatMap((item) =>
      ((item['00081115']?.Value ?? []) as DicomJson[]).flatMap((series) => ((series['00081199']?.Value ?? []) as DicomJson[]).map((sop) => value(sop, '00081155'))),
    );
    expect(predecessors).toContain(firstSrUid);
    expect(await seriesOf('SEG')).toHaveLength(2);
  }, 180_000);
});
