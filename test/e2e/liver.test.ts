/**
 * End to end, the liver and reference controls on the demo study in headless Chromium: after a
 * run the reader shows the liver mask and spheres (their own labelmap), moves sphere 1 with a
 * click elsewhere in the liver (the PERCIST threshold changes and equals the core's detect() with
 * those centres on the same DICOM), is refused when moving a sphere outside the liver, and
 * re-seeds the liver with a click inside it (detection re-runs, the source says "seed"), edits the
 * liver with an eraser stroke and applies it (the source says "edited", the volume shrinks, and the
 * threshold equals the core's detect() with that edited mask), after a page reload shows the
 * restored liver without a new run, and cancels a further eraser stroke (the liver, its source and
 * volume, the run and the left-button tool stay as they were). Screenshots go to
 * `test-output/e2e/liver-*.png`.
 */
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { detect } from '../../extensions/dotatate-liver/src/core/detect';
import type { MaskVolume, PetVolume, Vec3 } from '../../extensions/dotatate-liver/src/core/types';
import { paintRegion, regionVoxelCount, type VoxelRegion } from '../../extensions/dotatate-liver/src/state/voxelRegion';
import { ijkToLps } from '../../extensions/dotatate-liver/src/core/volume/ijkToLps';
import { lpsToIjk } from '../../extensions/dotatate-liver/src/core/volume/lpsToIjk';
import type { RunningHarness } from '../../platform-config/src/harness';
import { openViewerPage, waitForRunEnabled } from './support/browser';
import { SCREENSHOT_DIR, startE2eViewer, type E2eViewer } from './support/e2eViewer';
import { fetchPetDatasets, petVolumeFromDatasets } from './support/referenceDetection';

const FILTER_PX = 15;
const PET_VIEWPORT = 'dotatatePtAxial';
/** How far (mm) the new centre of sphere 1 lies from every automatic centre, so the threshold moves. */
const MIN_MOVE_MM = 30;

let harness: RunningHarness;
let browser: Browser;
let page: Page;
let viewer: E2eViewer;
let pet: PetVolume;
/** Automatic detection on the same DICOM: the liver mask and sphere centres the viewer should find. */
let automatic: Awaited<ReturnType<typeof detect>>;

async function screenshot(step: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `liver-${step}.png`) });
}

type CornerstoneViewport = {
  element: HTMLElement;
  worldToCanvas(point: number[]): number[];
  getCamera(): { focalPoint: number[]; position: number[]; viewPlaneNormal: number[] };
  setCamera(camera: { focalPoint: number[]; position: number[] }): void;
  render(): void;
};

/** Brings the slice holding `world` into the PET viewport and returns its page position (CSS px). */
async function showAndLocate(world: Vec3): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ viewportId, world }) => {
      const core = (window as unknown as Record<string, { getEnabledElementByViewportId(id: string): { viewport: CornerstoneViewport } }>)['@cornerstonejs/core'];
      const { viewport } = core.getEnabledElementByViewportId(viewportId);
      const camera = viewport.getCamera();
      // Move the camera along its normal only: the slice changes, the in-plane view stays.
      const n = camera.viewPlaneNormal;
      const along = (world[0] - camera.focalPoint[0]) * n[0] + (world[1] - camera.focalPoint[1]) * n[1] + (world[2] - camera.focalPoint[2]) * n[2];
      viewport.setCamera({
        focalPoint: camera.focalPoint.map((value, axis) => value + along * n[axis]),
        position: camera.position.map((value, axis) => value + along * n[axis]),
      });
      viewport.render();
      const [x, y] = viewport.worldToCanvas(world);
      const rect = viewport.element.getBoundingClientRect();
      return { x: rect.left + x, y: rect.top + y };
    },
    { viewportId: PET_VIEWPORT, world },
  );
}

/** The review the viewer saved (sessionStorage): the last run id and the reference it used. */
async function savedRun(): Promise<{ lastRunId: number; spheres: Vec3[]; threshold: number }> {
  const json = await page.evaluate(() => {
    for (let index = 0; index < sessionStorage.length; index++) {
      const key = sessionStorage.key(index);
      if (key?.startsWith('ohif-extension-dotatate-liver:review:')) return sessionStorage.getItem(key);
    }
    return null;
  });
  if (!json) throw new Error('The review was not saved to sessionStorage.');
  const saved = JSON.parse(json) as { lastRunId: number; runInfo: { reference: { threshold: number; spheres: { centreLPS: Vec3 }[] } } };
  return { lastRunId: saved.lastRunId, spheres: saved.runInfo.reference.spheres.map((sphere) => sphere.centreLPS), threshold: saved.runInfo.reference.threshold };
}

