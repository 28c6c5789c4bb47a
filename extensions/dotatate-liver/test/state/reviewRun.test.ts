import type { DetectionResult } from '../../src/state';
import { selectCounts } from '../../src/state';
import { box, byId, detected, firstResult, result, runDetection, storeWithStatistics } from './reviewFixtures';

describe('detection run lifecycle', () => {
  it('goes idle → running with staged progress → done', () => {
    const store = storeWithStatistics();
    expect(store.getState().run).toEqual({ status: 'idle' });
    const runId = store.requestRun();
    expect(runId).not.toBeNull();
    expect(store.getState().run).toEqual({ status: 'running', runId, stage: 'volume', fraction: 0 });
    store.reportProgress(runId!, 'inference', 0.6);
    expect(store.getState().run).toEqual({ status: 'running', runId, stage: 'inference', fraction: 0.6 });
    store.reportProgress(runId!, 'post-processing', 1.7);
    expect(store.getState().run).toMatchObject({ stage: 'post-processing', fraction: 1 });
    store.reportProgress(runId! + 1, 'liver', 0.1); // not this run
    store.reportProgress(runId!, 'warp-drive' as never, 0.2); // not a stage
    expect(store.getState().run).toMatchObject({ stage: 'post-processing', fraction: 1 });
    expect(store.completeRun(runId!, firstResult()).applied).toBe(true);
    expect(store.getState().run).toMatchObject({ status: 'done', runId, summary: { detected: 5, newPending: [1, 2, 3, 4, 5] } });
  });

  it('ignores a second Run while one is running (a double click)', () => {
    const store = storeWithStatistics();
    const first = store.requestRun();
    const stateWhileRunning = store.getState();
    expect(store.requestRun()).toBeNull();
    expect(store.getState()).toBe(stateWhileRunning);
    store.completeRun(first!, firstResult());
    expect(store.requestRun()).toBe(first! + 1);
  });

  it('returns to the previous results untouched on Cancel, and ignores the cancelled run when it reports late', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    store.accept(1);
    const candidates = store.getState().candidates;
    const runId = store.requestRun()!;
    store.reportProgress(runId, 'liver', 0.2);
    store.cancelRun();
    expect(store.getState().run).toEqual({ status: 'cancelled', runId });
    expect(store.getState().candidates).toBe(candidates);

    const late = store.completeRun(runId, result([detected(1, box([6, 0, 6], [8, 2, 8]))]));
    expect(late.applied).toBe(false);
    store.reportProgress(runId, 'inference', 0.9);
    expect(store.getState().candidates).toBe(candidates);
    expect(store.getState().run.status).toBe('cancelled');
    expect(store.getState().undoStack).toHaveLength(1); // the reader's undo history survives a cancelled run
  });

  it('keeps the previous results when a run fails, with its message', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    const candidates = store.getState().candidates;
    const runId = store.requestRun()!;
    store.failRun(runId, 'The WebGL context was lost and no other backend could run the model.');
    expect(store.getState().run).toEqual({ status: 'failed', runId, message: 'The WebGL context was lost and no other backend could run the model.' });
    expect(store.getState().candidates).toBe(candidates);
  });

  it('fails a run whose result is unusable, saying why, without touching the review', () => {
    const good = firstResult();
    const cases: [DetectionResult, RegExp][] = [
      [result([good.candidates[0], { ...good.candidates[1], statistics: { ...good.candidates[1].statistics, id: 1 } }]), /same label 1/],
      [result([{ ...good.candidates[0], region: { dimensions: [12, 12, 12], runs: [1720, 20] } }]), /outside its grid/],
      [result([{ ...good.candidates[0], statistics: { ...good.candidates[0].statistics, suvMax: Number.NaN } }]), /suvMax/],
      [result([good.candidates[0], { ...good.candidates[1], region: { dimensions: [12, 12, 13], runs: [0, 4] } }]), /different voxel grid/],
      [result([{ ...good.candidates[0], statistics: { ...good.candidates[0].statistics, id: 0 } }]), /positive integer label/],
      [{ ...good, info: { ...good.info, petSeriesInstanceUID: '' } }, /PET series/],
    ];
    for (const [bad, message] of cases) {
      const store = storeWithStatistics();
      runDetection(store, good);
      store.accept(2);
      const candidates = store.getState().candidates;
      const runId = store.requestRun()!;
      const outcome = store.completeRun(runId, bad);
      expect(outcome.applied).toBe(false);
      expect(outcome.notice).toMatch(message);
      expect(store.getState().run).toMatchObject({ status: 'failed', message: expect.stringMatching(message) });
      expect(store.getState().candidates).toBe(candidates);
    }
  });

  it('refuses to replace decisions on one PET series by a run on another, until the reader discards the review', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    store.accept(3);
    const otherSeries = result([detected(1, box([0, 0, 0], [2, 2, 2]))], '1.2.826.0.1.3680043.8.498.99');
    const runId = store.requestRun()!;
    expect(store.completeRun(runId, otherSeries).notice).toMatch(/decisions on another PET series/);
    expect(byId(store, 3).decision.kind).toBe('accepted');

    store.discardReview();
    expect(store.getState().candidates).toHaveLength(0);
    runDetection(store, otherSeries);
    expect(store.getState().runInfo?.petSeriesInstanceUID).toBe('1.2.826.0.1.3680043.8.498.99');
    expect(selectCounts(store.getState())).toMatchObject({ candidates: 1, pending: 1 });
  });

  it('replaces an undecided review on another series without asking', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    runDetection(store, result([detected(1, box([0, 0, 0], [2, 2, 2]))], '1.2.826.0.1.3680043.8.498.7'));
    expect(selectCounts(store.getState()).candidates).toBe(1);
  });

  it('keeps decisions the reader makes while a run is in progress', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    const runId = store.requestRun()!;
    store.reject(2, 'edge-slice');
    store.completeRun(runId, firstResult());
    expect(byId(store, 2).decision).toEqual({ kind: 'rejected', reason: 'edge-slice', note: '' });
  });
});
