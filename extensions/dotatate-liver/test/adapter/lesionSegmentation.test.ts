/**
 * The candidates' labelmap against a fake of OHIF's segmentationService and cornerstone's image
 * cache (Uint8 slices): a brush edit of one candidate locks the others, and what the brush painted
 * comes back as that candidate's new region.
 */
import { createLesionSegmentation } from '../../src/adapter/lesionSegmentation';
import { regionFromSortedIndices } from '../../src/adapter/regionStatistics';
import type { CachedImageLike, SegmentConfig, SegmentationLike, SegmentationServiceLike } from '../../src/adapter/segmentationTypes';
import type { ReviewCandidate } from '../../src/state/reviewTypes';
import type { VoxelRegion } from '../../src/state/voxelRegion';

/** Grid 4 × 2 × 3 (columns × rows × slices): 8 voxels a slice. */
const GRID: [number, number, number] = [4, 2, 3];

function candidate(id: number, indices: number[], decision: ReviewCandidate['decision'] = { kind: 'pending' }): ReviewCandidate {
  return {
    id,
    detectionLabel: id,
    decision,
    edited: false,
    keptFromEarlierRun: false,
    region: regionFromSortedIndices(GRID, indices),
    statistics: {
      id,
      centroidLPS: [0, 0, 0],
      voxels: indices.length,
      volumeMl: indices.length / 10,
      suvMax: 10,
      suvMean: 8,
      suvPeak: 9,
      totalLesionActivity: 1,
      longestAxialDiameterMm: 4,
      sliceRange: [0, 2],
      score: 0.5,
    },
  };
}

function fakeViewer() {
  const petImageIds = ['pt:0', 'pt:1', 'pt:2'];
  const images = new Map<string, CachedImageLike & { data: Uint8Array }>();
  const segmentations = new Map<string, SegmentationLike>();
  const locks = new Map<number, boolean>();
  const calls: string[] = [];
  const service: SegmentationServiceLike = {
    EVENTS: {},
    subscribe: () => ({ unsubscribe: () => undefined }),
    async createLabelmapForDisplaySet(_displaySet, { segmentationId, label, segments }) {
      const imageIds = petImageIds.map((id) => `label:${id}`);
      petImageIds.forEach((referencedImageId, k) => {
        const data = new Uint8Array(GRID[0] * GRID[1]);
        images.set(imageIds[k], { imageId: imageIds[k], referencedImageId, data, voxelManager: { getScalarData: () => data } });
      });
      segmentations.set(segmentationId, { segmentationId, label, segments: { ...segments }, representationData: { Labelmap: { imageIds, referencedImageIds: petImageIds } } });
      return segmentationId;
    },
    getSegmentation: (id) => segmentations.get(id),
    addOrUpdateSegmentation({ segmentationId, segments }) {
      const known = segmentations.get(segmentationId);
      if (known && segments) known.segments = { ...segments };
      for (const segment of Object.values(segments ?? {}) as SegmentConfig[]) locks.set(segment.segmentIndex, Boolean(segment.locked));
    },
    async addSegmentationRepresentation(viewportId) {
      calls.push(`represent ${viewportId}`);
    },
    getViewportIdsWithSegmentation: () => ['pet'],
    setSegmentColor: () => undefined,
    setActiveSegmentation: (viewportId, segmentationId) => calls.push(`active segmentation ${viewportId} ${segmentationId}`),
    setActiveSegment: (_segmentationId, segmentIndex) => calls.push(`active segment ${segmentIndex}`),
    setSegmentLocked: (_segmentationId, segmentIndex, isLocked) => locks.set(segmentIndex, isLocked),
  };
  const edits: Array<[number, VoxelRegion | null]> = [];
  /** Each data-modified notice: the segmentation and a copy of the slices handed to the viewer. */
  const notices: Array<{ segmentationId: string; slices: number[][] }> = [];
  const segmentation = createLesionSegmentation({
    segmentationService: service,
    imageCache: { getImage: (imageId) => images.get(imageId) },
    displaySet: { displaySetInstanceUID: 'ds-pt' },
    sliceImageIds: petImageIds,
    gridDimensions: GRID,
    viewportIds: () => ['pet'],
    notifyDataModified: (segmentationId, slices) => notices.push({ segmentationId, slices: slices.map((slice) => Array.from(slice)) }),
    onSegmentEdited: (id, region) => edits.push([id, region]),
  });
  /** Writes one voxel (linear PET-grid index) as a brush would: straight into the labelmap slice. */
  const paint = (index: number, value: number) => {
    const sliceSize = GRID[0] * GRID[1];
    const image = images.get(`label:${petImageIds[Math.floor(index / sliceSize)]}`);
    if (!image) throw new Error('no labelmap slice');
    image.data[index % sliceSize] = value;
  };
  return { segmentation, locks, calls, edits, paint, notices };
}

