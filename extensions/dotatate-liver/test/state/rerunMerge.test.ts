import type { VoxelRegion } from '../../src/state';
import { DEFAULT_MIN_IOU, regionIoU, selectCanUndo } from '../../src/state';
import { box, byId, detected, firstResult, GRID, LESION_BOXES, result, runDetection, storeWithStatistics } from './reviewFixtures';

/** A region of consecutive linear indices on the test grid. */
const span = (start: number, length: number): VoxelRegion => ({ dimensions: GRID, runs: [start, length] });

describe('re-running detection', () => {
  it('carries decisions to overlapping new candidates, starts new ones pending, keeps vanished decisions', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    store.accept(1);
    store.reject(2, 'misregistration');
    store.accept(4);
    // 3 and 5 stay pending.
    const shifted1 = box([1, 0, 0], [4, 3, 3]);
    const grown2 = box([5, 0, 0], [8, 2, 2]);
    const fresh = box([4, 4, 4], [6, 6, 6]);
    expect(regionIoU(shifted1, LESION_BOXES[0])).toBeGreaterThan(DEFAULT_MIN_IOU);
    runDetection(store, result([detected(1, shifted1), detected(2, grown2), detected(3, LESION_BOXES[4]), detected(4, fresh)]));

    const state = store.getState();
    expect(state.candidates.map((c) => c.id)).toEqual([1, 2, 4, 5, 6]);
    expect(byId(store, 1)).toMatchObject({ decision: { kind: 'accepted' }, region: shifted1, detectionLabel: 1, keptFromEarlierRun: false });
    expect(byId(store, 1).statistics.voxels).toBe(27);
    expect(byId(store, 1).statistics.id).toBe(1);
    expect(byId(store, 2)).toMatchObject({ decision: { kind: 'rejected', reason: 'misregistration' }, region: grown2 });
    expect(byId(store, 4)).toMatchObject({ decision: { kind: 'accepted' }, region: LESION_BOXES[3], keptFromEarlierRun: true, detectionLabel: null });
    expect(byId(store, 5)).toMatchObject({ decision: { kind: 'pending' }, detectionLabel: 3 });
    expect(byId(store, 6)).toMatchObject({ decision: { kind: 'pending' }, region: fresh, detectionLabel: 4 });
    expect(state.run).toMatchObject({
      status: 'done',
      summary: { detected: 4, carriedOver: [1, 2, 5], newPending: [6], keptUndetected: [4], droppedPending: [3], keptReaderBoundary: [], duplicatesOfReaderAdded: [] },
    });
    // Undo covers decisions within one result; the re-run starts a new history.
    expect(selectCanUndo(state)).toBe(false);
  });

  it('matches only above the IoU threshold', () => {
    const store = storeWithStatistics();
    runDetection(store, result([detected(1, span(0, 100))]));
    store.accept(1);
    const below = span(95, 100); // 5 shared of 195: IoU 0.026
    const above = span(90, 100); // 10 shared of 190: IoU 0.053
    expect(regionIoU(below, span(0, 100))).toBeLessThan(DEFAULT_MIN_IOU);
    expect(regionIoU(above, span(0, 100))).toBeGreaterThan(DEFAULT_MIN_IOU);

    runDetection(store, result([detected(1, below)]));
    expect(store.getState().run).toMatchObject({ summary: { carriedOver: [], keptUndetected: [1], newPending: [2] } });

    const again = storeWithStatistics();
    runDetection(again, result([detected(1, span(0, 100))]));
    again.accept(1);
    runDetection(again, result([detected(1, above)]));
    expect(again.getState().run).toMatchObject({ summary: { carriedOver: [1], keptUndetected: [], newPending: [] } });
    expect(byId(again, 1).region).toEqual(above);
  });

  it('gives a split lesion’s decision to the better-overlapping part only', () => {
    const store = storeWithStatistics();
    runDetection(store, result([detected(1, span(0, 100))]));
    store.accept(1);
    runDetection(store, result([detected(1, span(60, 40)), detected(2, span(0, 60))]));
    expect(byId(store, 1)).toMatchObject({ decision: { kind: 'accepted' }, region: span(0, 60), detectionLabel: 2 });
    expect(byId(store, 2)).toMatchObject({ decision: { kind: 'pending' }, region: span(60, 40) });
  });

  it('keeps the other decision when two decided lesions merge into one detection', () => {
    const store = storeWithStatistics();
    runDetection(store, result([detected(1, span(0, 60)), detected(2, span(61, 39))]));
    store.accept(1);
    store.reject(2, 'physiologic-uptake');
    runDetection(store, result([detected(1, span(0, 100))]));
    expect(byId(store, 1)).toMatchObject({ decision: { kind: 'accepted' }, region: span(0, 100) });
    expect(byId(store, 2)).toMatchObject({ decision: { kind: 'rejected', reason: 'physiologic-uptake' }, keptFromEarlierRun: true });
    expect(store.getState().run).toMatchObject({ summary: { keptUndetected: [2] } });
  });

  it('keeps the reader’s edited boundary instead of the new detector outline', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    store.accept(1);
    const edited = box([0, 0, 0], [3, 3, 2]);
    store.editBoundary(1, edited);
    const statistics = byId(store, 1).statistics;
    runDetection(store, firstResult());
    expect(byId(store, 1)).toMatchObject({ region: edited, edited: true, decision: { kind: 'accepted' }, detectionLabel: 1 });
    expect(byId(store, 1).statistics).toEqual(statistics);
    expect(store.getState().run).toMatchObject({ summary: { keptReaderBoundary: [1] } });
  });

  it('keeps reader-added lesions and drops detections that repeat them', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    const drawn = box([4, 4, 4], [6, 6, 6]);
    store.addLesion(drawn);
    runDetection(store, result([...firstResult().candidates, detected(6, box([4, 4, 4], [6, 6, 7]))]));
    expect(store.getState().candidates.filter((c) => c.decision.kind === 'added')).toEqual([expect.objectContaining({ id: 6, region: drawn })]);
    expect(store.getState().candidates).toHaveLength(6);
    expect(store.getState().run).toMatchObject({ summary: { duplicatesOfReaderAdded: [6], newPending: [] } });
  });

  it('never reuses an id, even one whose lesion was removed', () => {
    const store = storeWithStatistics();
    runDetection(store, firstResult());
    store.addLesion(box([4, 4, 4], [6, 6, 6]));
    store.removeAddedLesion(6);
    runDetection(store, result([...firstResult().candidates, detected(6, box([4, 0, 8], [6, 2, 10]))]));
    expect(store.getState().candidates.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 7]);
  });
});
