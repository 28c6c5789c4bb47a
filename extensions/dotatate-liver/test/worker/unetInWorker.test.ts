import { describeDetectorChoices } from '../../src/adapter/detectorChoices';
import type { BackendReport } from '../../src/inference/chooseBackend';
import { ModelUnavailableError } from '../../src/inference/errors';
import type { UnetDetectorStep } from '../../src/inference/unetDetectorStep';
import { withModelLocation } from '../../src/worker/withModelLocation';
import type { WorkerLike } from '../../src/worker/detectionWorkerClient';
import { modelAvailability, resetModelAvailability } from '../../src/worker/modelAvailability';
import type { DetectRequest, ModelLocation, WorkerReply } from '../../src/worker/protocol';
import { runDetection } from '../../src/worker/runDetection';
import { createUnetCache } from '../../src/worker/unetInWorker';
import { analyticStudy } from '../core/helpers/analyticVolumes';

const LOCATION: ModelLocation = { manifestUrl: 'https://pacs.example/models/unet.manifest.json', runtimeUrl: 'https://pacs.example/ort/' };

const REPORT: BackendReport = {
  backend: 'wasm',
  detail: '2 threads',
  reason: 'WASM on the CPU with 2 thread(s) (page is cross-origin isolated)',
  attempts: [
    { backend: 'node', outcome: 'skipped', reason: 'onnxruntime-node exists only in the command line' },
    { backend: 'webgpu', outcome: 'skipped', reason: 'no WebGPU adapter' },
    { backend: 'webgl', outcome: 'skipped', reason: 'the WebGL renderer (SwiftShader) is not known to be hardware' },
    { backend: 'wasm', outcome: 'used', reason: 'WASM on the CPU with 2 thread(s) (page is cross-origin isolated)' },
  ],
};

/** A stand-in U-Net: probability 1 on liver voxels hotter than `suv`, 0 elsewhere. */
function fakeUnet(suv: number): UnetDetectorStep & { runs: number } {
  const step = {
    name: 'unet' as const,
    model: { name: 'fake-unet', version: '0.0.1', variant: '2d' as const, sha256: 'ab'.repeat(32) },
    backend: REPORT,
    runs: 0,
    async run(input: Parameters<UnetDetectorStep['run']>[0]) {
      step.runs++;
      const voxels = new Float32Array(input.pet.voxels.length);
      input.pet.voxels.forEach((value, n) => {
        voxels[n] = input.liver.voxels[n] && value > suv ? 1 : 0;
      });
      return {
        probability: { ...input.pet, voxels },
        model: step.model,
        thresholds: { binarisation: 0.05, minAreaPx: 1 },
        backend: REPORT,
        resampling: { resampled: false, message: '' },
        slicesRun: input.pet.dimensions[2],
        batches: 1,
        milliseconds: 12,
        warnings: ['fake U-Net note'],
      };
    },
    release: async () => undefined,
  };
  return step as UnetDetectorStep & { runs: number };
}

function request(detector: DetectRequest['options']['detector'], model?: ModelLocation): DetectRequest {
  const { pet } = analyticStudy({ seed: 3 });
  return { type: 'detect', runId: 1, pet: { ...pet, voxels: new Float32Array(pet.voxels) }, options: { detector, filterPx: 1 }, model };
}

describe('runDetection with the U-Net', () => {
  it('runs the U-Net step, reports its backend and warnings; "both" keeps every classical candidate', async () => {
    const classical = await runDetection(request('percist'), () => undefined);
    expect(classical.inference).toBeUndefined();
    expect(classical.candidates.length).toBeGreaterThan(0);

    // A U-Net that sees nothing: alone it finds nothing, fused it leaves the classical candidates.
    const blind = fakeUnet(Number.POSITIVE_INFINITY);
    const unetOnly = await runDetection(request('unet', LOCATION), () => undefined, { unet: async () => blind });
    expect(unetOnly.candidates).toHaveLength(0);
    expect(unetOnly.detector.name).toBe('unet');
    expect(unetOnly.inference).toMatchObject({ backend: 'wasm', detail: '2 threads', model: { name: 'fake-unet' }, milliseconds: 12 });
    expect(unetOnly.inference?.attempts.map((attempt) => attempt.outcome)).toEqual(['skipped', 'skipped', 'skipped', 'used']);
    expect(unetOnly.warnings).toContain('fake U-Net note');

    const both = await runDetection(request('both', LOCATION), () => undefined, { unet: async () => blind });
    expect(both.detector.name).toBe('fusion(unet,percist)');
    expect(both.candidates.length).toBe(classical.candidates.length);

    // A U-Net that finds the hot lesions: alone it gives candidates.
    const seeing = await runDetection(request('unet', LOCATION), () => undefined, { unet: async () => fakeUnet(15) });
    expect(seeing.candidates.length).toBeGreaterThan(0);
  }, 60_000);

  it('says why the U-Net cannot run: no model location, no U-Net in this worker, a corrupt model', async () => {
    await expect(runDetection(request('unet'), () => undefined, { unet: async () => fakeUnet(1) })).rejects.toThrow(/names no model/);
    await expect(runDetection(request('both', LOCATION), () => undefined)).rejects.toThrow(/cannot run the U-Net/);
    const corrupt = new ModelUnavailableError('corrupt', 'Model file x.onnx is corrupt.');
    const failure = runDetection(request('unet', LOCATION), () => undefined, { unet: () => Promise.reject(corrupt) });
    await expect(failure).rejects.toBe(corrupt);
    await expect(failure).rejects.toThrow(/classical detector .* is offered instead/);
  });
});

