/**
 * What a model's own validation scores tell the reader: the shipped manifest's recorded F1 decides
 * whether the panel warns, a model without scores is flagged, a well-validated one is offered
 * plainly; the availability check carries the warning and a U-Net run of the same model keeps it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseModelManifest } from '../../src/inference/manifest';
import { MIN_VALIDATION_F1, modelValidationCaution, summariseValidation } from '../../src/inference/modelValidation';
import { checkModelAvailability, modelAvailability, recordWorkerReply, resetModelAvailability } from '../../src/worker/modelAvailability';
import type { WorkerReply } from '../../src/worker/protocol';

const SHIPPED_MANIFEST_PATH = path.join(__dirname, '../../models/unet-2d.manifest.json');
const shipped = parseModelManifest(JSON.parse(readFileSync(SHIPPED_MANIFEST_PATH, 'utf8')), SHIPPED_MANIFEST_PATH);

function withScores(f1ByFilter: Record<string, number>, studies = 25) {
  const perPixelFilter = Object.fromEntries(Object.entries(f1ByFilter).map(([filter, f1]) => [filter, { f1, ppv: f1, sensitivity: f1 }]));
  return { name: 'hospital-unet', version: '2.1.0', validation: { studies, perPixelFilter } };
}

afterEach(() => resetModelAvailability());

test('the best F1 over the recorded pixel filters, with its filter', () => {
  expect(summariseValidation(withScores({ '5': 0.61, '15': 0.77, '20': 0.74 }))).toEqual({ bestF1: 0.77, atFilterPx: 15, studies: 25 });
  expect(summariseValidation({ validation: { perPixelFilter: { '5': { f1: 'n/a' } } } })).toBeNull();
  expect(summariseValidation({})).toBeNull();
});

test('the shipped weights are flagged exactly when their recorded F1 is below the floor', () => {
  const summary = summariseValidation(shipped);
  expect(summary).not.toBeNull();
  const caution = modelValidationCaution(shipped);
  if ((summary?.bestF1 ?? 0) < MIN_VALIDATION_F1) {
    expect(caution).toContain(`F1 ${summary?.bestF1.toFixed(2)} at best`);
    expect(caution).toMatch(/classical detector/);
  } else {
    expect(caution).toBeNull();
  }
});

test('a weak model is named with its score and split; a model with no scores is flagged; a validated one is not', () => {
  expect(modelValidationCaution(withScores({ '5': 0.12, '15': 0.31 }, 25))).toBe(
    'hospital-unet 2.1.0 reached F1 0.31 at best on its 25 validation studies (at 15 px), far below the 0.66–0.79 of the published models: it will miss most lesions. Read with the classical detector, or configure a trained model.',
  );
  expect(modelValidationCaution({ name: 'hospital-unet', version: '2.1.0' })).toMatch(/records no validation scores/);
  expect(modelValidationCaution(withScores({ '15': 0.78 }))).toBeNull();
});

test('the availability check carries the caution; a U-Net run of the same model keeps it', async () => {
  const manifestText = readFileSync(SHIPPED_MANIFEST_PATH, 'utf8');
  const fetchImpl = (async (url: string) =>
    url.endsWith('.json') ? new Response(manifestText, { status: 200 }) : new Response(null, { status: 200 })) as unknown as typeof fetch;
  const state = await checkModelAvailability({ manifestUrl: 'https://viewer.example/models/unet-2d.manifest.json', runtimeUrl: 'https://viewer.example/ort/' }, { fetchImpl });
  expect(state).toMatchObject({ status: 'available', model: `${shipped.name} ${shipped.version}`, caution: modelValidationCaution(shipped) });

  const inference = { backend: 'wasm', detail: '2 threads', reason: 'WASM on the CPU', attempts: [], model: { name: shipped.name, version: shipped.version, sha256: shipped.sha256 }, slicesRun: 30, milliseconds: 500 };
  recordWorkerReply({ type: 'result', runId: 1, detection: { inference } } as unknown as WorkerReply);
  expect(modelAvailability.getState()).toMatchObject({ status: 'available', caution: modelValidationCaution(shipped), lastRun: inference });
});
