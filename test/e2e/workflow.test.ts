/**
 * End to end, the reader's workflow on the demo study: the harness (its own Orthanc with the
 * phantom study), the published OHIF viewer in headless Chromium, our extension and mode. The
 * reader opens the study in the mode, runs detection (counts equal to the core's detect() on the
 * same DICOM files from the PACS), rejects one candidate with a reason and accepts two by the
 * review's hotkeys (Shift+R, Shift+N, Shift+A, Shift+Z, Shift+Y), adds a
 * missed lesion with one click, undoes it, edits a boundary with a real brush stroke (mouse events
 * on the PET viewport) and sees counts, statistics and list follow; the review survives closing the
 * panel and changing the layout. Bad input:
 * a double click on Run, Cancel mid-run, CT active, a lost WebGL context during a run.
 * A screenshot per step goes to `test-output/e2e/workflow-*.png`.
 */
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import type { RunningHarness } from '../../platform-config/src/harness';
import { addLesionByClick, dragBetween, openViewerPage, panelCounts, savedReview, waitForRunEnabled, type SavedCandidate } from './support/browser';
import { SCREENSHOT_DIR, startE2eViewer, type E2eViewer } from './support/e2eViewer';
import { referenceDetection, type ReferenceCounts } from './support/referenceDetection';

/** The panel's default pixel filter and the CLI's `--filter-px 15`. */
const DEFAULT_FILTER_PX = 15;
/** Smaller filters, tried in order, for one that gives the 3 candidates the review steps need. */
const REVIEW_FILTER_CHOICES = [5, 1, 0];
let REVIEW_FILTER_PX = REVIEW_FILTER_CHOICES[0];
const PET_VIEWPORT = 'dotatatePtAxial';
const CT_VIEWPORT = 'dotatateCtAxial';
const FUSION_VIEWPORT = 'dotatateFusionAxial';

let harness: RunningHarness;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let viewer: E2eViewer;
const reference: Record<number, ReferenceCounts> = {};

async function screenshot(step: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `workflow-${step}.png`) });
}

async function setFilter(pixels: number): Promise<void> {
  await page.getByTestId('dotatate-filter-px').fill(String(pixels));
}

async function candidateState(id: number): Promise<string | null> {
  return page.getByTestId(`dotatate-candidate-${id}`).getAttribute('data-state');
}

/** The LPS point at the centre of a viewport's current view (its camera's focal point). */
async function focalPoint(viewportId: string): Promise<number[]> {
  return page.evaluate((viewportId) => {
    const cornerstone = (window as unknown as Record<string, { getEnabledElementByViewportId(id: string): { viewport: { getCamera(): { focalPoint: number[] } } } }>)['@cornerstonejs/core'];
    return [...cornerstone.getEnabledElementByViewportId(viewportId).viewport.getCamera().focalPoint];
  }, viewportId);
}

/** The tool on the left mouse button of a viewport's tool group. */
async function primaryTool(viewportId: string): Promise<string | undefined> {
  return page.evaluate((viewportId) => {
    const tools = (window as unknown as Record<string, { ToolGroupManager: { getToolGroupForViewport(id: string): { getActivePrimaryMouseButtonTool(): string | undefined } | undefined } }>)['@cornerstonejs/tools'];
    return tools.ToolGroupManager.getToolGroupForViewport(viewportId)?.getActivePrimaryMouseButtonTool();
  }, viewportId);
}

async function savedCandidates(): Promise<SavedCandidate[]> {
  const saved = await savedReview(page);
  if (!saved) throw new Error('The review was not saved to sessionStorage.');
  return saved.candidates;
}

/** Waits until the candidate's row shows this state (a hotkey's change reaches the list on the next render). */
async function waitForState(id: number, state: string): Promise<void> {
  await page.waitForFunction(
    ({ id, state }) => document.querySelector(`[data-testid="dotatate-candidate-${id}"]`)?.getAttribute('data-state') === state,
    { id, state },
    { timeout: 10_000 },
  );
}

/** The candidate selected in the list (aria-selected), as the review saved it. */
async function selectedCandidate(): Promise<SavedCandidate> {
  const row = page.locator('[data-testid^="dotatate-candidate-"][aria-selected="true"]');
  await row.waitFor({ timeout: 10_000 });
  const id = Number((await row.getAttribute('data-testid'))?.replace('dotatate-candidate-', ''));
  const candidate = (await savedCandidates()).find((c) => c.id === id);
  if (!candidate) throw new Error(`The selected row ${id} is not a saved candidate.`);
  return candidate;
}

