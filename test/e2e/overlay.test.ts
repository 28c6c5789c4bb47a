/**
 * End to end: every viewport draws exactly the current candidates, after a brush edit of a
 * boundary, a lesion added with one click and removed again, and a re-run that leaves fewer or no
 * candidates. Read in the page: the segment indices (and one segment's voxels) the PET MIP's
 * edge-projection volume holds (cornerstone's combined PET + labelmap copy), and the
 * pending-yellow overlay pixels on the MIP, PET axial and fused canvases, the axial views scrolled
 * to a removed candidate's centroid. Screenshots: test-output/e2e/overlay-*.png.
 */
import path from 'node:path';

import type { Page } from 'playwright-core';

import { DECISION_COLOURS } from '../../extensions/dotatate-liver/src/adapter/candidateSegments';
import { regionVoxelCount, type VoxelRegion } from '../../extensions/dotatate-liver/src/state/voxelRegion';
import { addLesionByClick, dragBetween, openViewerPage, panelCounts, savedReview, waitForRunEnabled, type SavedCandidate } from './support/browser';
import { SCREENSHOT_DIR, startE2eViewer, type E2eViewer } from './support/e2eViewer';
import { referenceDetection, type ReferenceCounts } from './support/referenceDetection';

const MIP_VIEWPORT = 'dotatatePtMip';
const PET_VIEWPORT = 'dotatatePtAxial';
const FUSED_VIEWPORT = 'dotatateFusionAxial';
const CANDIDATES_PREFIX = 'dotatate-liver-candidates-';
/** A pixel filter that keeps every candidate of the demo study, and one that keeps none. */
const KEEP_ALL_PX = 0;
const KEEP_NONE_PX = 1000;

let viewer: E2eViewer;
let page: Page;
let pageErrors: string[];
/** The core's detection on the same DICOM with every candidate kept: where a missed hot spot lies. */
let reference: ReferenceCounts;

beforeAll(async () => {
  viewer = await startE2eViewer({ name: 'overlay' });
  reference = await referenceDetection(viewer.harness.orthanc, viewer.harness.studies[0].studyInstanceUid, KEEP_ALL_PX);
  ({ page, pageErrors } = await openViewerPage(viewer.browser));
  await page.goto(viewer.harness.studyUrls[0]);
  await page.getByTestId('dotatate-run').waitFor({ timeout: 120_000 });
  await waitForRunEnabled(page, 180_000);
}, 420_000);

afterAll(async () => {
  await viewer?.stop();
});

async function runWithFilter(pixels: number): Promise<SavedCandidate[]> {
  const before = (await savedReview(page))?.lastRunId ?? 0;
  await page.getByTestId('dotatate-filter-px').fill(String(pixels));
  await page.getByTestId('dotatate-run').click();
  await page.waitForFunction(
    (previous) => {
      for (let index = 0; index < sessionStorage.length; index++) {
        const key = sessionStorage.key(index);
        if (!key?.startsWith('ohif-extension-dotatate-liver:review:')) continue;
        const saved = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { lastRunId?: number };
        return (saved.lastRunId ?? 0) > previous && document.querySelector('[data-testid="dotatate-cancel"]') === null;
      }
      return false;
    },
    before,
    { timeout: 240_000 },
  );
  // The overlay is drawn after the run; the panel reports it in the run summary.
  await page.waitForFunction(() => /overlay drawn/.test(document.querySelector('[data-testid="dotatate-run-summary"]')?.textContent ?? ''), null, { timeout: 60_000 });
  // cornerstone renders on the next animation frames.
  await page.waitForTimeout(1500);
  return (await savedReview(page))?.candidates ?? [];
}

/** Segment indices (sorted) the MIP's combined PET + labelmap volume holds for the candidates' labelmap; null when it holds none. */
async function mipSegmentIndices(): Promise<number[] | null> {
  return page.evaluate(
    ({ viewportId, prefix }) => {
      type DataArray = { getData(): ArrayLike<number>; getNumberOfComponents(): number };
      type ActorEntry = { representationUID?: string; actor?: { getMapper?(): { getInputData?(): { getPointData(): { getArray(index: number): DataArray | null } } } } };
      const core = (window as unknown as Record<string, { getEnabledElementByViewportId(id: string): { viewport: { getActors(): ActorEntry[] } } | undefined }>)['@cornerstonejs/core'];
      const viewport = core.getEnabledElementByViewportId(viewportId)?.viewport;
      for (const entry of viewport?.getActors() ?? []) {
        if (!entry.representationUID?.startsWith(prefix)) continue;
        const array = entry.actor?.getMapper?.()?.getInputData?.()?.getPointData().getArray(0);
        if (!array || array.getNumberOfComponents() !== 2) continue;
        const data = array.getData();
        const indices = new Set<number>();
        for (let index = 1; index < data.length; index += 2) if (data[index] !== 0) indices.add(data[index]);
        return [...indices].sort((a, b) => a - b);
      }
      return null;
    },
    { viewportId: MIP_VIEWPORT, prefix: CANDIDATES_PREFIX },
  );
}