/** The liver the viewer saved with the review (PET grid, linear IJK runs), and where it came from. */
async function savedLiver(): Promise<{ region: VoxelRegion; source: string; volumeMl: number }> {
  const json = await page.evaluate(() => {
    for (let index = 0; index < sessionStorage.length; index++) {
      const key = sessionStorage.key(index);
      if (key?.startsWith('ohif-extension-dotatate-liver:review:')) return sessionStorage.getItem(key);
    }
    return null;
  });
  const liver = json ? (JSON.parse(json) as { liver?: { region: VoxelRegion; source: string; volumeMl: number } | null }).liver : null;
  if (!liver) throw new Error('The review was saved without its liver.');
  return liver;
}

/** The liver volume (ml) the panel shows, unrounded. */
async function panelLiverMl(): Promise<number> {
  return Number(await page.locator('[data-testid="dotatate-liver-source"] [data-volume-ml]').getAttribute('data-volume-ml'));
}

/** Voxels of the liver segment (1) on the liver labelmap the viewer draws; null when it is not drawn. */
async function drawnLiverVoxels(): Promise<number | null> {
  return page.evaluate(() => {
    type Image = { voxelManager?: { getScalarData(): ArrayLike<number> } };
    const tools = (window as unknown as Record<string, { segmentation: { state: { getSegmentations(): Array<{ segmentationId: string; representationData: { Labelmap?: { imageIds?: string[] } } }> } } }>)['@cornerstonejs/tools'];
    const core = (window as unknown as Record<string, { cache: { getImage(id: string): Image | undefined } }>)['@cornerstonejs/core'];
    const liver = tools.segmentation.state.getSegmentations().find((s) => s.segmentationId.startsWith('dotatate-liver-reference-'));
    if (!liver) return null;
    let count = 0;
    for (const imageId of liver.representationData.Labelmap?.imageIds ?? []) {
      const data = core.cache.getImage(imageId)?.voxelManager?.getScalarData();
      if (!data) continue;
      for (let index = 0; index < data.length; index++) if (data[index] === 1) count++;
    }
    return count;
  });
}

/**
 * What the liver labelmap the viewer draws holds: runs [start, length, …] of the liver segment's (1)
 * voxels and the count of sphere-marker (2) voxels, over its slices in the labelmap's own order;
 * null when it is not drawn.
 */
async function drawnLiverLabelmap(): Promise<{ liverRuns: number[]; sphereVoxels: number } | null> {
  return page.evaluate(() => {
    type Image = { voxelManager?: { getScalarData(): ArrayLike<number> } };
    const tools = (window as unknown as Record<string, { segmentation: { state: { getSegmentations(): Array<{ segmentationId: string; representationData: { Labelmap?: { imageIds?: string[] } } }> } } }>)['@cornerstonejs/tools'];
    const core = (window as unknown as Record<string, { cache: { getImage(id: string): Image | undefined } }>)['@cornerstonejs/core'];
    const liver = tools.segmentation.state.getSegmentations().find((s) => s.segmentationId.startsWith('dotatate-liver-reference-'));
    if (!liver) return null;
    const liverRuns: number[] = [];
    let sphereVoxels = 0;
    let offset = 0;
    for (const imageId of liver.representationData.Labelmap?.imageIds ?? []) {
      const data = core.cache.getImage(imageId)?.voxelManager?.getScalarData();
      if (!data) return null;
      for (let index = 0; index < data.length; index++) {
        if (data[index] === 2) sphereVoxels++;
        if (data[index] !== 1) continue;
        const voxel = offset + index;
        const last = liverRuns.length - 2;
        if (last >= 0 && liverRuns[last] + liverRuns[last + 1] === voxel) liverRuns[last + 1]++;
        else liverRuns.push(voxel, 1);
      }
      offset += data.length;
    }
    return { liverRuns, sphereVoxels };
  });
}

