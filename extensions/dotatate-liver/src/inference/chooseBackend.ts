import type { DeviceProbe } from './device';
import { ModelUnavailableError } from './errors';
import type { ModelManifest } from './manifest';
import type { BackendId, SessionOpener, SliceModelSession } from './backends/types';

/** The runtimes this build can open; the CLI adds `node`, a browser build never has it. */
export type BackendOpeners = Partial<Record<BackendId, SessionOpener>>;

/** Fastest first: native CPU (CLI), a real GPU through WebGPU, then WebGL, then WASM. */
export const BACKEND_ORDER: readonly BackendId[] = ['node', 'webgpu', 'webgl', 'wasm'];

export interface BackendAttempt {
  backend: BackendId;
  outcome: 'used' | 'skipped' | 'failed';
  reason: string;
}

/** Which backend ran and why, with every backend considered before it; shown to the reader. */
export interface BackendReport {
  backend: BackendId;
  detail: string;
  reason: string;
  attempts: BackendAttempt[];
}

export interface BackendChoiceOptions {
  /** Backends the user or a test turned off. */
  exclude?: readonly BackendId[];
}

/** Why a backend is (or is not) worth trying on this device: null means try it. */
function skipReason(backend: BackendId, probe: DeviceProbe, openers: BackendOpeners, exclude: readonly BackendId[]): string | null {
  if (exclude.includes(backend)) return 'turned off by configuration';
  if (!openers[backend]) {
    return backend === 'node' ? 'onnxruntime-node exists only in the command line' : 'not part of this build';
  }
  if (backend === 'webgpu') {
    if (!probe.webgpu.available) return probe.webgpu.description;
    if (probe.webgpu.software) return `the WebGPU adapter (${probe.webgpu.description}) emulates a GPU on the CPU`;
  }
  if (backend === 'webgl') {
    if (!probe.webgl.available) return probe.webgl.renderer;
    if (probe.webgl.software) return `the WebGL renderer (${probe.webgl.renderer}) is not known to be hardware; WASM is faster than an emulated GPU`;
  }
  return null;
}

function chosenReason(backend: BackendId, probe: DeviceProbe): string {
  switch (backend) {
    case 'node':
      return 'native onnxruntime on the CPU (command line)';
    case 'webgpu':
      return `WebGPU on ${probe.webgpu.description}`;
    case 'webgl':
      return `WebGL on ${probe.webgl.renderer}`;
    case 'wasm':
      return probe.crossOriginIsolated
        ? `WASM on the CPU with ${probe.wasmThreads} thread(s) (page is cross-origin isolated)`
        : 'WASM on the CPU with 1 thread (page is not cross-origin isolated, so no threads)';
  }
}

/**
 * Opens the first backend, in BACKEND_ORDER, that the device supports and that starts; a backend
 * that throws while opening is recorded and the next one is tried. Rejects with
 * ModelUnavailableError('no-backend') listing every reason when none starts.
 */
export async function openBestBackend(
  modelBytes: Uint8Array,
  manifest: ModelManifest,
  probe: DeviceProbe,
  openers: BackendOpeners,
  options: BackendChoiceOptions = {},
): Promise<{ session: SliceModelSession; report: BackendReport }> {
  const attempts: BackendAttempt[] = [];
  for (const backend of BACKEND_ORDER) {
    const skip = skipReason(backend, probe, openers, options.exclude ?? []);
    if (skip !== null) {
      attempts.push({ backend, outcome: 'skipped', reason: skip });
      continue;
    }
    try {
      const session = await (openers[backend] as SessionOpener)(modelBytes, manifest);
      const reason = chosenReason(backend, probe);
      attempts.push({ backend, outcome: 'used', reason });
      return { session, report: { backend, detail: session.detail, reason, attempts } };
    } catch (error) {
      attempts.push({ backend, outcome: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const summary = attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
  throw new ModelUnavailableError('no-backend', `No inference backend could run the model (${summary}).`);
}
