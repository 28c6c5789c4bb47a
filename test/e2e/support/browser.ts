/**
 * Headless Chromium from Debian with WebGL2 through SwiftShader (no GPU), nothing fetched from
 * outside, and small page helpers for the review panel. Shared by the end-to-end tests and the
 * viewer benchmark.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export async function openViewerPage(browser: Browser): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

/** Waits until the Run button is enabled: the panel is up and the PET volume fully loaded. */
export async function waitForRunEnabled(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="dotatate-run"]');
      return button !== null && !button.disabled;
    },
    null,
    { timeout: timeoutMs },
  );
}

/** The review counts shown in the panel. */
export async function panelCounts(page: Page): Promise<Record<'candidates' | 'pending' | 'accepted' | 'rejected' | 'added', number>> {
  const read = async (name: string) => Number(await page.getByTestId(`dotatate-count-${name}`).innerText());
  return {
    candidates: await read('candidates'),
    pending: await read('pending'),
    accepted: await read('accepted'),
    rejected: await read('rejected'),
    added: await read('added'),
  };
}

export interface SavedCandidate {
  id: number;
  decision: { kind: string; reason?: string };
  edited: boolean;
  statistics: { suvMax: number; volumeMl: number; voxels: number; centroidLPS: [number, number, number] };
}

/** The review as the extension saved it in sessionStorage (its JSON format). */
export async function savedReview(page: Page): Promise<{ candidates: SavedCandidate[]; lastRunId: number } | null> {
  const json = await page.evaluate(() => {
    for (let index = 0; index < sessionStorage.length; index++) {
      const key = sessionStorage.key(index);
      if (key?.startsWith('ohif-extension-dotatate-liver:review:')) return sessionStorage.getItem(key);
    }
    return null;
  });
  return json ? JSON.parse(json) : null;
}

/** Canvas position (CSS px, page coordinates) of an LPS point (mm) on a viewport. */
export async function pagePointOf(page: Page, viewportId: string, world: readonly number[]): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ viewportId, world }) => {
      const core = (window as unknown as Record<string, { getEnabledElementByViewportId(id: string): { viewport: { element: HTMLElement; worldToCanvas(p: number[]): number[] } } }>)['@cornerstonejs/core'];
      const { viewport } = core.getEnabledElementByViewportId(viewportId);
      const [x, y] = viewport.worldToCanvas(world);
      const rect = viewport.element.getBoundingClientRect();
      return { x: rect.left + x, y: rect.top + y };
    },
    { viewportId, world: [...world] },
  );
}

/**
 * The reader adds a missed lesion: Shift+L arms "Add lesion", then one click at `world` (LPS mm) on
 * the viewport. Resolves once it is added or refused, with the added count and any message shown.
 */
export async function addLesionByClick(page: Page, viewportId: string, world: readonly number[]): Promise<{ added: number; messages: string[] }> {
  await page.keyboard.press('Shift+L');
  await page.waitForFunction(() => document.querySelector('[data-testid="dotatate-add-lesion"]')?.textContent?.includes('Click it'), null, { timeout: 10_000 });
  const point = await pagePointOf(page, viewportId, world);
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="dotatate-count-added"]')?.textContent === '1' ||
      document.querySelector('[data-testid="dotatate-session-message"], [data-testid="dotatate-review-notice"]') !== null,
    null,
    { timeout: 30_000 },
  );
  const messages = await page.locator('[data-testid="dotatate-session-message"], [data-testid="dotatate-review-notice"]').allInnerTexts();
  return { added: (await panelCounts(page)).added, messages };
}

/** One left-button drag on a viewport from one LPS point (mm) to another, in `steps` mouse moves (a brush or eraser stroke). */
export async function dragBetween(page: Page, viewportId: string, fromLPS: readonly number[], toLPS: readonly number[], steps = 12): Promise<void> {
  const from = await pagePointOf(page, viewportId, fromLPS);
  const to = await pagePointOf(page, viewportId, toLPS);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}