/** The PET, CT and fused viewports' slices pass through the candidate's centroid (axial: its S coordinate, within a slice). */
async function expectCentredOn(candidate: SavedCandidate): Promise<void> {
  await page.waitForTimeout(1_000);
  for (const viewportId of [PET_VIEWPORT, CT_VIEWPORT, FUSION_VIEWPORT]) {
    const focal = await focalPoint(viewportId);
    expect({ viewportId, withinASlice: Math.abs(focal[2] - candidate.statistics.centroidLPS[2]) < 3 }).toEqual({ viewportId, withinASlice: true });
  }
}

beforeAll(async () => {
  viewer = await startE2eViewer({ name: 'workflow', extensionFiles: ['detect.worker.js'] });
  ({ harness, browser } = viewer);
  const studyUid = harness.studies[0].studyInstanceUid;
  reference[DEFAULT_FILTER_PX] = await referenceDetection(harness.orthanc, studyUid, DEFAULT_FILTER_PX);
  for (const pixels of REVIEW_FILTER_CHOICES) {
    REVIEW_FILTER_PX = pixels;
    reference[pixels] = await referenceDetection(harness.orthanc, studyUid, pixels);
    if (reference[pixels].candidates >= 3) break;
  }
  ({ page, pageErrors } = await openViewerPage(browser));
  // Keep every WebGL context the viewer creates (cornerstone renders on an offscreen canvas), so a
  // test can lose them on purpose.
  await page.addInitScript(() => {
    const contexts: WebGLRenderingContext[] = [];
    (window as unknown as { __webglContexts: WebGLRenderingContext[] }).__webglContexts = contexts;
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: unknown[]) {
      const context = (original as (...a: unknown[]) => RenderingContext | null).apply(this, args);
      if (context && (args[0] === 'webgl2' || args[0] === 'webgl')) contexts.push(context as WebGLRenderingContext);
      return context;
    } as typeof original;
  });
}, 420_000);

afterAll(async () => {
  await viewer?.stop();
});

