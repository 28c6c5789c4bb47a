import type { WorkerLike } from '../../src/worker/detectionWorkerClient';
import { FakeDisplaySetService, FakeViewportGridService } from '../../../../test/integration/helpers/fakeViewerServices';
import type { DetectRequest, WorkerReply } from '../../src/worker/protocol';

/** A loaded cornerstone-like PET image volume on a 4 × 4 × 4 grid (2 mm voxels unless told), for session tests. */
export const FAKE_PET_GRID: [number, number, number] = [4, 4, 4];

export function fakePetImageVolume(voxels: Float32Array, spacingMm = 2) {
  return {
    volumeId: 'cornerstoneStreamingImageVolume:pt',
    dimensions: FAKE_PET_GRID,
    spacing: [spacingMm, spacingMm, spacingMm],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    imageIds: ['pt:0', 'pt:1', 'pt:2', 'pt:3'],
    loadStatus: { loaded: true },
    voxelManager: { getCompleteScalarDataArray: () => voxels },
  };
}

/** A detection worker that answers each request on the next tick and records the options it was asked with. */
export function answeringWorker(answer: (request: DetectRequest) => WorkerReply, requests: DetectRequest['options'][]): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(request) {
      requests.push(request.options);
      setTimeout(() => worker.onmessage?.({ data: answer(request) } as MessageEvent<WorkerReply>), 0);
    },
    terminate: () => undefined,
  };
  return worker;
}

/** OHIF's viewport grid and display sets with one PT display set ('pt') in the active viewport 'petAxial'. */
export function fakeViewerWithActivePet() {
  const viewportGridService = new FakeViewportGridService();
  const displaySetService = new FakeDisplaySetService();
  displaySetService.add({ displaySetInstanceUID: 'pt', Modality: 'PT' });
  viewportGridService.setViewport('petAxial', ['pt']);
  viewportGridService.setActiveViewportId('petAxial');
  return { viewportGridService, displaySetService };
}
