import { createDetectionWorkerClient, DetectionCancelledError, type WorkerLike } from '../../src/worker/detectionWorkerClient';
import type { DetectRequest, WorkerReply } from '../../src/worker/protocol';
import { runProgressOf } from '../../src/worker/stageProgress';

function request(runId: number): DetectRequest {
  return {
    type: 'detect',
    runId,
    pet: { dimensions: [1, 1, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], units: 'SUVbw', seriesInstanceUID: 's', voxels: new Float32Array(1) },
    options: { detector: 'percist', filterPx: 15 },
  };
}

class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: { message: DetectRequest; transfer: Transferable[] }[] = [];
  terminated = false;
  postMessage(message: DetectRequest, transfer: Transferable[]) {
    this.posted.push({ message, transfer });
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: WorkerReply) {
    this.onmessage?.({ data } as MessageEvent<WorkerReply>);
  }
}

test('the voxel buffer is transferred, progress forwarded, the result resolved; other runs are ignored', async () => {
  const worker = new FakeWorker();
  const client = createDetectionWorkerClient(() => worker);
  const progress: string[] = [];
  const sent = request(3);
  const pending = client.run(sent, (stage, fraction) => progress.push(`${stage}:${fraction}`));
  expect(worker.posted[0].transfer).toEqual([sent.pet.voxels.buffer]);
  worker.reply({ type: 'progress', runId: 2, stage: 'liver', fraction: 0.5 });
  worker.reply({ type: 'progress', runId: 3, stage: 'detector', fraction: 0.25 });
  const detection = { candidates: [] } as unknown as Extract<WorkerReply, { type: 'result' }>['detection'];
  worker.reply({ type: 'result', runId: 3, detection });
  await expect(pending).resolves.toBe(detection);
  expect(progress).toEqual(['detector:0.25']);
});

test('cancel terminates the worker and rejects with DetectionCancelledError; the next run starts a fresh worker', async () => {
  const workers: FakeWorker[] = [];
  const client = createDetectionWorkerClient(() => {
    workers.push(new FakeWorker());
    return workers[workers.length - 1];
  });
  const first = client.run(request(1), () => undefined);
  client.cancel();
  await expect(first).rejects.toBeInstanceOf(DetectionCancelledError);
  expect(workers[0].terminated).toBe(true);
  const second = client.run(request(2), () => undefined);
  expect(workers).toHaveLength(2);
  workers[1].reply({ type: 'error', runId: 2, message: 'The liver could not be found.' });
  await expect(second).rejects.toThrow('The liver could not be found.');
});

test('a worker that fails to load reports why', async () => {
  const worker = new FakeWorker();
  const client = createDetectionWorkerClient(() => worker);
  const run = client.run(request(1), () => undefined);
  worker.onerror?.({ message: 'NetworkError: detect.worker.js 404' } as ErrorEvent);
  await expect(run).rejects.toThrow('The detection worker failed: NetworkError: detect.worker.js 404');
  const broken = createDetectionWorkerClient(() => {
    throw new Error('cannot locate detect.worker.js');
  });
  await expect(broken.run(request(2), () => undefined)).rejects.toThrow('The detection worker could not start: cannot locate detect.worker.js');
});

test('core stages map onto the five reader stages and one rising fraction', () => {
  expect(runProgressOf('liver', 0)).toEqual({ stage: 'liver', fraction: 0.05 });
  expect(runProgressOf('detector', 0.5)?.stage).toBe('inference');
  const order = ['liver', 'crop', 'reference', 'detector', 'postprocess', 'statistics', 'done'].map((stage) => runProgressOf(stage, 0)?.fraction ?? -1);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(runProgressOf('done', 0)?.fraction).toBe(1);
  expect(runProgressOf('unknown', 0.5)).toBeNull();
});
