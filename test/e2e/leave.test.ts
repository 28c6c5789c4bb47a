/**
 * End to end, leaving the DOTATATE mode inside the app on the demo study in headless Chromium: the
 * reader opens the study from OHIF's study list; with no work the header's return-to-study-list
 * control leaves at once. After a detection run and one accepted candidate, the return control
 * and the browser's Back button both ask first, naming what would be left; Stay keeps the reader in
 * the mode with the same counts; Leave goes to the study list (with OHIF's notification), and
 * opening the study in the mode again restores the review. Screenshots: `test-output/e2e/leave-*.png`.
 */
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { unsavedWorkSentence } from '../../extensions/dotatate-liver/src/adapter/unsavedWork';
import type { RunningHarness } from '../../platform-config/src/harness';
import type { OrthancClient } from '../../platform-config/src/orthanc';
import { openViewerPage, panelCounts, savedReview, waitForRunEnabled } from './support/browser';
import { SCREENSHOT_DIR, startE2eViewer, type E2eViewer } from './support/e2eViewer';

/** A small pixel filter, so the demo study gives several candidates (one accepted, others pending). */
const FILTER_PX = 5;
const RETURN_CONTROL = '[data-cy="return-to-work-list"]';
const QUESTION = '[data-testid="dotatate-leave-question"]';

let harness: RunningHarness;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let viewer: E2eViewer;
/** The demo study's accession number, as the study list shows it (the row to click). */
let accessionNumber: string;
let countsBeforeLeaving: Awaited<ReturnType<typeof panelCounts>>;

async function screenshot(step: string): Promise<void> {
  // Finite CSS animations (the modal's fade and zoom in) shown at their end: under SwiftShader the
  // compositor can leave them at their first frame for seconds.
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `leave-${step}.png`), animations: 'disabled' });
}

/** The study list is shown: its route, with the demo study's row. */
async function waitForStudyList(): Promise<void> {
  await page.waitForFunction(() => location.pathname === '/', null, { timeout: 60_000 });
  await page.getByText(accessionNumber, { exact: true }).first().waitFor({ timeout: 60_000 });
}

/** Opens the demo study in the DOTATATE mode the way a reader does: its row, then the mode's button. */
async function openStudyFromList(): Promise<void> {
  await waitForStudyList();
  const modeButton = page.getByRole('button', { name: 'DOTATATE liver review', exact: true });
  if (!(await modeButton.isVisible())) await page.getByText(accessionNumber, { exact: true }).first().click();
  await modeButton.click();
  await page.getByTestId('dotatate-run').waitFor({ timeout: 120_000 });
}

function inMode(): boolean {
  return new URL(page.url()).pathname.endsWith('/dotatate-review');
}

async function questionText(): Promise<string> {
  await page.locator(QUESTION).waitFor({ timeout: 20_000 });
  return page.getByTestId('dotatate-leave-work').innerText();
}

/**
 * Marks the panel's Run button; the mark survives only while OHIF keeps the same mode page (leaving
 * and re-entering the mode, even on the same URL, mounts a new panel).
 */
async function markModePage(): Promise<void> {
  await page.getByTestId('dotatate-run').evaluate((button) => button.setAttribute('data-leave-test-mark', 'kept'));
}

/** The question is gone and stays gone for a moment; the same mode page, never left (no late navigation). */
async function expectStillInModeWithoutQuestion(): Promise<void> {
  await page.locator(QUESTION).waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(1_500);
  expect(await page.locator(QUESTION).count()).toBe(0);
  expect(inMode()).toBe(true);
  expect(await page.getByTestId('dotatate-run').getAttribute('data-leave-test-mark')).toBe('kept');
  expect(await page.getByText('Lesion review not finished').count()).toBe(0);
}

async function accessionNumberOf(orthanc: OrthancClient, studyInstanceUid: string): Promise<string> {
  const found = (await (await orthanc.fetch('/tools/lookup', { method: 'POST', body: studyInstanceUid })).json()) as Array<{ ID: string; Type: string }>;
  const study = found.find((item) => item.Type === 'Study');
  if (!study) throw new Error(`Orthanc does not hold the demo study ${studyInstanceUid}.`);
  const tags = (await (await orthanc.fetch(`/studies/${study.ID}`)).json()) as { MainDicomTags: { AccessionNumber?: string } };
  if (!tags.MainDicomTags.AccessionNumber) throw new Error('The demo study has no accession number to find its row in the study list by.');
  return tags.MainDicomTags.AccessionNumber;
}

