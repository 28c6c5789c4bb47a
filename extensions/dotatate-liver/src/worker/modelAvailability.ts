/**
 * Whether the viewer can offer the U-Net, as an observable store the panel renders. The panel asks
 * once (the manifest must parse and the weights file must answer); the worker's full check (sha256)
 * happens at the first U-Net run, and its outcome, like the backend each run used, is recorded here
 * from the worker's replies.
 */
import { parseModelManifest } from '../inference/manifest';
import { modelValidationCaution } from '../inference/modelValidation';
import { CLASSICAL_FALLBACK_NOTE } from '../inference/errors';
import { resolveModelLocation as resolveWeightsLocation } from '../inference/loadModel';
import { createStore, type ObservableStore } from '../state/store';
import type { InferenceSummary, ModelLocation, WorkerReply } from './protocol';

export type ModelAvailability =
  | { status: 'unchecked' }
  | { status: 'checking' }
  /** `caution`: what the model's own validation warns a reader of (weak or missing scores); null when none. */
  | { status: 'available'; model: string; caution: string | null; lastRun: InferenceSummary | null }
  | { status: 'unavailable'; reason: string };

const store = createStore<ModelAvailability>({ status: 'unchecked' });

export const modelAvailability: ObservableStore<ModelAvailability> = store;

/** Why the U-Net choices are off now, or null when they can run. */
export function unetUnavailableReason(state: ModelAvailability = store.getState()): string | null {
  switch (state.status) {
    case 'available':
      return null;
    case 'unavailable':
      return state.reason;
    default:
      return 'The U-Net model is being checked; the classical detector can run now.';
  }
}

async function readText(url: string, fetchImpl: typeof fetch): Promise<string> {
  const response = await fetchImpl(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

/**
 * Checks that the manifest parses and its weights file answers (HEAD), without downloading the
 * weights; runs once unless `force`. Resolves with the new state.
 */
export async function checkModelAvailability(
  location: ModelLocation,
  options: { fetchImpl?: typeof fetch; force?: boolean } = {},
): Promise<ModelAvailability> {
  const current = store.getState();
  if (!options.force && current.status !== 'unchecked') return current;
  const fetchImpl = options.fetchImpl ?? fetch;
  store.setState({ status: 'checking' });
  let next: ModelAvailability;
  try {
    let text: string;
    try {
      text = await readText(location.manifestUrl, fetchImpl);
    } catch (error) {
      throw new Error(`The U-Net model manifest ${location.manifestUrl} could not be read (${error instanceof Error ? error.message : String(error)}).`);
    }
    const manifest = parseModelManifest(JSON.parse(text), location.manifestUrl);
    const weightsUrl = resolveWeightsLocation(location.manifestUrl, manifest.file);
    const head = await fetchImpl(weightsUrl, { method: 'HEAD', cache: 'no-cache' });
    if (!head.ok) throw new Error(`The U-Net weights ${weightsUrl} could not be read (HTTP ${head.status}).`);
    next = { status: 'available', model: `${manifest.name} ${manifest.version}`, caution: modelValidationCaution(manifest), lastRun: null };
  } catch (error) {
    const message = error instanceof SyntaxError ? `The U-Net model manifest ${location.manifestUrl} is not valid JSON.` : error instanceof Error ? error.message : String(error);
    next = { status: 'unavailable', reason: `${message} ${CLASSICAL_FALLBACK_NOTE}` };
  }
  store.setState(next);
  return next;
}

/** Records what a worker reply says about the model: the backend a U-Net run used, or why the model cannot be used. */
export function recordWorkerReply(reply: WorkerReply): void {
  if (reply.type === 'error' && reply.modelProblem) {
    store.setState({ status: 'unavailable', reason: reply.message });
  } else if (reply.type === 'result' && reply.detection.inference) {
    const { inference } = reply.detection;
    const current = store.getState();
    const model = `${inference.model.name} ${inference.model.version}`;
    // The caution belongs to the manifest the panel checked; a run of the same model keeps it.
    const caution = current.status === 'available' && current.model === model ? current.caution : null;
    store.setState({ status: 'available', model, caution, lastRun: inference });
  }
}

/** The model cannot be located at all (e.g. the bundle's URL is unknown). */
export function markModelUnavailable(reason: string): void {
  store.setState({ status: 'unavailable', reason: `${reason} ${CLASSICAL_FALLBACK_NOTE}` });
}

let locateModel: (() => ModelLocation) | null = null;

/** Set once by the extension: how the viewer finds its model (bundle-relative, or configured). */
export function setModelLocator(locator: () => ModelLocation): void {
  locateModel = locator;
}

/** The panel's start-up check: once per page, with the extension's locator. */
export function ensureModelChecked(): void {
  if (store.getState().status !== 'unchecked') return;
  if (!locateModel) {
    markModelUnavailable('The viewer does not know where the U-Net model is (the extension did not register its location).');
    return;
  }
  try {
    void checkModelAvailability(locateModel());
  } catch (error) {
    markModelUnavailable(error instanceof Error ? error.message : String(error));
  }
}

/** For tests: back to the first state. */
export function resetModelAvailability(): void {
  locateModel = null;
  store.setState({ status: 'unchecked' });
}