describe('the reader reviews the demo study in the DOTATATE mode', () => {
  it('opens the study; Run waits for the PET volume; CT active says so', async () => {
    await page.goto(harness.studyUrls[0]);
    await page.getByTestId('dotatate-run').waitFor({ timeout: 120_000 });
    await waitForRunEnabled(page, 180_000);
    expect(await page.getByTestId('dotatate-volume-status').innerText()).toMatch(/PET volume ready \(SUVbw\)/);
    // The shipped U-Net model answers, so the panel offers it (its runs are tested in unet.test.ts).
    await page.waitForFunction(() => document.querySelector<HTMLOptionElement>('[data-testid="dotatate-detector"] option[value="unet"]')?.disabled === false, null, { timeout: 30_000 });
    await screenshot('1-opened');

    // The reader makes the CT viewport active: the panel says it is not PET and Run is off.
    const ct = page.locator(`[data-viewport-uid="${CT_VIEWPORT}"]`).first();
    await ct.click({ position: { x: 20, y: 200 } });
    await page.getByTestId('dotatate-panel-message').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('dotatate-panel-message').innerText()).toMatch(/not PET/);
    expect(await page.getByTestId('dotatate-run').isDisabled()).toBe(true);
    await screenshot('2-ct-active');
    await page.getByTestId('dotatate-activate-pet').click();
    await waitForRunEnabled(page, 30_000);
  }, 420_000);

  it('a double click on Run starts one run; the counts equal the core on the same DICOM', async () => {
    expect(await page.getByTestId('dotatate-filter-px').inputValue()).toBe(String(DEFAULT_FILTER_PX));
    await page.getByTestId('dotatate-run').dblclick();
    await page.getByTestId('dotatate-run-summary').waitFor({ timeout: 240_000 });
    const counts = await panelCounts(page);
    expect(counts.candidates).toBe(reference[DEFAULT_FILTER_PX].candidates);
    expect(counts.pending).toBe(reference[DEFAULT_FILTER_PX].candidates);
    expect((await savedReview(page))?.lastRunId).toBe(1);
    const threshold = Number(await page.getByTestId('dotatate-reference-threshold').innerText());
    expect(threshold).toBeCloseTo(reference[DEFAULT_FILTER_PX].threshold, 1);
    // The overlay is one labelmap segmentation with a "Lesion n — pending" segment per candidate.
    // (With no candidate there is nothing to draw and no overlay is made.)
    if (counts.candidates > 0) {
      await page.waitForFunction(
        () => {
          const tools = (window as unknown as Record<string, { segmentation: { state: { getSegmentations(): Array<{ segmentationId: string }> } } }>)['@cornerstonejs/tools'];
          return tools.segmentation.state.getSegmentations().some((s) => s.segmentationId.startsWith('dotatate-liver-candidates-'));
        },
        null,
        { timeout: 30_000 },
      );
    }
    const labels = await page.evaluate(() => {
      const tools = (window as unknown as Record<string, { segmentation: { state: { getSegmentations(): Array<{ segmentationId: string; segments: Record<string, { label: string }> }> } } }>)['@cornerstonejs/tools'];
      const ours = tools.segmentation.state.getSegmentations().find((s) => s.segmentationId.startsWith('dotatate-liver-candidates-'));
      return ours ? Object.values(ours.segments).map((segment) => segment.label) : null;
    });
    expect(labels ?? []).toEqual(Array.from({ length: counts.candidates }, (_, index) => `Lesion ${index + 1} — pending`));
    await screenshot('3-detected-15px');
  }, 300_000);

  it('Cancel mid-run keeps the earlier candidates', async () => {
    const before = await panelCounts(page);
    await setFilter(REVIEW_FILTER_PX);
    await page.getByTestId('dotatate-run').click();
    // A dispatched click: the panel updates its progress many times a second, so no wait for "stable".
    await page.getByTestId('dotatate-cancel').waitFor({ timeout: 30_000 });
    await page.getByTestId('dotatate-cancel').dispatchEvent('click');
    await page.getByTestId('dotatate-session-message').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('dotatate-session-message').innerText()).toMatch(/cancelled/);
    expect(await panelCounts(page)).toEqual(before);
    await screenshot('4-cancelled');
  }, 120_000);

  it('a lost WebGL context during a run does not stop detection (it runs on the CPU in a worker)', async () => {
    await page.getByTestId('dotatate-run').click();
    await page.getByTestId('dotatate-progress').waitFor({ timeout: 30_000 });
    const lost = await page.evaluate(() => {
      let count = 0;
      for (const context of (window as unknown as { __webglContexts: WebGLRenderingContext[] }).__webglContexts) {
        const extension = context.getExtension('WEBGL_lose_context');
        if (extension && !context.isContextLost()) {
          extension.loseContext();
          count++;
        }
      }
      return count;
    });
    expect(lost).toBeGreaterThan(0);
    await page.getByTestId('dotatate-run-summary').waitFor({ timeout: 240_000 });
    const counts = await panelCounts(page);
    expect(counts.candidates).toBe(reference[REVIEW_FILTER_PX].candidates);
    expect(counts.pending).toBe(reference[REVIEW_FILTER_PX].candidates);
    await screenshot('5-detected-small-filter-after-context-loss');
    // The viewer restores its contexts; a reload gives the viewports back, the review comes from sessionStorage.
    await page.reload();
    await page.getByTestId('dotatate-count-candidates').waitFor({ timeout: 120_000 });
    expect((await panelCounts(page)).candidates).toBe(reference[REVIEW_FILTER_PX].candidates);
    await waitForRunEnabled(page, 180_000);
    await screenshot('6-reloaded');
  }, 480_000);

  it('a row click centres the viewports; by keyboard: reject one with a reason, next pending and accept (two when there are three), undo / redo', async () => {
    const candidates = await savedCandidates();
    if (candidates.length < 2) throw new Error(`The demo study gives ${candidates.length} candidates at ${REVIEW_FILTER_PX} px; the workflow needs 2.`);
    const acceptCount = candidates.length >= 3 ? 2 : 1;
    // The second-hottest is rejected (the add step may redraw it as a missed lesion).
    const rejected = [...candidates].sort((a, b) => b.statistics.suvMax - a.statistics.suvMax)[1];

    await page.getByTestId(`dotatate-candidate-${rejected.id}`).click();
    await expectCentredOn(rejected);

    // Shift+R opens the reason chooser of the selected candidate; the reader picks a reason.
    await page.keyboard.press('Shift+R');
    await page.getByTestId('dotatate-reject-physiologic-uptake').click();
    await waitForState(rejected.id, 'rejected');
    expect(await page.getByTestId(`dotatate-candidate-${rejected.id}-state`).getAttribute('title')).toMatch(/physiologic uptake/);

    // Shift+N selects the next pending candidate and centres the viewports on it; Shift+A accepts it.
    const accepted: SavedCandidate[] = [];
    for (let step = 0; step < acceptCount; step++) {
      await page.keyboard.press('Shift+N');
      const selected = await selectedCandidate();
      expect(selected.decision.kind).toBe('pending');
      expect(accepted.map((c) => c.id)).not.toContain(selected.id);
      await expectCentredOn(selected);
      await page.keyboard.press('Shift+A');
      await waitForState(selected.id, 'accepted');
      accepted.push(selected);
    }
    await screenshot('7-accepted');

    // Shift+P walks back to a pending candidate (the list wraps) and centres the viewports on it.
    if (candidates.length > acceptCount + 1) {
      await page.keyboard.press('Shift+P');
      const previous = await selectedCandidate();
      expect(previous.decision.kind).toBe('pending');
      await expectCentredOn(previous);
    }

    // Shift+Z takes the last acceptance back, Shift+Y replays it; the counts follow at once.
    const last = accepted[accepted.length - 1];
    await page.keyboard.press('Shift+Z');
    await waitForState(last.id, 'pending');
    expect((await panelCounts(page)).accepted).toBe(acceptCount - 1);
    await page.keyboard.press('Shift+Y');
    await waitForState(last.id, 'accepted');

    expect(await panelCounts(page)).toEqual({
      candidates: candidates.length,
      pending: candidates.length - acceptCount - 1,
      accepted: acceptCount,
      rejected: 1,
      added: 0,
    });
    await screenshot('8-rejected-one');
  }, 120_000);

  it('adds a missed lesion with one click, grown at the PERCIST threshold', async () => {
    const candidates = await savedCandidates();
    // A hot spot the detector left out; else the rejected candidate, redrawn by the reader at the
    // threshold (a drawn lesion may overlap a rejected candidate, not a pending or accepted one).
    const rejected = candidates.find((c) => c.decision.kind === 'rejected');
    const target =
      reference[REVIEW_FILTER_PX].missedHotSpotLPS ??
      (rejected && rejected.statistics.suvMax >= reference[REVIEW_FILTER_PX].threshold ? rejected.statistics.centroidLPS : null);
    if (!target) throw new Error('The demo study has no hot spot, outside the candidates or in the rejected one, to add as a missed lesion.');
    // The reader scrolls the PET to the hot spot, presses Add lesion and clicks it.
    await page.evaluate(
      ({ viewportId, world }) => {
        const cornerstone = (window as unknown as Record<string, { getEnabledElementByViewportId(id: string): { viewport: { jumpToWorld(p: number[]): boolean; render(): void } } }>)['@cornerstonejs/core'];
        const { viewport } = cornerstone.getEnabledElementByViewportId(viewportId);
        viewport.jumpToWorld(world);
        viewport.render();
      },
      { viewportId: PET_VIEWPORT, world: target },
    );
    await page.waitForTimeout(1_000);
    // Shift+L and one click; added, or refused with a message the reader sees (which the failure then shows).
    expect(await addLesionByClick(page, PET_VIEWPORT, target)).toEqual({ added: 1, messages: [] });
    const after = await savedCandidates();
    const added = after.find((c) => c.decision.kind === 'added') as SavedCandidate;
    expect(added.id).toBeGreaterThan(Math.max(...candidates.map((c) => c.id)));
    expect(added.statistics.suvMax).toBeGreaterThanOrEqual(reference[REVIEW_FILTER_PX].threshold);
    expect(await candidateState(added.id)).toBe('added');
    await screenshot('9-added-by-click');

    // Undo takes the added lesion back; counts follow at once.
    await page.getByTestId('dotatate-undo').click();
    expect((await panelCounts(page)).added).toBe(0);
    await screenshot('10-undone');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('edits a boundary with the brush: a stroke on the PET grows the lesion, its statistics follow and it is marked edited', async () => {
    const before = await savedCandidates();
    const countsBefore = await panelCounts(page);
    // The smallest detected candidate (a stroke visibly grows it), whatever the reader decided on it.
    const target = before.filter((c) => c.decision.kind !== 'added').sort((a, b) => a.statistics.voxels - b.statistics.voxels)[0];
    if (!target) throw new Error('No detected candidate to edit.');
    await page.getByTestId(`dotatate-edit-${target.id}`).click();
    await page.getByTestId('dotatate-edit-bar').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('dotatate-edit-label').innerText()).toContain(String(target.id));
    // The brush is the PET viewport's left-button tool now.
    expect(await primaryTool(PET_VIEWPORT)).toBe('CircularBrush');
    await page.waitForTimeout(1_000);

    // One stroke from the centroid 15 mm towards the patient's left, on the centroid's slice.
    const centre = target.statistics.centroidLPS;
    await dragBetween(page, PET_VIEWPORT, centre, [centre[0] + 15, centre[1], centre[2]]);
    await page.waitForFunction((id) => document.querySelector(`[data-testid="dotatate-candidate-${id}"]`)?.getAttribute('data-edited') === 'true', target.id, { timeout: 20_000 });
    await page.getByTestId('dotatate-candidate-list').scrollIntoViewIfNeeded();
    await screenshot('11-edited');

    await page.getByTestId('dotatate-edit-done').click();
    expect(await page.getByTestId('dotatate-edit-bar').count()).toBe(0);
    expect(await primaryTool(PET_VIEWPORT)).toBe('WindowLevel');
    const edited = (await savedCandidates()).find((c) => c.id === target.id) as SavedCandidate;
    expect(edited.edited).toBe(true);
    expect(edited.decision.kind).toBe(target.decision.kind);
    expect(edited.statistics.voxels).toBeGreaterThan(target.statistics.voxels);
    expect(edited.statistics.volumeMl).toBeGreaterThan(target.statistics.volumeMl);
    expect(await page.getByTestId(`dotatate-candidate-${target.id}-volume`).innerText()).not.toBe(
      await page.evaluate((ml) => (ml >= 100 ? ml.toFixed(0) : ml >= 10 ? ml.toFixed(1) : ml.toFixed(2)), target.statistics.volumeMl),
    );
    expect(await page.getByTestId(`dotatate-candidate-${target.id}-state`).getAttribute('title')).toMatch(/edited/);
    // An edit changes no decision; the other candidates keep their voxels (their segments were locked).
    expect(await panelCounts(page)).toEqual(countsBefore);
    for (const other of before.filter((c) => c.id !== target.id)) {
      expect((await savedCandidates()).find((c) => c.id === other.id)?.statistics.voxels).toBe(other.statistics.voxels);
    }
    await screenshot('12-edit-done');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the review survives closing and reopening the panel and changing the layout', async () => {
    const counts = await panelCounts(page);
    const saved = await savedCandidates();
    // OHIF's right side panel: its header closes it (our panel unmounts) and opens it again.
    await page.locator('[data-cy="side-panel-header-right"]').first().click();
    await page.getByTestId('dotatate-run').waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('[data-cy="side-panel-header-right"]').first().click();
    await page.getByTestId('dotatate-count-candidates').waitFor({ timeout: 10_000 });
    expect(await panelCounts(page)).toEqual(counts);
    await screenshot('13-panel-reopened');

    // A one-by-two layout replaces the viewports; the review, the list and the hotkeys carry on.
    await page.evaluate(() =>
      (window as unknown as { commandsManager: { runCommand(name: string, options: object): unknown } }).commandsManager.runCommand('setViewportGridLayout', { numRows: 1, numCols: 2 }),
    );
    await page.waitForTimeout(2_000);
    const viewportsShown = await page.evaluate(() => new Set([...document.querySelectorAll('[data-viewport-uid]')].map((element) => element.getAttribute('data-viewport-uid'))).size);
    expect(viewportsShown).toBe(2);
    expect(await panelCounts(page)).toEqual(counts);
    expect((await savedCandidates()).map((c) => [c.id, c.decision.kind])).toEqual(saved.map((c) => [c.id, c.decision.kind]));
    if (counts.pending > 0) {
      await page.keyboard.press('Shift+N');
      expect((await selectedCandidate()).decision.kind).toBe('pending');
    }
    await screenshot('14-layout-changed');

    // Shift+D runs detection again in the new layout; the re-run keeps every decision and the edit.
    const runsBefore = (await savedReview(page))?.lastRunId ?? 0;
    await page.keyboard.press('Shift+D');
    await page.waitForFunction((runs) => {
      for (let index = 0; index < sessionStorage.length; index++) {
        const key = sessionStorage.key(index);
        if (!key?.startsWith('ohif-extension-dotatate-liver:review:')) continue;
        const saved = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { lastRunId?: number; run?: { status?: string } };
        // A run in progress is saved as idle: 'done' with a newer run id means the re-run finished.
        return (saved.lastRunId ?? 0) > runs && saved.run?.status === 'done';
      }
      return false;
    }, runsBefore, { timeout: 120_000 });
    expect(await panelCounts(page)).toEqual(counts);
    expect((await savedCandidates()).map((c) => [c.id, c.decision.kind, c.edited])).toEqual(saved.map((c) => [c.id, c.decision.kind, c.edited]));
    expect(pageErrors).toEqual([]);
  }, 120_000);

});