beforeAll(async () => {
  viewer = await startE2eViewer({ name: 'leave' });
  ({ harness, browser } = viewer);
  accessionNumber = await accessionNumberOf(harness.orthanc, harness.studies[0].studyInstanceUid);
  ({ page, pageErrors } = await openViewerPage(browser));
}, 300_000);

afterAll(async () => {
  await viewer?.stop();
});

describe('leaving the DOTATATE mode inside the app', () => {
  it('with no work (a fresh study, no run) the return control leaves at once, without a question', async () => {
    await page.goto(harness.studyListUrl);
    await openStudyFromList();
    expect(await savedReview(page)).toBeNull();
    await screenshot('1-opened-no-work');
    await page.locator(RETURN_CONTROL).click();
    await waitForStudyList();
    expect(await page.locator(QUESTION).count()).toBe(0);
    await screenshot('2-left-without-question');
  }, 300_000);

  it('after a run and one accepted candidate, the return control asks; Stay keeps the mode and the counts', async () => {
    await openStudyFromList();
    await waitForRunEnabled(page, 180_000);
    await page.getByTestId('dotatate-filter-px').fill(String(FILTER_PX));
    await page.getByTestId('dotatate-run').click();
    await page.getByTestId('dotatate-run-summary').waitFor({ timeout: 240_000 });
    const saved = await savedReview(page);
    if (!saved || saved.candidates.length < 1) throw new Error(`The demo study gave no candidate at ${FILTER_PX} px; the test needs one to accept.`);
    await page.getByTestId(`dotatate-accept-${saved.candidates[0].id}`).click();
    countsBeforeLeaving = await panelCounts(page);
    await page.getByTestId('dotatate-count-candidates').scrollIntoViewIfNeeded();
    expect(countsBeforeLeaving.accepted).toBe(1);
    const expectedWork = unsavedWorkSentence({ undecided: countsBeforeLeaving.pending, unreportedDecisions: 1, reportOutdated: false });

    await markModePage();
    await page.locator(RETURN_CONTROL).click();
    expect(await questionText()).toBe(`This review has ${expectedWork}.`);
    expect(inMode()).toBe(true);
    await screenshot('3-return-control-asks');

    await page.getByTestId('dotatate-leave-stay').click();
    await expectStillInModeWithoutQuestion();
    expect(await panelCounts(page)).toEqual(countsBeforeLeaving);
    await screenshot('4-stayed');
  }, 420_000);

  it("the browser's Back button asks too; Stay keeps the mode", async () => {
    await markModePage();
    await page.goBack({ waitUntil: 'commit', timeout: 10_000 }).catch(() => null); // a same-document step: nothing loads
    expect(await questionText()).toMatch(/^This review has \d+ candidates? undecided, 1 decision not in a report\.$/);
    await screenshot('5-back-asks');
    await page.getByTestId('dotatate-leave-stay').click();
    await expectStillInModeWithoutQuestion();
    expect(await panelCounts(page)).toEqual(countsBeforeLeaving);
    await screenshot('6-back-stayed');
  }, 120_000);

  it('Back then Leave goes to the study list with a notification; reopening the study restores the review', async () => {
    await page.goBack({ waitUntil: 'commit', timeout: 10_000 }).catch(() => null);
    await questionText();
    await page.getByTestId('dotatate-leave-confirm').click();
    await waitForStudyList();
    await page.getByText('Lesion review not finished').waitFor({ timeout: 20_000 });
    await screenshot('7-left-to-study-list');

    await openStudyFromList();
    await page.getByTestId('dotatate-count-candidates').waitFor({ timeout: 60_000 });
    await page.getByTestId('dotatate-count-candidates').scrollIntoViewIfNeeded();
    expect(await panelCounts(page)).toEqual(countsBeforeLeaving);
    await screenshot('8-reopened-restored');
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
