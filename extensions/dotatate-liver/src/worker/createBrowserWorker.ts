/**
 * Starts the detection worker in the browser. The worker is a separate build output
 * (dist/detect.worker.js) next to the plugin bundle, found relative to the bundle's own URL: a
 * same-origin script, which a cross-origin-isolated page (COOP/COEP, needed for WASM threads)
 * accepts as a worker without extra headers, and which keeps the core and the inference runtimes
 * out of the main bundle's start-up path. Every request gets the model's location (shipped or
 * configured), and every reply updates the model's availability for the panel.
 */
import type { WorkerLike } from './detectionWorkerClient';
import { resolveModelLocation } from './modelLocation';
import type { ModelLocation } from './protocol';
import { withModelLocation } from './withModelLocation';

export const WORKER_FILE_NAME = 'detect.worker.js';

/** The bundle's own URL: import.meta.url in the ES module build, the script's src in the UMD build. */
export function bundleUrl(): string | undefined {
  const fromModule = (import.meta as { url?: string }).url;
  if (fromModule) return fromModule;
  return scriptUrlAtLoad;
}

// In the UMD build import.meta is empty; document.currentScript is only set while the script runs.
const scriptUrlAtLoad: string | undefined =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : undefined;

function requireBundleUrl(what: string): string {
  const base = bundleUrl();
  if (!base) throw new Error(`cannot locate ${what}: the plugin bundle's URL is unknown`);
  return base;
}

/** The worker script's URL, or a reader-facing Error when the bundle's location is unknown. */
export function detectionWorkerUrl(): URL {
  return new URL(WORKER_FILE_NAME, requireBundleUrl(WORKER_FILE_NAME));
}

/** The U-Net manifest and runtime files this viewer uses (see modelLocation). */
export function viewerModelLocation(): ModelLocation {
  return resolveModelLocation(requireBundleUrl('the U-Net model'), typeof location !== 'undefined' ? location.href : undefined);
}

export function createBrowserDetectionWorker(): WorkerLike {
  const worker = new Worker(detectionWorkerUrl(), { name: 'dotatate-liver-detection' }) as unknown as WorkerLike;
  return withModelLocation(worker, viewerModelLocation);
}
