/**
 * Wraps the detection worker: U-Net requests get the model's location (shipped or configured), and
 * every reply is reported to the model-availability store (backend used, or why the model failed)
 * before the detection client sees it.
 */
import type { WorkerLike } from './detectionWorkerClient';
import { recordWorkerReply } from './modelAvailability';
import type { DetectRequest, ModelLocation, WorkerReply } from './protocol';

/** Adds the model location to each request and reports each reply to the availability store. */
export function withModelLocation(worker: WorkerLike, model: () => ModelLocation): WorkerLike {
  let listener: WorkerLike['onmessage'] = null;
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    if (event.data) recordWorkerReply(event.data);
    listener?.(event);
  };
  return {
    get onmessage() {
      return listener;
    },
    set onmessage(value) {
      listener = value;
    },
    get onerror() {
      return worker.onerror;
    },
    set onerror(value) {
      worker.onerror = value;
    },
    postMessage(message: DetectRequest, transfer: Transferable[]) {
      worker.postMessage(message.options.detector === 'percist' ? message : { ...message, model: model() }, transfer);
    },
    terminate: () => worker.terminate(),
  };
}