/** The tool on the left mouse button of a viewport's tool group. */
async function primaryTool(viewportId: string): Promise<string | undefined> {
  return page.evaluate((viewportId) => {
    const tools = (window as unknown as Record<string, { ToolGroupManager: { getToolGroupForViewport(id: string): { getActivePrimaryMouseButtonTool(): string | undefined } | undefined } }>)['@cornerstonejs/tools'];
    return tools.ToolGroupManager.getToolGroupForViewport(viewportId)?.getActivePrimaryMouseButtonTool();
  }, viewportId);
}

/**
 * One eraser (or brush) stroke by mouse events on the PET along `strokePath` (LPS mm, on one
 * slice), `steps` mouse moves per leg (each move paints, and each costs about a second in
 * software WebGL). Returns the stroke's page points.
 */
async function strokeAlong(strokePath: readonly Vec3[], steps: number): Promise<{ x: number; y: number }[]> {
  const points: { x: number; y: number }[] = [];
  for (const point of strokePath) points.push(await showAndLocate(point));
  await page.mouse.move(points[0].x, points[0].y);
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(point.x, point.y, { steps });
  await page.mouse.up();
  return points;
}

/** Opens "Edit liver" with the eraser on. */
async function openLiverEditWithEraser(): Promise<void> {
  await page.getByTestId('dotatate-liver-edit').click();
  await page.getByTestId('dotatate-liver-edit-bar').waitFor({ timeout: 20_000 });
  await page.getByTestId('dotatate-liver-edit-eraser').click();
  expect(await page.getByTestId('dotatate-liver-edit-eraser').getAttribute('aria-pressed')).toBe('true');
  await page.waitForTimeout(500);
}

async function waitForRun(afterRunId: number): Promise<void> {
  await page.waitForFunction(
    (previous) => {
      for (let index = 0; index < sessionStorage.length; index++) {
        const key = sessionStorage.key(index);
        if (!key?.startsWith('ohif-extension-dotatate-liver:review:')) continue;
        const saved = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { lastRunId?: number; run?: { status?: string } };
        return (saved.lastRunId ?? 0) > previous && document.querySelector('[data-testid="dotatate-cancel"]') === null;
      }
      return false;
    },
    afterRunId,
    { timeout: 240_000 },
  );
}

/** A liver voxel deep inside the mask (its 6 neighbours 2 voxels away are liver too), far from every automatic centre. */
function liverPointAwayFromSpheres(): Vec3 {
  const [nx, ny, nz] = pet.dimensions;
  const mask = automatic.liver.mask.voxels;
  const at = (i: number, j: number, k: number) => (i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz ? mask[i + nx * (j + ny * k)] : 0);
  const centres = automatic.reference.spheres.map((sphere) => sphere.centreLPS);
  let best: { point: Vec3; distance: number } | null = null;
  for (let k = 2; k < nz - 2; k++) {
    for (let j = 2; j < ny - 2; j++) {
      for (let i = 2; i < nx - 2; i++) {
        if (!at(i, j, k) || !at(i - 2, j, k) || !at(i + 2, j, k) || !at(i, j - 2, k) || !at(i, j + 2, k) || !at(i, j, k - 2) || !at(i, j, k + 2)) continue;
        const point = ijkToLps(pet, [i, j, k]);
        const distance = Math.min(...centres.map((centre) => Math.hypot(centre[0] - point[0], centre[1] - point[1], centre[2] - point[2])));
        // The closest such voxel past MIN_MOVE_MM keeps the sphere well inside the liver.
        if (distance >= MIN_MOVE_MM && (!best || distance < best.distance)) best = { point, distance };
      }
    }
  }
  if (!best) throw new Error(`The demo liver has no voxel ${MIN_MOVE_MM} mm from every automatic sphere centre.`);
  return best.point;
}

/** A point on screen in the body but not in the liver: sphere 1's centre mirrored across the image's middle column. */
function bodyPointOutsideLiver(): Vec3 {
  const [nx, ny] = pet.dimensions;
  const [i, j, k] = lpsToIjk(pet, automatic.reference.spheres[0].centreLPS).map(Math.round);
  const mirrored = nx - 1 - i;
  if (automatic.liver.mask.voxels[mirrored + nx * (j + ny * k)]) throw new Error('The mirrored point of sphere 1 lies in the liver; the demo liver is not on one side.');
  return ijkToLps(pet, [mirrored, j, k]);
}

