import {
  algorithmTypeOf,
  createReviewStore,
  findAdjacentPending,
  selectCanRedo,
  selectCounts,
  selectHasUnsavedWork,
  selectReportIsStale,
  selectSortedCandidates,
  selectUndoLabel,
  sliceCount,
} from '../../src/state';
import { box, byId, firstResult, runDetection, statisticsOf, storeWithStatistics } from './reviewFixtures';

function reviewedStore() {
  const store = storeWithStatistics();
  runDetection(store, firstResult());
  return store;
}

describe('review decisions', () => {
  it('starts with every detected candidate pending, numbered by the detector label', () => {
    const store = reviewedStore();
    const detectedLabels = firstResult().candidates.map((c) => c.statistics.id);
    expect(store.getState().candidates.map((c) => c.id)).toEqual(detectedLabels);
    expect(selectCounts(store.getState())).toEqual({
      candidates: detectedLabels.length,
      pending: detectedLabels.length,
      accepted: 0,
      rejected: 0,
      added: 0,
      confirmed: 0,
    });
  });

  it('accepts and rejects with a reason, and counts follow', () => {
    const store = reviewedStore();
    expect(store.accept(1).applied).toBe(true);
    expect(store.reject(2, 'physiologic-uptake').applied).toBe(true);
    expect(store.reject(3, 'other', '  bowel loop ').applied).toBe(true);
    expect(byId(store, 2).decision).toEqual({ kind: 'rejected', reason: 'physiologic-uptake', note: '' });
    expect(byId(store, 3).decision).toEqual({ kind: 'rejected', reason: 'other', note: 'bowel loop' });
    expect(selectCounts(store.getState())).toMatchObject({ pending: 2, accepted: 1, rejected: 2, confirmed: 1 });
  });

  it('refuses unclear decisions with a message and changes nothing', () => {
    const store = reviewedStore();
    const candidates = store.getState().candidates;
    const otherWithoutText = store.reject(1, 'other', '   ');
    expect(otherWithoutText).toEqual({ applied: false, notice: expect.stringMatching(/why candidate 1/) });
    expect(store.accept(99).notice).toMatch(/no candidate 99/);
    expect(store.reject(1, 'because' as never).notice).toMatch(/reason/);
    expect(store.getState().candidates).toBe(candidates);
    expect(store.getState().undoStack).toHaveLength(0);
  });

  it('undoes and redoes every decision in order', () => {
    const store = reviewedStore();
    store.accept(1);
    store.reject(2, 'edge-slice');
    store.accept(3);
    store.resetToPending(1);
    expect(selectUndoLabel(store.getState())).toBe('Reset 1 to pending');

    const kinds = () => store.getState().candidates.slice(0, 3).map((c) => c.decision.kind);
    expect(kinds()).toEqual(['pending', 'rejected', 'accepted']);
    store.undo();
    expect(kinds()).toEqual(['accepted', 'rejected', 'accepted']);
    store.undo();
    store.undo();
    expect(kinds()).toEqual(['accepted', 'pending', 'pending']);
    store.undo();
    expect(kinds()).toEqual(['pending', 'pending', 'pending']);
    expect(store.undo()).toEqual({ applied: false, notice: 'Nothing to undo.' });

    store.redo();
    store.redo();
    expect(kinds()).toEqual(['accepted', 'rejected', 'pending']);
    expect(byId(store, 2).decision).toEqual({ kind: 'rejected', reason: 'edge-slice', note: '' });

    // A new decision after undo discards what could have been redone.
    store.accept(5);
    expect(selectCanRedo(store.getState())).toBe(false);
    expect(store.redo().notice).toBe('Nothing to redo.');
  });

  it('keeps an edited accepted lesion accepted, recomputes its statistics, and marks it SEMIAUTOMATIC', () => {
    const store = reviewedStore();
    store.accept(1);
    const before = byId(store, 1);
    const grown = box([0, 0, 0], [4, 4, 3]);
    expect(store.editBoundary(1, grown).applied).toBe(true);
    const after = byId(store, 1);
    expect(after.decision.kind).toBe('accepted');
    expect(after.edited).toBe(true);
    expect(after.region).toBe(grown);
    expect(after.statistics).toEqual(statisticsOf(grown, 1));
    expect(after.statistics.voxels).toBeGreaterThan(before.statistics.voxels);
    expect(algorithmTypeOf(after)).toBe('SEMIAUTOMATIC');
    expect(algorithmTypeOf(byId(store, 2))).toBe('AUTOMATIC');

    store.undo();
    expect(byId(store, 1)).toEqual(before);
    expect(byId(store, 1).edited).toBe(false);
  });

  it('refuses an edit whose statistics cannot be computed, keeping the lesion as it was', () => {
    const failing = createReviewStore({
      computeStatistics: () => {
        throw new Error('volume unloaded');
      },
    });
    runDetection(failing, firstResult());
    const before = byId(failing, 1);
    const outcome = failing.editBoundary(1, box([0, 0, 0], [2, 2, 2]));
    expect(outcome.applied).toBe(false);
    expect(outcome.notice).toMatch(/volume unloaded/);
    expect(byId(failing, 1)).toBe(before);

    const without = createReviewStore();
    runDetection(without, firstResult());
    expect(without.editBoundary(1, box([0, 0, 0], [2, 2, 2])).notice).toMatch(/cannot be computed/);
    expect(without.editBoundary(1, { dimensions: [12, 12, 12], runs: [] }).notice).toMatch(/empty/);
  });

  it('adds a missed lesion as MANUAL, refuses one that is already a candidate, and removes it on request', () => {
    const store = reviewedStore();
    const missed = box([4, 4, 4], [6, 6, 6]);
    const added = store.addLesion(missed);
    expect(added.applied).toBe(true);
    expect(added.id).toBe(6);
    const lesion = byId(store, 6);
    expect(lesion.decision.kind).toBe('added');
    expect(algorithmTypeOf(lesion)).toBe('MANUAL');
    expect(lesion.statistics.id).toBe(6);
    expect(selectCounts(store.getState())).toMatchObject({ candidates: 5, added: 1, confirmed: 1 });

    const duplicate = store.addLesion(box([0, 0, 0], [3, 3, 2]));
    expect(duplicate.applied).toBe(false);
    expect(duplicate.notice).toMatch(/already candidate 1; accept it/);

    expect(store.reject(6, 'other', 'mistake').notice).toMatch(/remove it/);
    expect(store.removeAddedLesion(1).notice).toMatch(/reject it/);
    expect(store.removeAddedLesion(6).applied).toBe(true);
    expect(store.getState().candidates.some((c) => c.id === 6)).toBe(false);
    // Ids are never reused, so the SR's tracking identifiers stay unambiguous.
    expect(store.addLesion(missed).id).toBe(7);
  });

  it('sorts by every column in both directions, ties by id', () => {
    const store = reviewedStore();
    store.addLesion(box([4, 4, 4], [6, 6, 6]));
    const values = {
      id: (c: ReturnType<typeof byId>) => c.id,
      suvMax: (c: ReturnType<typeof byId>) => c.statistics.suvMax,
      suvPeak: (c: ReturnType<typeof byId>) => c.statistics.suvPeak,
      volume: (c: ReturnType<typeof byId>) => c.statistics.volumeMl,
      slices: sliceCount,
      score: (c: ReturnType<typeof byId>) => c.statistics.score,
    };
    for (const [key, value] of Object.entries(values) as [keyof typeof values, (c: ReturnType<typeof byId>) => number][]) {
      for (const direction of ['ascending', 'descending'] as const) {
        store.sortBy(key, direction);
        const list = selectSortedCandidates(store.getState());
        expect(list).toHaveLength(6);
        for (let i = 1; i < list.length; i++) {
          const order = value(list[i]) - value(list[i - 1]);
          expect(direction === 'ascending' ? order : -order).toBeGreaterThanOrEqual(0);
          if (order === 0) expect(list[i].id).toBeGreaterThan(list[i - 1].id);
        }
      }
    }
    store.sortBy('score', 'ascending');
    store.sortBy('score');
    expect(store.getState().sort).toEqual({ key: 'score', direction: 'descending' });
    store.sortBy('suvMax');
    expect(store.getState().sort).toEqual({ key: 'suvMax', direction: 'descending' });
    // The memoised list is the same object until the state changes (useSyncExternalStore needs it).
    expect(selectSortedCandidates(store.getState())).toBe(selectSortedCandidates(store.getState()));
  });

  it('walks pending candidates in list order, wrapping, skipping decided ones', () => {
    const store = reviewedStore();
    store.accept(2);
    store.reject(4, 'misregistration');
    const next = () => store.goToPending('next')?.id ?? null;
    const previous = () => store.goToPending('previous')?.id ?? null;
    // A decision selects its candidate, so "next" continues after the one just decided.
    expect(store.getState().selectedId).toBe(4);
    expect(next()).toBe(5);
    store.select(null);
    expect(next()).toBe(1);
    expect(next()).toBe(3);
    expect(next()).toBe(5);
    expect(next()).toBe(1);
    expect(previous()).toBe(5);
    expect(store.getState().selectedId).toBe(5);
    const target = store.goToPending('previous');
    expect(target?.statistics.centroidLPS).toEqual(byId(store, 3).statistics.centroidLPS);

    store.sortBy('id', 'descending');
    store.select(null);
    expect(next()).toBe(5);
    expect(next()).toBe(3);

    store.accept(1);
    store.accept(3);
    store.accept(5);
    expect(findAdjacentPending(store.getState(), 'next')).toBeNull();
    expect(store.goToPending('previous')).toBeNull();
  });

  it('knows when leaving would lose work, and when a stored report no longer matches', () => {
    const store = storeWithStatistics();
    expect(selectHasUnsavedWork(store.getState())).toBe(false);
    runDetection(store, firstResult());
    expect(selectHasUnsavedWork(store.getState())).toBe(true); // undecided candidates
    for (const id of [1, 2, 3]) store.accept(id);
    store.reject(4, 'below-threshold');
    store.reject(5, 'edge-slice');
    expect(selectHasUnsavedWork(store.getState())).toBe(true); // decisions not in a report
    store.recordStoredReport({ revision: store.getState().revision, srSopInstanceUID: '2.25.1', segSopInstanceUID: '2.25.2', storedAt: '2024-01-01T00:00:00.000Z' });
    expect(selectHasUnsavedWork(store.getState())).toBe(false);
    expect(selectReportIsStale(store.getState())).toBe(false);

    store.reject(3, 'physiologic-uptake');
    expect(selectReportIsStale(store.getState())).toBe(true);
    expect(selectHasUnsavedWork(store.getState())).toBe(true);
    store.undo(); // back to exactly what the report holds
    expect(selectReportIsStale(store.getState())).toBe(false);
    expect(selectHasUnsavedWork(store.getState())).toBe(false);
  });

  it('notifies subscribers of changes only', () => {
    const store = reviewedStore();
    const listener = jest.fn();
    const unsubscribe = store.subscribe(listener);
    store.accept(1);
    expect(listener).toHaveBeenCalledTimes(1);
    store.requestRun();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.requestRun()).toBeNull(); // double click: no new state, no notification
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    store.cancelRun();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
