/**
 * End to end, the U-Net in the viewer: the harness (its own Orthanc with the demo study) and the
 * published OHIF viewer in Debian's headless Chromium (WebGL2 on SwiftShader, no GPU). The reader
 * runs detection with "U-Net" and with "Both"; the panel names the backend that ran and why (with
 * SwiftShader, WASM, the software renderer named as the reason). A corrupt model (manifest with
 * the wrong sha256, served by route interception) gives a clear message and a one-click classical
 * run. Browser parity: in one page per browser, every backend that starts (onnxruntime-web WASM,
 * WebGPU on SwiftShader's Vulkan, TF.js WebGL on SwiftShader, forced) reproduces PyTorch's output on
 * the fixed 32² reference input within 1e-3.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import type { RunningHarness } from '../../platform-config/src/harness';
import { PLUGIN_PACKAGES } from '../../platform-config/src/paths';
import { parseModelManifest } from '../../extensions/dotatate-liver/src/inference/manifest';
import { modelValidationCaution } from '../../extensions/dotatate-liver/src/inference/modelValidation';
import { openViewerPage, panelCounts, waitForRunEnabled } from './support/browser';
import { SCREENSHOT_DIR, startE2eViewer, type E2eViewer } from './support/e2eViewer';
import { launchProbeChromium, openProbePage, REFERENCE_PATH, startProbeServer, type ProbeBackend, type ProbeServer } from './support/unetProbePage';

/** No pixel filter: the demo study's classical run then has candidates to compare with (15 px may leave none). */
const FILTER_PX = '0';
const MANIFEST_ROUTE = '**/ohif-extension-dotatate-liver/models/unet-2d.manifest.json';
/** The manifest the viewer serves (copied into the built bundle). */
const SHIPPED_MANIFEST = path.join(PLUGIN_PACKAGES[0].distDir, 'models/unet-2d.manifest.json');

let harness: RunningHarness;
let browser: Browser;
let viewer: E2eViewer;

beforeAll(async () => {
  viewer = await startE2eViewer({ name: 'unet', extensionFiles: ['detect.worker.js', 'models/unet-2d.onnx', 'ort/ort-wasm-simd-threaded.jsep.wasm.gz'] });
  ({ harness, browser } = viewer);
}, 420_000);

afterAll(async () => {
  await viewer?.stop();
});

/** Opens the demo study and waits until Run and the U-Net choice are both enabled. */
async function openStudy(prepare?: (page: Page) => Promise<unknown>): Promise<{ page: Page; pageErrors: string[] }> {
  const opened = await openViewerPage(browser);
  await prepare?.(opened.page);
  await opened.page.goto(harness.studyUrls[0]);
  await opened.page.getByTestId('dotatate-run').waitFor({ timeout: 120_000 });
  await waitForRunEnabled(opened.page, 240_000);
  await opened.page.waitForFunction(
    () => document.querySelector<HTMLOptionElement>('[data-testid="dotatate-detector"] option[value="unet"]')?.disabled === false,
    null,
    { timeout: 60_000 },
  );
  await opened.page.getByTestId('dotatate-filter-px').fill(FILTER_PX);
  return opened;
}

/** Chooses a detector, runs, and waits for the run to end (summary or error). */
async function runWith(page: Page, detector: 'percist' | 'unet' | 'both'): Promise<'done' | 'failed'> {
  await page.getByTestId('dotatate-detector').selectOption(detector);
  await page.getByTestId('dotatate-run').click();
  const ended = await Promise.race([
    page.getByTestId('dotatate-run-summary').waitFor({ timeout: 300_000 }).then(() => 'done' as const),
    page.getByTestId('dotatate-run-error').waitFor({ timeout: 300_000 }).then(() => 'failed' as const),
  ]);
  return ended;
}

describe('the U-Net in the viewer on the demo study', () => {
  it('runs "U-Net" and "Both": the panel names the backend and why; "Both" keeps the classical candidates', async () => {
    const { page, pageErrors } = await openStudy();
    expect(await runWith(page, 'percist')).toBe('done');
    const classical = (await panelCounts(page)).candidates;

    expect(await runWith(page, 'unet')).toBe('done');
    const backend = await page.getByTestId('dotatate-backend').innerText();
    // SwiftShader emulates the GPU: WASM runs, and the reason names the software renderer.
    expect(backend).toMatch(/^WASM \(onnxruntime-web\)/);
    expect(backend).toMatch(/cross-origin isolated/);
    expect(backend).toMatch(/SwiftShader/i);
    expect(await page.getByTestId('dotatate-unet-run').innerText()).toMatch(/dotatate-liver-unet-2d .*: [1-9]\d* slices/);
    // The model's own validation scores decide whether the reader is warned (the shipped weights are under-trained).
    const caution = modelValidationCaution(parseModelManifest(JSON.parse(readFileSync(SHIPPED_MANIFEST, 'utf8')), SHIPPED_MANIFEST));
    const shown = page.getByTestId('dotatate-model-caution');
    if (caution) expect(await shown.innerText()).toBe(caution);
    else expect(await shown.count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'unet-run.png') });

    expect(await runWith(page, 'both')).toBe('done');
    expect(await page.getByTestId('dotatate-backend').innerText()).toMatch(/^WASM \(onnxruntime-web\).*\+ classical on the CPU/);
    // Voxel-wise maximum: every classical candidate voxel survives, so at least as many candidates.
    expect((await panelCounts(page)).candidates).toBeGreaterThanOrEqual(classical);
    expect(classical).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 900_000);

  it('a corrupt model (wrong sha256) says so and offers the classical detector in one click', async () => {
    const manifest = JSON.parse(readFileSync(SHIPPED_MANIFEST, 'utf8')) as { sha256: string };
    const wrongSha256 = manifest.sha256.replace(/^./, (digit) => (digit === '0' ? '1' : '0'));
    const { page } = await openStudy((fresh) =>
      fresh.context().route(MANIFEST_ROUTE, (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...manifest, sha256: wrongSha256 }) }),
      ),
    );
    expect(await runWith(page, 'unet')).toBe('failed');
    const notice = page.getByTestId('dotatate-model-unavailable');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.innerText()).toMatch(/corrupt or not the one its manifest names/);
    expect(await notice.innerText()).toContain(wrongSha256);
    expect(await notice.innerText()).toMatch(/classical detector .* is offered instead/);
    expect(await page.locator('[data-testid="dotatate-detector"] option[value="unet"]').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'unet-corrupt-model.png') });

    await page.getByTestId('dotatate-use-classical').click();
    await page.getByTestId('dotatate-run-summary').waitFor({ timeout: 300_000 });
    expect(await page.getByTestId('dotatate-detector').inputValue()).toBe('percist');
    expect((await panelCounts(page)).candidates).toBeGreaterThan(0);
    await page.close();
  }, 900_000);
});

