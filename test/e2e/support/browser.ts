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
