/**
 * Starts the detection worker in the browser. The worker is a separate build output
 * (dist/detect.worker.js) next to the plugin bundle, found relative to the bundle's own URL: a
 * same-origin script, which a cross-origin-isolated page (COOP/COEP, needed for WASM threads)
 * accepts as a worker without extra headers, and which keeps the core out of the main bundle's
 * start-up path.
 */
import type { WorkerLike } from './detectionWorkerClient';

export const WORKER_FILE_NAME = 'detect.worker.js';

/** The bundle's own URL: import.meta.url in the ES module build, the script's src in the UMD build. */
function bundleUrl(): string | undefined {
  const fromModule = (import.meta as { url?: string }).url;
  if (fromModule) return fromModule;
  return scriptUrlAtLoad;
}

// In the UMD build import.meta is empty; document.currentScript is only set while the script runs.
const scriptUrlAtLoad: string | undefined =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : undefined;

/** The worker script's URL, or a reader-facing Error when the bundle's location is unknown. */
export function detectionWorkerUrl(): URL {
  const base = bundleUrl();
  if (!base) throw new Error(`cannot locate ${WORKER_FILE_NAME}: the plugin bundle's URL is unknown`);
  return new URL(WORKER_FILE_NAME, base);
}

export function createBrowserDetectionWorker(): WorkerLike {
  return new Worker(detectionWorkerUrl(), { name: 'dotatate-liver-detection' }) as unknown as WorkerLike;
}
