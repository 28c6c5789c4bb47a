import {
  createReviewStore,
  parseSavedReview,
  parseSerializedReview,
  REVIEW_FORMAT_VERSION,
  ReviewRestoreError,
  type SavedLiver,
  selectCounts,
  selectHasUnsavedWork,
  selectReportIsStale,
  serializeReview,
} from '../../src/state';
import { box, firstResult, runDetection, statisticsOf, storeWithStatistics } from './reviewFixtures';

function reviewedStore() {
  const store = storeWithStatistics();
  runDetection(store, firstResult());
  store.accept(1);
  store.reject(2, 'other', 'surgical clip');
  store.editBoundary(1, box([0, 0, 0], [3, 3, 2]));
  store.addLesion(box([4, 4, 4], [6, 6, 6]));
  store.recordStoredReport({ revision: store.getState().revision, srSopInstanceUID: '2.25.10', segSopInstanceUID: '2.25.11', storedAt: '2024-05-01T10:00:00.000Z' });
  store.reject(3, 'edge-slice');
  store.sortBy('suvMax', 'descending');
  store.select(3);
  return store;
}

describe('saving and restoring the review', () => {
  it('round-trips through JSON: candidates, decisions, edits, reports, sort and selection', () => {
    const original = reviewedStore();
    const json = original.serialize();
    const restored = createReviewStore({ computeStatistics: (region, previous) => statisticsOf(region, previous?.id ?? 0) });
    expect(restored.restore(json)).toEqual({ applied: true, notice: null });

    const before = original.getState();
    const after = restored.getState();
    expect(after.candidates).toEqual(before.candidates);
    expect(after.runInfo).toEqual(before.runInfo);
    expect(after.storedReports).toEqual(before.storedReports);
    expect(after.sort).toEqual(before.sort);
    expect(after.selectedId).toBe(3);
    expect(after.revision).toBe(before.revision);
    expect(selectCounts(after)).toEqual(selectCounts(before));
    expect(selectHasUnsavedWork(after)).toBe(selectHasUnsavedWork(before));
    expect(selectReportIsStale(after)).toBe(true);
    expect(after.undoStack).toHaveLength(0); // history is not saved

    // The restored review goes on: ids continue, the report stays stale until the next one.
    expect(restored.addLesion(box([0, 6, 0], [2, 7, 1])).id).toBe(before.nextCandidateId);
    expect(serializeReview(restored.getState())).not.toBe(json);
  });

  it('restores a review saved mid-run as idle, with the results it had', () => {
    const store = reviewedStore();
    store.requestRun();
    const restored = parseSerializedReview(store.serialize());
    expect(restored.run).toEqual({ status: 'idle' });
    expect(restored.candidates).toEqual(store.getState().candidates);
    // A later run gets a fresh id, so a message from the stopped one cannot land.
    expect(restored.lastRunId).toBe(store.getState().lastRunId);
  });

  it('refuses a damaged save with a clear message and keeps the current review', () => {
    const store = reviewedStore();
    const good = JSON.parse(store.serialize());
    const damaged: [string, RegExp][] = [
      ['{not json', /not valid JSON/],
      [JSON.stringify({ ...good, format: 'something-else' }), /not a saved review/],
      [JSON.stringify({ ...good, version: 99 }), /format version 99/],
      [JSON.stringify({ ...good, candidates: [{ ...good.candidates[0], region: { dimensions: [12, 12, 12], runs: [5, 2, 1, 1] } }] }), /candidate 1: the region runs are not sorted/],
      [JSON.stringify({ ...good, candidates: [good.candidates[0], good.candidates[0]] }), /share an id/],
      [JSON.stringify({ ...good, candidates: [{ ...good.candidates[1], decision: { kind: 'rejected', reason: 'bored' } }] }), /unknown rejection reason/],
      [JSON.stringify({ ...good, candidates: [{ ...good.candidates[0], statistics: { ...good.candidates[0].statistics, volumeMl: 'big' } }] }), /volumeMl/],
      [JSON.stringify({ ...good, nextCandidateId: 2 }), /next candidate id/],
    ];
    const current = store.getState();
    for (const [json, message] of damaged) {
      expect(() => parseSerializedReview(json)).toThrow(ReviewRestoreError);
      const outcome = store.restore(json);
      expect(outcome.applied).toBe(false);
      expect(outcome.notice).toMatch(message);
      expect(store.getState().candidates).toBe(current.candidates);
    }
  });

  describe('the liver of the last run', () => {
    /** A liver of two slabs on the 12³ grid (sorted runs), edited, with a seed and moved spheres. */
    const liver: SavedLiver = {
      region: { dimensions: [12, 12, 12], runs: [150, 8, 162, 8, 174, 8, 300, 30, 500, 4] },
      source: 'edited',
      volumeMl: 58 * 0.064,
      seedLPS: [10.5, -20, 33.25],
      referenceCentresLPS: [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    };

    it('round-trips with the review: the region, source, volume, seed and sphere centres come back identical', () => {
      const store = reviewedStore();
      const json = serializeReview(store.getState(), liver);
      expect(JSON.parse(json).version).toBe(REVIEW_FORMAT_VERSION);
      const { review, liver: restored } = parseSavedReview(json);
      expect(restored).toEqual(liver);
      expect(restored?.region.runs).toEqual(liver.region.runs);
      expect(review.candidates).toEqual(store.getState().candidates);
      expect(review.runInfo).toEqual(store.getState().runInfo);
      // Automatic spheres and no seed are saved as null.
      const automatic = parseSavedReview(serializeReview(store.getState(), { ...liver, source: 'automatic', seedLPS: null, referenceCentresLPS: null })).liver;
      expect(automatic).toEqual({ ...liver, source: 'automatic', seedLPS: null, referenceCentresLPS: null });
    });

    it('restores a format 1 save (no liver) with its candidates, and a save before any run, without a liver', () => {
      const store = reviewedStore();
      const { liver: _dropped, ...formatOne } = JSON.parse(serializeReview(store.getState(), liver)) as Record<string, unknown>;
      const old = parseSavedReview(JSON.stringify({ ...formatOne, version: 1 }));
      expect(old.liver).toBeNull();
      expect(old.review.candidates).toEqual(store.getState().candidates);
      expect(createReviewStore({ computeStatistics: (region, previous) => statisticsOf(region, previous?.id ?? 0) }).restore(JSON.stringify({ ...formatOne, version: 1 }))).toEqual({
        applied: true,
        notice: null,
      });
      expect(parseSavedReview(store.serialize()).liver).toBeNull();
    });

    it('refuses a damaged liver with a message naming it', () => {
      const good = JSON.parse(serializeReview(reviewedStore().getState(), liver));
      const damaged: [unknown, RegExp][] = [
        [{ ...liver, region: { dimensions: [12, 12, 12], runs: [10, 5, 12, 1] } }, /the liver: the region runs are not sorted/],
        [{ ...liver, region: { dimensions: [12, 12, 12], runs: [] } }, /the liver: the region is empty/],
        [{ ...liver, source: 'guessed' }, /unknown source/],
        [{ ...liver, volumeMl: -1 }, /liver volume/],
        [{ ...liver, seedLPS: [1, 2] }, /liver seed/],
        [{ ...liver, referenceCentresLPS: [[1, 2, 'x']] }, /sphere centres/],
      ];
      for (const [value, message] of damaged) expect(() => parseSavedReview(JSON.stringify({ ...good, liver: value }))).toThrow(message);
    });
  });
});