/** Milliseconds to wait for the MIP's copy: cornerstone builds and refreshes it on later animation frames. */
const MIP_SETTLE_MS = 20_000;

/** The MIP's segment indices once they equal `expected`, or the last ones read when MIP_SETTLE_MS ran out. */
async function settledMipSegmentIndices(expected: readonly number[]): Promise<number[]> {
  const deadline = Date.now() + MIP_SETTLE_MS;
  for (;;) {
    const indices = (await mipSegmentIndices()) ?? [];
    if (indices.join() === expected.join() || Date.now() > deadline) return indices;
    await page.waitForTimeout(250);
  }
}

/**
 * The voxels one segment holds in the MIP's combined PET + labelmap volume, as runs [start, length,
 * …] of linear voxel indices (the PET grid's IJK order, x fastest, as the saved regions); null when
 * the MIP draws no copy of the candidates' labelmap.
 */
async function mipSegmentRuns(segmentIndex: number): Promise<number[] | null> {
  return page.evaluate(
    ({ viewportId, prefix, segmentIndex }) => {
      type DataArray = { getData(): ArrayLike<number>; getNumberOfComponents(): number };
      type ActorEntry = { representationUID?: string; actor?: { getMapper?(): { getInputData?(): { getPointData(): { getArray(index: number): DataArray | null } } } } };
      const core = (window as unknown as Record<string, { getEnabledElementByViewportId(id: string): { viewport: { getActors(): ActorEntry[] } } | undefined }>)['@cornerstonejs/core'];
      const viewport = core.getEnabledElementByViewportId(viewportId)?.viewport;
      for (const entry of viewport?.getActors() ?? []) {
        if (!entry.representationUID?.startsWith(prefix)) continue;
        const array = entry.actor?.getMapper?.()?.getInputData?.()?.getPointData().getArray(0);
        if (!array || array.getNumberOfComponents() !== 2) continue;
        const data = array.getData();
        const runs: number[] = [];
        for (let voxel = 0; voxel < data.length / 2; voxel++) {
          if (data[voxel * 2 + 1] !== segmentIndex) continue;
          const last = runs.length - 2;
          if (last >= 0 && runs[last] + runs[last + 1] === voxel) runs[last + 1]++;
          else runs.push(voxel, 1);
        }
        return runs;
      }
      return null;
    },
    { viewportId: MIP_VIEWPORT, prefix: CANDIDATES_PREFIX, segmentIndex },
  );
}

/** The segment's voxel runs on the MIP once they equal `expected`, or the last ones read when MIP_SETTLE_MS ran out. */
async function settledMipSegmentRuns(segmentIndex: number, expected: readonly number[]): Promise<number[] | null> {
  const deadline = Date.now() + MIP_SETTLE_MS;
  for (;;) {
    const runs = await mipSegmentRuns(segmentIndex);
    if (runs?.join() === expected.join() || Date.now() > deadline) return runs;
    await page.waitForTimeout(250);
  }
}

/** A saved candidate with its voxels (the review's JSON keeps each region, PET grid, linear IJK runs). */
type CandidateWithRegion = SavedCandidate & { region: VoxelRegion };

async function savedCandidatesWithRegions(): Promise<CandidateWithRegion[]> {
  const saved = await savedReview(page);
  if (!saved) throw new Error('The review was not saved to sessionStorage.');
  return saved.candidates as CandidateWithRegion[];
}

