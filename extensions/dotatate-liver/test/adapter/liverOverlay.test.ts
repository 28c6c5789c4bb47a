/**
 * The liver labelmap against a fake of OHIF's segmentationService and cornerstone's image cache:
 * each show hands the viewer the labelmap as painted, so a new liver (re-seed, edit) replaces the
 * earlier one on every viewport, the MIP's copy included.
 */
import { createLiverOverlay } from '../../src/adapter/liverOverlay';
import { regionFromSortedIndices } from '../../src/adapter/regionStatistics';
import type { CachedImageLike, SegmentationLike, SegmentationServiceLike } from '../../src/adapter/segmentationTypes';

/** Grid 3 × 1 × 2 (columns × rows × slices): 3 voxels a slice. */
const GRID: [number, number, number] = [3, 1, 2];

function fakeViewer() {
  const petImageIds = ['pt:0', 'pt:1'];
  const images = new Map<string, CachedImageLike>();
  const segmentations = new Map<string, SegmentationLike>();
  const service: SegmentationServiceLike = {
    EVENTS: {},
    subscribe: () => ({ unsubscribe: () => undefined }),
    async createLabelmapForDisplaySet(_displaySet, { segmentationId, label, segments }) {
      const imageIds = petImageIds.map((id) => `label:${id}`);
      petImageIds.forEach((referencedImageId, k) => {
        const data = new Uint8Array(GRID[0] * GRID[1]);
        images.set(imageIds[k], { imageId: imageIds[k], referencedImageId, voxelManager: { getScalarData: () => data } });
      });
      segmentations.set(segmentationId, { segmentationId, label, segments: { ...segments }, representationData: { Labelmap: { imageIds, referencedImageIds: petImageIds } } });
      return segmentationId;
    },
    getSegmentation: (id) => segmentations.get(id),
    addOrUpdateSegmentation: () => undefined,
    addSegmentationRepresentation: async () => undefined,
    getViewportIdsWithSegmentation: () => ['pet', 'mip'],
    setSegmentColor: () => undefined,
  };
  const notices: Array<{ segmentationId: string; slices: number[][] }> = [];
  const overlay = createLiverOverlay({
    segmentationService: service,
    imageCache: { getImage: (imageId) => images.get(imageId) },
    displaySet: { displaySetInstanceUID: 'ds-pt' },
    sliceImageIds: petImageIds,
    gridDimensions: GRID,
    viewportIds: () => ['pet'],
    notifyDataModified: (segmentationId, slices) => notices.push({ segmentationId, slices: slices.map((slice) => Array.from(slice)) }),
  });
  return { overlay, notices };
}

test('a new liver replaces the earlier one in the slices handed to the viewer', async () => {
  const { overlay, notices } = fakeViewer();
  await overlay.show(regionFromSortedIndices(GRID, [0, 1, 2, 3, 4]), [4]);
  expect(notices).toEqual([{ segmentationId: 'dotatate-liver-reference-ds-pt', slices: [[1, 1, 1], [1, 2, 0]] }]);

  // A re-seed finds a smaller liver and no spheres are drawn during an edit.
  await overlay.show(regionFromSortedIndices(GRID, [1, 2]), []);
  expect(notices).toHaveLength(2);
  expect(notices[1].slices).toEqual([
    [0, 1, 1],
    [0, 0, 0],
  ]);
  expect(overlay.readLiver().runs).toEqual([1, 2]);
});