describe('the worker keeps one U-Net per model', () => {
  it('reuses a loaded model, retries a failed load, and reloads for another manifest', async () => {
    const opened: string[] = [];
    let fail = true;
    const cache = createUnetCache(async (location) => {
      opened.push(location.manifestUrl);
      if (fail) throw new ModelUnavailableError('missing', 'Model manifest could not be read (HTTP 404).');
      return fakeUnet(1);
    });
    await expect(cache(LOCATION)).rejects.toThrow(/HTTP 404/);
    fail = false;
    const first = await cache(LOCATION);
    expect(await cache(LOCATION)).toBe(first);
    const other = await cache({ ...LOCATION, manifestUrl: 'https://pacs.example/other.manifest.json' });
    expect(other).not.toBe(first);
    expect(opened).toEqual([LOCATION.manifestUrl, LOCATION.manifestUrl, 'https://pacs.example/other.manifest.json']);
  });
});

describe('the browser worker wrapper', () => {
  afterEach(() => resetModelAvailability());

  function fakeWorker() {
    const posted: DetectRequest[] = [];
    const worker: WorkerLike = { onmessage: null, onerror: null, postMessage: (message) => posted.push(message), terminate: () => undefined };
    return { worker, posted, reply: (data: WorkerReply) => worker.onmessage?.({ data } as MessageEvent<WorkerReply>) };
  }

  it('adds the model location to U-Net requests only', () => {
    const { worker, posted } = fakeWorker();
    const wrapped = withModelLocation(worker, () => LOCATION);
    wrapped.postMessage(request('percist'), []);
    wrapped.postMessage(request('both'), []);
    expect(posted[0].model).toBeUndefined();
    expect(posted[1].model).toEqual(LOCATION);
  });

  it('a model problem makes the U-Net unavailable with the worker’s message; a U-Net result shows its backend and why', () => {
    const { worker, reply } = fakeWorker();
    const wrapped = withModelLocation(worker, () => LOCATION);
    const seen: WorkerReply[] = [];
    wrapped.onmessage = (event) => seen.push(event.data);

    reply({ type: 'error', runId: 1, message: 'Model file x.onnx is corrupt. The classical detector is offered instead.', modelProblem: 'corrupt' });
    expect(seen).toHaveLength(1);
    expect(modelAvailability.getState()).toEqual({ status: 'unavailable', reason: expect.stringMatching(/corrupt/) });
    const [percist, unet, both] = describeDetectorChoices();
    expect(percist.available).toBe(true);
    expect(unet).toMatchObject({ available: false, reason: expect.stringMatching(/corrupt/) });
    expect(both.available).toBe(false);

    const detection = { inference: { ...REPORT, attempts: REPORT.attempts, model: { name: 'fake-unet', version: '0.0.1', sha256: 'ab' }, slicesRun: 40, milliseconds: 900 } };
    reply({ type: 'result', runId: 2, detection } as unknown as WorkerReply);
    const choices = describeDetectorChoices();
    expect(choices[1].available).toBe(true);
    expect(choices[1].backend).toMatch(/^WASM \(onnxruntime-web\) \(2 threads\) — WASM on the CPU with 2 thread\(s\)/);
    expect(choices[1].backend).toMatch(/WebGL \(TF\.js\) skipped: the WebGL renderer \(SwiftShader\)/);
    expect(choices[1].backend).not.toMatch(/command line/);
    expect(choices[2].backend).toMatch(/\+ classical on the CPU/);
  });
});