/** Largest |a − b|. */
function largestDifference(a: readonly number[], b: readonly number[]): number {
  let largest = 0;
  for (let n = 0; n < a.length; n++) largest = Math.max(largest, Math.abs(a[n] - b[n]));
  return largest;
}

/**
 * Largest log-odds difference: the shipped weights are under-trained and give probabilities far
 * below 1e-3, where an absolute check says little (as in the Node parity test). Only for TF.js:
 * onnxruntime's fast logistic is approximate in the far tails.
 */
function largestLogOddsDifference(reference: readonly number[], other: readonly number[]): number {
  const logOdds = (p: number) => Math.log(p / (1 - p));
  let largest = 0;
  for (let n = 0; n < reference.length; n++) largest = Math.max(largest, Math.abs(logOdds(reference[n]) - logOdds(other[n])));
  return largest;
}

describe('browser backend parity on the PyTorch reference (32² input)', () => {
  const reference = JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as { inputShape: number[]; input: number[]; output: number[] };
  const size = reference.inputShape[2];
  let server: ProbeServer;
  beforeAll(async () => {
    server = await startProbeServer();
  });
  afterAll(async () => server?.close());

  /** Runs the reference on each backend in one page; returns each backend's output, or why it did not start. */
  async function runBackends(webgpuFlags: boolean, backends: ProbeBackend[]): Promise<Record<string, number[] | string>> {
    const probeBrowser = await launchProbeChromium({ webgpu: webgpuFlags });
    try {
      const { probe } = await openProbePage(probeBrowser, server);
      const outputs: Record<string, number[] | string> = {};
      for (const backend of backends) {
        try {
          await probe.open(backend, 1, size);
          outputs[backend] = (await probe.run(reference.input, 1)).output;
        } catch (error) {
          outputs[backend] = error instanceof Error ? error.message : String(error);
        }
      }
      return outputs;
    } finally {
      await probeBrowser.close();
    }
  }

  it('onnxruntime-web WASM and TF.js WebGL (SwiftShader, forced) agree with PyTorch within 1e-3', async () => {
    const outputs = await runBackends(false, ['wasm', 'webgl']);
    const wasm = outputs.wasm;
    if (typeof wasm === 'string') throw new Error(`onnxruntime-web WASM did not start: ${wasm}`);
    expect(wasm).toHaveLength(size * size);
    expect(largestDifference(reference.output, wasm)).toBeLessThan(1e-3);
    const webgl = outputs.webgl;
    // TF.js WebGL needs a WebGL2 context; with SwiftShader it starts (DESIGN.md), so it is checked.
    if (typeof webgl === 'string') throw new Error(`TF.js WebGL did not start on SwiftShader: ${webgl}`);
    expect(largestDifference(reference.output, webgl)).toBeLessThan(1e-3);
    expect(largestLogOddsDifference(reference.output, webgl)).toBeLessThan(1e-3);
  }, 300_000);

  it('onnxruntime-web WebGPU on the SwiftShader adapter agrees with PyTorch within 1e-3 when it starts', async () => {
    const outputs = await runBackends(true, ['webgpu', 'wasm']);
    // WASM in the same page is the control: the page and runtime files work even if WebGPU does not.
    const wasm = outputs.wasm;
    if (typeof wasm === 'string') throw new Error(`onnxruntime-web WASM did not start: ${wasm}`);
    expect(largestDifference(reference.output, wasm)).toBeLessThan(1e-3);
    const webgpu = outputs.webgpu;
    if (typeof webgpu === 'string') {
      // No adapter on this machine (Vulkan/SwiftShader missing): the reason must say so.
      expect(webgpu).toMatch(/adapter|webgpu/i);
      return;
    }
    expect(webgpu).toHaveLength(size * size);
    expect(largestDifference(reference.output, webgpu)).toBeLessThan(1e-3);
  }, 300_000);
});