/** Segment indices (sorted) on the candidates' labelmap slices in cornerstone's cache: what the labelmap holds. */
async function labelmapSegmentIndices(): Promise<number[]> {
  return page.evaluate((prefix) => {
    type Image = { voxelManager?: { getScalarData(): ArrayLike<number> } };
    const tools = (window as unknown as Record<string, { segmentation: { state: { getSegmentations(): Array<{ segmentationId: string; representationData: { Labelmap?: { imageIds?: string[] } } }> } } }>)['@cornerstonejs/tools'];
    const core = (window as unknown as Record<string, { cache: { getImage(id: string): Image | undefined } }>)['@cornerstonejs/core'];
    const segmentation = tools.segmentation.state.getSegmentations().find((s) => s.segmentationId.startsWith(prefix));
    const indices = new Set<number>();
    for (const imageId of segmentation?.representationData.Labelmap?.imageIds ?? []) {
      const data = core.cache.getImage(imageId)?.voxelManager?.getScalarData();
      for (let index = 0; data && index < data.length; index++) if (data[index] !== 0) indices.add(data[index]);
    }
    return [...indices].sort((a, b) => a - b);
  }, CANDIDATES_PREFIX);
}

/** Moves the slice views to a patient position (LPS, mm) and lets them redraw. */
async function scrollAxialViewsTo(world: readonly number[]): Promise<void> {
  await page.evaluate(
    ({ viewportIds, point }) => {
      const core = (window as unknown as Record<string, { getEnabledElementByViewportId(id: string): { viewport: { jumpToWorld(p: number[]): boolean; render(): void } } | undefined }>)['@cornerstonejs/core'];
      for (const viewportId of viewportIds) {
        const viewport = core.getEnabledElementByViewportId(viewportId)?.viewport;
        viewport?.jumpToWorld(point);
        viewport?.render();
      }
    },
    { viewportIds: [PET_VIEWPORT, FUSED_VIEWPORT], point: [...world] },
  );
  await page.waitForTimeout(1000);
}

/** Pixels of each viewport's canvas in (about) the pending candidates' colour: the overlay's outlines. */
async function pendingColourPixels(viewportIds: readonly string[]): Promise<Record<string, number>> {
  const [red, green, blue] = DECISION_COLOURS.pending;
  return page.evaluate(
    ({ ids, colour }) => {
      const core = (window as unknown as Record<string, { getEnabledElementByViewportId(id: string): { viewport: { canvas: HTMLCanvasElement } } | undefined }>)['@cornerstonejs/core'];
      const counts: Record<string, number> = {};
      for (const viewportId of ids) {
        const canvas = core.getEnabledElementByViewportId(viewportId)?.viewport.canvas;
        const pixels = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let offset = 0; pixels && offset < pixels.length; offset += 4) {
          // The MIP's edge projection draws the outline slightly lighter (255, 220, 59) than the slice views.
          if (Math.abs(pixels[offset] - colour[0]) <= 25 && Math.abs(pixels[offset + 1] - colour[1]) <= 25 && Math.abs(pixels[offset + 2] - colour[2]) <= 70) count++;
        }
        counts[viewportId] = count;
      }
      return counts;
    },
    { ids: [...viewportIds], colour: [red, green, blue] },
  );
}