test('an edit makes the candidate the active segment and locks the others; Done unlocks them', async () => {
  const { segmentation, locks, calls } = fakeViewer();
  const candidates = [candidate(1, [0, 1]), candidate(2, [12, 13], { kind: 'accepted' }), candidate(3, [20])];
  await segmentation.sync(candidates);
  expect([...locks.values()].some(Boolean)).toBe(false);

  await segmentation.beginEdit(2, ['pet', 'fused']);
  expect(segmentation.editingId()).toBe(2);
  expect(calls).toEqual(expect.arrayContaining(['active segmentation pet dotatate-liver-candidates-ds-pt', 'active segmentation fused dotatate-liver-candidates-ds-pt', 'active segment 2']));
  expect(Object.fromEntries(locks)).toEqual({ 1: true, 2: false, 3: true });
  // A re-sync during the edit (the statistics changed) keeps the others locked.
  await segmentation.sync(candidates);
  expect(Object.fromEntries(locks)).toEqual({ 1: true, 2: false, 3: true });

  segmentation.endEdit();
  expect(segmentation.editingId()).toBeNull();
  expect(Object.fromEntries(locks)).toEqual({ 1: false, 2: false, 3: false });
});

test('voxels painted into the edited segment come back as its new region; untouched candidates are not reported', async () => {
  const { segmentation, edits, paint } = fakeViewer();
  const candidates = [candidate(1, [0, 1]), candidate(2, [12, 13])];
  await segmentation.sync(candidates);
  await segmentation.beginEdit(2, ['pet']);
  paint(14, 2);
  paint(22, 2);
  segmentation.readBackEdits(candidates);
  expect(edits.map(([id, region]) => [id, region?.runs])).toEqual([[2, regionFromSortedIndices(GRID, [12, 13, 14, 22]).runs]]);
  // Reading again without a new stroke reports nothing.
  segmentation.readBackEdits(candidates);
  expect(edits).toHaveLength(1);
});

test('erasing a whole segment is reported as an empty region (the session then says so)', async () => {
  const { segmentation, edits, paint } = fakeViewer();
  const candidates = [candidate(1, [0, 1]), candidate(2, [12])];
  await segmentation.sync(candidates);
  paint(12, 0);
  segmentation.readBackEdits(candidates);
  expect(edits).toEqual([[2, null]]);
});

test('an edit is refused, with the reason, for a candidate not on the overlay or with no viewport to paint on', async () => {
  const { segmentation } = fakeViewer();
  await segmentation.sync([candidate(1, [0])]);
  await expect(segmentation.beginEdit(5, ['pet'])).rejects.toThrow(/Lesion 5 is not on the lesion overlay/);
  await expect(segmentation.beginEdit(300, ['pet'])).rejects.toThrow(/only ids up to 255/);
  await expect(segmentation.beginEdit(1, [])).rejects.toThrow(/No PET viewport/);
  expect(segmentation.editingId()).toBeNull();
});

test('every sync hands the viewer the labelmap as now painted, so a re-run with fewer or no candidates clears the rest', async () => {
  const { segmentation, notices } = fakeViewer();
  await segmentation.sync([candidate(1, [0, 1]), candidate(2, [12, 13]), candidate(3, [20])]);
  expect(notices.at(-1)).toEqual({
    segmentationId: 'dotatate-liver-candidates-ds-pt',
    slices: [
      [1, 1, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 2, 2, 0, 0],
      [0, 0, 0, 0, 3, 0, 0, 0],
    ],
  });

  await segmentation.sync([candidate(2, [12, 13])]);
  expect(notices.at(-1)?.slices).toEqual([
    [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 2, 2, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
  ]);

  const before = notices.length;
  await segmentation.sync([]);
  expect(notices).toHaveLength(before + 1);
  expect(notices.at(-1)?.slices.flat().every((value) => value === 0)).toBe(true);
});

test('a decision change alone (same voxels) still notifies, so the new colour is drawn', async () => {
  const { segmentation, notices } = fakeViewer();
  await segmentation.sync([candidate(1, [0, 1])]);
  const before = notices.length;
  await segmentation.sync([candidate(1, [0, 1], { kind: 'accepted' })]);
  expect(notices).toHaveLength(before + 1);
  expect(notices.at(-1)?.slices[0]).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
});
