/**
 * Runs detection requests in a Web Worker: one request at a time, progress forwarded, cancel by
 * terminating the worker (immediate, whatever step the core is in; the next run starts a fresh one).
 */
import type { DetectRequest, WorkerDetection, WorkerReply } from './protocol';

/** The part of the DOM Worker used here (tests pass a fake). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: DetectRequest, transfer: Transferable[]): void;
  terminate(): void;
}

export class DetectionCancelledError extends Error {
  constructor() {
    super('Detection was cancelled.');
    this.name = 'DetectionCancelledError';
  }
}

export interface DetectionWorkerClient {
  /** Sends the request (its voxel buffer is transferred) and resolves with the worker's detection. */
  run(request: DetectRequest, onProgress: (stage: string, fraction: number) => void): Promise<WorkerDetection>;
  /** Stops the run in progress, if any; its promise rejects with DetectionCancelledError. */
  cancel(): void;
  dispose(): void;
}

export function createDetectionWorkerClient(createWorker: () => WorkerLike): DetectionWorkerClient {
  let worker: WorkerLike | null = null;
  let pending: { runId: number; reject: (error: Error) => void } | null = null;

  function stopWorker() {
    worker?.terminate();
    worker = null;
  }

  return {
    run(request, onProgress) {
      if (pending) {
        pending.reject(new DetectionCancelledError());
        pending = null;
        stopWorker();
      }
      return new Promise<WorkerDetection>((resolve, reject) => {
        let current: WorkerLike;
        try {
          current = worker ?? createWorker();
        } catch (error) {
          reject(new Error(`The detection worker could not start: ${error instanceof Error ? error.message : String(error)}`));
          return;
        }
        worker = current;
        pending = { runId: request.runId, reject };
        const finish = () => {
          pending = null;
        };
        current.onmessage = (event) => {
          const reply = event.data;
          if (!reply || reply.runId !== request.runId) return;
          if (reply.type === 'progress') onProgress(reply.stage, reply.fraction);
          else if (reply.type === 'result') {
            finish();
            resolve(reply.detection);
          } else {
            finish();
            reject(new Error(reply.message));
          }
        };
        current.onerror = (event) => {
          finish();
          stopWorker();
          reject(new Error(`The detection worker failed: ${event.message || 'unknown error'}`));
        };
        current.postMessage(request, [request.pet.voxels.buffer]);
      });
    },
    cancel() {
      if (!pending) return;
      const { reject } = pending;
      pending = null;
      stopWorker();
      reject(new DetectionCancelledError());
    },
    dispose() {
      this.cancel();
      stopWorker();
    },
  };
}