describe('the lesion overlay after a re-run', () => {
  let firstCandidates: SavedCandidate[] = [];

  it('draws every candidate of the first run on the MIP and on the slice views', async () => {
    firstCandidates = await runWithFilter(KEEP_ALL_PX);
    expect(firstCandidates.length).toBeGreaterThan(1);
    const ids = firstCandidates.map((candidate) => candidate.id).sort((a, b) => a - b);
    expect(await labelmapSegmentIndices()).toEqual(ids);
    expect(await settledMipSegmentIndices(ids)).toEqual(ids);
    await scrollAxialViewsTo(firstCandidates[0].statistics.centroidLPS);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overlay-1-all-candidates.png') });
    const pixels = await pendingColourPixels([MIP_VIEWPORT, PET_VIEWPORT, FUSED_VIEWPORT]);
    expect(pixels[MIP_VIEWPORT]).toBeGreaterThan(0);
    expect(pixels[PET_VIEWPORT]).toBeGreaterThan(0);
    expect(pixels[FUSED_VIEWPORT]).toBeGreaterThan(0);
  }, 300_000);

  it('draws a brush-edited boundary on the MIP: the segment holds the new region, not the old one', async () => {
    const before = await savedCandidatesWithRegions();
    // The smallest candidate (a stroke visibly grows it); the stricter re-run below drops it again.
    const target = [...before].sort((a, b) => a.statistics.voxels - b.statistics.voxels)[0];
    expect(await settledMipSegmentRuns(target.id, target.region.runs)).toEqual(target.region.runs);
    await page.getByTestId(`dotatate-edit-${target.id}`).click();
    await page.getByTestId('dotatate-edit-bar').waitFor({ timeout: 20_000 });
    await scrollAxialViewsTo(target.statistics.centroidLPS);

    // One stroke from the centroid 15 mm towards the patient's left, on the centroid's slice.
    const centre = target.statistics.centroidLPS;
    await dragBetween(page, PET_VIEWPORT, centre, [centre[0] + 15, centre[1], centre[2]]);
    await page.waitForFunction((id) => document.querySelector(`[data-testid="dotatate-candidate-${id}"]`)?.getAttribute('data-edited') === 'true', target.id, { timeout: 20_000 });
    await page.getByTestId('dotatate-edit-done').click();
    expect(await page.getByTestId('dotatate-edit-bar').count()).toBe(0);

    const edited = (await savedCandidatesWithRegions()).find((candidate) => candidate.id === target.id) as CandidateWithRegion;
    expect(regionVoxelCount(edited.region)).toBeGreaterThan(regionVoxelCount(target.region));
    // The MIP's copy holds exactly the edited region for that segment, voxel for voxel.
    expect(await settledMipSegmentRuns(target.id, edited.region.runs)).toEqual(edited.region.runs);
    const ids = before.map((candidate) => candidate.id).sort((a, b) => a - b);
    expect(await settledMipSegmentIndices(ids)).toEqual(ids);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overlay-1b-edited.png') });
  }, 120_000);

  it('draws a lesion added with one click on the MIP, and no longer once it is removed', async () => {
    const before = await savedCandidatesWithRegions();
    const ids = before.map((candidate) => candidate.id).sort((a, b) => a - b);
    const target = reference.missedHotSpotLPS;
    if (!target) throw new Error('The demo study has no hot spot outside the candidates to add as a missed lesion.');
    await scrollAxialViewsTo(target);
    // Shift+L and one click; added, or refused with a message the reader sees (which the failure then shows).
    expect(await addLesionByClick(page, PET_VIEWPORT, target)).toEqual({ added: 1, messages: [] });
    const added = (await savedCandidatesWithRegions()).find((candidate) => candidate.decision.kind === 'added') as CandidateWithRegion;
    const withAdded = [...ids, added.id].sort((a, b) => a - b);
    expect(await settledMipSegmentIndices(withAdded)).toEqual(withAdded);
    expect(await labelmapSegmentIndices()).toEqual(withAdded);
    expect(await settledMipSegmentRuns(added.id, added.region.runs)).toEqual(added.region.runs);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overlay-1c-added.png') });

    await page.getByTestId(`dotatate-remove-${added.id}`).click();
    expect((await panelCounts(page)).added).toBe(0);
    expect(await settledMipSegmentIndices(ids)).toEqual(ids);
    expect(await labelmapSegmentIndices()).toEqual(ids);
    expect(await mipSegmentRuns(added.id)).toEqual([]);
  }, 120_000);

  it('keeps on the MIP only the candidates a stricter filter leaves', async () => {
    // The filter drops per-slice components smaller than it: one above the smallest candidate's
    // whole size removes at least that candidate.
    const smallest = Math.min(...firstCandidates.map((candidate) => candidate.statistics.voxels));
    const stricter = await runWithFilter(smallest + 1);
    const ids = stricter.map((candidate) => candidate.id).sort((a, b) => a - b);
    expect(ids.length).toBeLessThan(firstCandidates.length);
    expect(await labelmapSegmentIndices()).toEqual(ids);
    expect(await settledMipSegmentIndices(ids)).toEqual(ids);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overlay-2-fewer-candidates.png') });
  }, 300_000);

  it('draws no candidate anywhere once a re-run finds none', async () => {
    const none = await runWithFilter(KEEP_NONE_PX);
    expect(none).toEqual([]);
    expect(await labelmapSegmentIndices()).toEqual([]);
    expect(await settledMipSegmentIndices([])).toEqual([]);
    // The slice views at the first run's first candidate, where its outline was drawn.
    await scrollAxialViewsTo(firstCandidates[0].statistics.centroidLPS);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overlay-3-no-candidates.png') });
    const pixels = await pendingColourPixels([MIP_VIEWPORT, PET_VIEWPORT, FUSED_VIEWPORT]);
    expect(pixels).toEqual({ [MIP_VIEWPORT]: 0, [PET_VIEWPORT]: 0, [FUSED_VIEWPORT]: 0 });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
