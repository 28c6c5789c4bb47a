/**
 * Web Worker entry: runs the detection core (and the U-Net, when chosen) off the viewer's main
 * thread, so scrolling and clicking stay smooth during a run. The U-Net's GPU backends get their
 * own context here (WebGPU device or OffscreenCanvas), so a lost WebGL context in the viewer does
 * not touch it. Built to dist/detect.worker.js (a classic script, no imports at run time).
 */
import { ModelUnavailableError } from '../inference/errors';
import type { DetectRequest, WorkerReply } from './protocol';
import { runDetection } from './runDetection';
import { createUnetCache } from './unetInWorker';

interface WorkerScope {
  onmessage: ((event: MessageEvent<DetectRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;
const unet = createUnetCache();

scope.onmessage = (event) => {
  const request = event.data;
  if (!request || request.type !== 'detect') return;
  const { runId } = request;
  runDetection(request, (stage, fraction) => scope.postMessage({ type: 'progress', runId, stage, fraction }), { unet })
    .then((detection) => scope.postMessage({ type: 'result', runId, detection }))
    .catch((error: unknown) =>
      scope.postMessage({
        type: 'error',
        runId,
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof ModelUnavailableError ? { modelProblem: error.problem } : {}),
      }),
    );
};