beforeAll(async () => {
  viewer = await startE2eViewer({ name: 'liver' });
  ({ harness, browser } = viewer);
  pet = petVolumeFromDatasets(await fetchPetDatasets(harness.orthanc, harness.studies[0].studyInstanceUid));
  automatic = await detect({ pet }, { filterPx: FILTER_PX });
  ({ page } = await openViewerPage(browser));
}, 420_000);

afterAll(async () => {
  await viewer?.stop();
});

describe('the reader adjusts the liver reference on the demo study', () => {
  it('runs detection and shows the liver mask and spheres as their own labelmap', async () => {
    await page.goto(harness.studyUrls[0]);
    await page.getByTestId('dotatate-run').waitFor({ timeout: 120_000 });
    await waitForRunEnabled(page, 180_000);
    await page.getByTestId('dotatate-run').click();
    await page.getByTestId('dotatate-run-summary').waitFor({ timeout: 240_000 });
    expect(await page.getByTestId('dotatate-liver-source').innerText()).toMatch(/found automatically on the PET, \d+ ml/);
    expect(Number(await page.getByTestId('dotatate-reference-threshold').innerText())).toBeCloseTo(automatic.reference.threshold, 2);

    await page.getByTestId('dotatate-liver-toggle').click();
    await page.waitForFunction(
      () => {
        const tools = (window as unknown as Record<string, { segmentation: { state: { getSegmentations(): Array<{ segmentationId: string }> } } }>)['@cornerstonejs/tools'];
        return tools.segmentation.state.getSegmentations().some((s) => s.segmentationId.startsWith('dotatate-liver-reference-'));
      },
      null,
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('dotatate-liver-toggle').innerText()).toBe('Hide liver');
    await showAndLocate(automatic.reference.spheres[0].centreLPS);
    await page.waitForTimeout(500);
    await screenshot('1-shown');
  }, 480_000);

  it('moving sphere 1 outside the liver is refused and changes nothing', async () => {
    const before = await savedRun();
    const outside = bodyPointOutsideLiver();
    await page.getByTestId('dotatate-sphere-move-1').click();
    expect(await page.getByTestId('dotatate-sphere-move-1').innerText()).toBe('Click…');
    const point = await showAndLocate(outside);
    await page.mouse.click(point.x, point.y);
    await page.getByTestId('dotatate-liver-message').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('dotatate-liver-message').innerText()).toMatch(/outside the liver/);
    expect(await savedRun()).toEqual(before);
    await screenshot('2-outside-refused');
  }, 60_000);

  it('moving sphere 1 by a click elsewhere in the liver re-runs detection with the core threshold for those centres', async () => {
    const before = await savedRun();
    const target = liverPointAwayFromSpheres();
    await page.getByTestId('dotatate-sphere-move-1').click();
    expect(await page.getByTestId('dotatate-sphere-move-1').innerText()).toBe('Click…');
    const point = await showAndLocate(target);
    await page.mouse.click(point.x, point.y);
    await waitForRun(before.lastRunId);
    const after = await savedRun();
    // The clicked point (canvas pixel → world) is sphere 1's centre; the other two did not move.
    expect(Math.hypot(...after.spheres[0].map((value, axis) => value - target[axis]))).toBeLessThan(pet.spacing[0] * 2);
    expect(after.spheres.slice(1)).toEqual(before.spheres.slice(1));
    const core = await detect({ pet }, { filterPx: FILTER_PX, referenceCentresLPS: after.spheres });
    expect(after.threshold).toBeCloseTo(core.reference.threshold, 6);
    expect(Math.abs(after.threshold - before.threshold)).toBeGreaterThan(1e-3);
    expect(Number(await page.getByTestId('dotatate-reference-threshold').innerText())).toBeCloseTo(core.reference.threshold, 2);
    await page.waitForTimeout(500);
    await screenshot('3-sphere-moved');
  }, 300_000);

  it('re-seeding the liver with a click inside it re-runs detection; the liver source says seed', async () => {
    const before = await savedRun();
    const seed = automatic.reference.spheres[1].centreLPS;
    await page.getByTestId('dotatate-liver-reseed').click();
    expect(await page.getByTestId('dotatate-liver-reseed').innerText()).toBe('Click the liver…');
    const point = await showAndLocate(seed);
    await page.mouse.click(point.x, point.y);
    await waitForRun(before.lastRunId);
    await page.waitForFunction(() => document.querySelector('[data-testid="dotatate-liver-source"] [data-source]')?.getAttribute('data-source') === 'seed', null, {
      timeout: 30_000,
    });
    expect(await page.getByTestId('dotatate-liver-source').innerText()).toMatch(/grown from a click in the liver, \d+ ml/);
    await page.waitForTimeout(500);
    await screenshot('4-reseeded');
  }, 300_000);

  it('erasing part of the liver with the brush and applying re-runs detection with the edited mask (source edited, smaller, core threshold)', async () => {
    const before = await savedRun();
    const liverBefore = await savedLiver();
    const mlBefore = await panelLiverMl();
    await openLiverEditWithEraser();
    // One eraser stroke across the liver around sphere 2's automatic centre, on its slice: 40 mm
    // along L, 8 mm down (P), and back, so the erased band is wide enough to see.
    const centre = automatic.reference.spheres[1].centreLPS;
    const points = await strokeAlong(
      [
        [centre[0] - 20, centre[1] - 4, centre[2]],
        [centre[0] + 20, centre[1] - 4, centre[2]],
        [centre[0] + 20, centre[1] + 4, centre[2]],
        [centre[0] - 20, centre[1] + 4, centre[2]],
      ],
      16,
    );
    await page.waitForTimeout(500);
    await screenshot('edit-1-erased');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'liver-edit-1-erased-zoom.png'), clip: { x: points[0].x - 120, y: points[0].y - 90, width: 240, height: 180 } });
    expect(await savedRun()).toEqual(before); // painting alone changes nothing

    await page.getByTestId('dotatate-liver-edit-apply').click();
    await waitForRun(before.lastRunId);
    await page.waitForFunction(() => document.querySelector('[data-testid="dotatate-liver-source"] [data-source]')?.getAttribute('data-source') === 'edited', null, {
      timeout: 30_000,
    });
    expect(await page.getByTestId('dotatate-liver-source').innerText()).toMatch(/edited with the brush, \d+ ml/);
    expect(await page.getByTestId('dotatate-liver-edit-bar').count()).toBe(0);

    const edited = await savedLiver();
    const voxelMl = (pet.spacing[0] * pet.spacing[1] * pet.spacing[2]) / 1000;
    expect(edited.source).toBe('edited');
    expect(regionVoxelCount(edited.region)).toBeLessThan(regionVoxelCount(liverBefore.region));
    // The viewer reads the spacing in float32: equal to 1e-3 ml.
    expect(edited.volumeMl).toBeCloseTo(regionVoxelCount(edited.region) * voxelMl, 3);
    const mlAfter = await panelLiverMl();
    expect(mlAfter).toBeCloseTo(edited.volumeMl, 6);
    expect(mlAfter).toBeLessThan(mlBefore);

    // Detection re-ran on the edited liver: the threshold is the core's for that very mask.
    const after = await savedRun();
    const mask: MaskVolume = { dimensions: [...pet.dimensions], spacing: [...pet.spacing], origin: [...pet.origin], direction: [...pet.direction], voxels: new Uint8Array(pet.voxels.length) };
    paintRegion(edited.region, mask.voxels, 1);
    const core = await detect({ pet, liverMask: mask, liverMaskSource: 'edited' }, { filterPx: FILTER_PX });
    expect(core.liver.source).toBe('edited');
    expect(after.threshold).toBeCloseTo(core.reference.threshold, 6);
    // Same sphere centres (the viewer's grid positions are float32: equal to 1e-3 mm).
    expect(after.spheres).toHaveLength(core.reference.spheres.length);
    core.reference.spheres.forEach((sphere, index) => sphere.centreLPS.forEach((value, axis) => expect(after.spheres[index][axis]).toBeCloseTo(value, 3)));
    expect(Number(await page.getByTestId('dotatate-reference-threshold').innerText())).toBeCloseTo(core.reference.threshold, 2);
    await showAndLocate(centre);
    await page.waitForTimeout(500);
    await screenshot('edit-2-applied');
  }, 300_000);

  it('after a page reload the restored review shows the edited liver without a new run', async () => {
    const before = await savedRun();
    const liver = await savedLiver();
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid="dotatate-liver-source"] [data-source]')?.getAttribute('data-source') === 'edited', null, {
      timeout: 120_000,
    });
    await waitForRunEnabled(page, 180_000);
    await page.getByTestId('dotatate-liver-toggle').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="dotatate-liver-toggle"]')?.textContent === 'Hide liver', null, { timeout: 30_000 });
    let drawn: number | null = null;
    for (let attempt = 0; attempt < 40 && !drawn; attempt++) {
      drawn = await drawnLiverVoxels();
      if (!drawn) await page.waitForTimeout(250);
    }
    // Every liver voxel is drawn, except those the sphere markers cover.
    expect(drawn).toBeGreaterThan(0.8 * regionVoxelCount(liver.region));
    expect(drawn).toBeLessThanOrEqual(regionVoxelCount(liver.region));
    expect(await page.getByTestId('dotatate-liver-message').count()).toBe(0);
    expect(await savedRun()).toEqual(before); // no new run
    expect((await savedLiver()).region).toEqual(liver.region);
    await showAndLocate(automatic.reference.spheres[1].centreLPS);
    await page.waitForTimeout(500);
    await screenshot('edit-3-restored');
  }, 360_000);

  it('Cancel after an eraser stroke keeps the liver, its source and volume, the run and the tools as they were', async () => {
    const before = await savedRun();
    const liverBefore = await savedLiver();
    const sourceBefore = await page.locator('[data-testid="dotatate-liver-source"] [data-source]').getAttribute('data-source');
    const mlBefore = await panelLiverMl();
    const toolBefore = await primaryTool(PET_VIEWPORT);
    const drawnBefore = await drawnLiverLabelmap();
    expect(drawnBefore?.liverRuns.length).toBeGreaterThan(0);

    await openLiverEditWithEraser();
    expect(await primaryTool(PET_VIEWPORT)).toBe('CircularEraser');
    // A short stroke (a few brush moves keep the test quick) across sphere 3's automatic centre,
    // away from the band the Apply step erased.
    const centre = automatic.reference.spheres[2].centreLPS;
    await strokeAlong(
      [
        [centre[0] - 8, centre[1], centre[2]],
        [centre[0] + 8, centre[1], centre[2]],
      ],
      3,
    );
    await page.waitForTimeout(500);
    // The stroke erased liver voxels on the labelmap (drawn alone while editing).
    let drawnWhileEditing = await drawnLiverLabelmap();
    for (let attempt = 0; attempt < 20 && drawnWhileEditing && regionVoxelCount({ dimensions: pet.dimensions, runs: drawnWhileEditing.liverRuns }) >= regionVoxelCount(liverBefore.region); attempt++) {
      await page.waitForTimeout(250);
      drawnWhileEditing = await drawnLiverLabelmap();
    }
    expect(regionVoxelCount({ dimensions: pet.dimensions, runs: drawnWhileEditing?.liverRuns ?? [] })).toBeLessThan(regionVoxelCount(liverBefore.region));

    await page.getByTestId('dotatate-liver-edit-cancel').click();
    await page.getByTestId('dotatate-liver-edit-bar').waitFor({ state: 'detached', timeout: 20_000 });
    // The earlier liver and its sphere markers are drawn again, voxel for voxel.
    let drawnAfter = await drawnLiverLabelmap();
    for (let attempt = 0; attempt < 40 && JSON.stringify(drawnAfter) !== JSON.stringify(drawnBefore); attempt++) {
      await page.waitForTimeout(250);
      drawnAfter = await drawnLiverLabelmap();
    }
    // A run Cancel started by mistake would be under way or done by now (a run takes about a second).
    await page.waitForTimeout(2_000);
    // One comparison, so a failure names every part that changed: the drawn liver, the panel's
    // source and volume, the saved liver, the run (none under way, none ran) and the left-button tool.
    expect({
      drawn: drawnAfter,
      detecting: await page.getByTestId('dotatate-cancel').count(),
      source: await page.locator('[data-testid="dotatate-liver-source"] [data-source]').getAttribute('data-source'),
      volumeMl: await panelLiverMl(),
      savedLiver: await savedLiver(),
      run: await savedRun(),
      tool: await primaryTool(PET_VIEWPORT),
    }).toEqual({ drawn: drawnBefore, detecting: 0, source: sourceBefore, volumeMl: mlBefore, savedLiver: liverBefore, run: before, tool: toolBefore });
    await showAndLocate(centre);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'liver-edit-cancelled.png') });
  }, 120_000);
});
