import { refreshProjectedLabelmap, writeLabelComponent, type ProjectionViewportLike, type ViewportActorEntryLike } from '../../src/adapter/projectedLabelmap';

const SEGMENTATION_ID = 'dotatate-liver-candidates-pet';

/** A combined volume as cornerstone builds it for a MIP: (image value, segment index) per voxel. */
function combinedVolume(imageValues: number[], labels: number[]): Float32Array {
  const data = new Float32Array(imageValues.length * 2);
  imageValues.forEach((value, index) => {
    data[index * 2] = value;
    data[index * 2 + 1] = labels[index];
  });
  return data;
}

function labelsOf(data: ArrayLike<number>): number[] {
  return Array.from({ length: data.length / 2 }, (_, index) => data[index * 2 + 1]);
}

function imagesOf(data: ArrayLike<number>): number[] {
  return Array.from({ length: data.length / 2 }, (_, index) => data[index * 2]);
}

/** An actor entry whose mapper input holds `data` with `components` values per voxel; counts its modified() calls. */
function actorEntry(representationUID: string, data: Float32Array, components: number) {
  const calls = { arrayModified: 0, imageModified: 0 };
  const array = { getData: () => data, getNumberOfComponents: () => components, modified: () => void calls.arrayModified++ };
  const imageData = { getPointData: () => ({ getArray: (index: number) => (index === 0 ? array : null) }), modified: () => void calls.imageModified++ };
  const entry: ViewportActorEntryLike = { representationUID, actor: { getMapper: () => ({ getInputData: () => imageData }) } };
  return { entry, calls };
}

function viewport(id: string, entries: ViewportActorEntryLike[]) {
  const rendered = { count: 0 };
  const value: ProjectionViewportLike = { id, getActors: () => entries, render: () => void rendered.count++ };
  return { viewport: value, rendered };
}

describe('writeLabelComponent', () => {
  test('replaces the segment indices slice by slice and keeps the image values', () => {
    // Grid 2 × 1 × 3: three slices of two voxels; the old labels mark segments 4 and 7.
    const data = combinedVolume([10, 11, 12, 13, 14, 15], [4, 4, 0, 7, 0, 0]);
    const written = writeLabelComponent(data, 2, [
      [0, 0],
      [0, 2],
      [2, 0],
    ]);
    expect(written).toBe(true);
    expect(labelsOf(data)).toEqual([0, 0, 0, 2, 2, 0]);
    expect(imagesOf(data)).toEqual([10, 11, 12, 13, 14, 15]);
  });

  test('clears every label when the labelmap is empty', () => {
    const data = combinedVolume([1, 2, 3, 4], [5, 5, 6, 6]);
    expect(writeLabelComponent(data, 2, [new Uint8Array(2), new Uint8Array(2)])).toBe(true);
    expect(labelsOf(data)).toEqual([0, 0, 0, 0]);
  });

  test('writes nothing into an array that is not a two-component copy of this grid', () => {
    const single = new Float32Array([1, 2, 3, 4]);
    expect(writeLabelComponent(single, 1, [[9, 9, 9, 9]])).toBe(false);
    expect(Array.from(single)).toEqual([1, 2, 3, 4]);
    const otherGrid = combinedVolume([1, 2, 3], [0, 0, 0]);
    expect(writeLabelComponent(otherGrid, 2, [[1, 1]])).toBe(false);
    expect(writeLabelComponent(otherGrid, 2, [])).toBe(false);
    const ragged = combinedVolume([1, 2, 3], [0, 0, 0]);
    expect(writeLabelComponent(ragged, 2, [[1, 1], [1]])).toBe(false);
    expect(labelsOf(ragged)).toEqual([0, 0, 0]);
  });
});

describe('refreshProjectedLabelmap', () => {
  const emptySlices = [new Uint8Array(2), new Uint8Array(2)];

  test("rewrites the MIP's copy of this segmentation and redraws that viewport only", () => {
    const mipData = combinedVolume([1, 2, 3, 4], [3, 3, 0, 5]);
    const mip = actorEntry(`${SEGMENTATION_ID}-Labelmap-${SEGMENTATION_ID}-storage-0`, mipData, 2);
    const mipViewport = viewport('mip', [mip.entry]);
    // A slice view draws the labelmap with its own one-component actor: cornerstone's event updates it.
    const sliceData = new Float32Array([3, 3, 0, 5]);
    const slice = actorEntry(`${SEGMENTATION_ID}-Labelmap-${SEGMENTATION_ID}-storage-0`, sliceData, 1);
    const sliceViewport = viewport('axial', [actorEntry('pet-volume', new Float32Array(4), 1).entry, slice.entry]);

    const refreshed = refreshProjectedLabelmap(SEGMENTATION_ID, emptySlices, [mipViewport.viewport, sliceViewport.viewport]);

    expect(refreshed).toEqual(['mip']);
    expect(labelsOf(mipData)).toEqual([0, 0, 0, 0]);
    expect(mip.calls).toEqual({ arrayModified: 1, imageModified: 1 });
    expect(mipViewport.rendered.count).toBe(1);
    expect(Array.from(sliceData)).toEqual([3, 3, 0, 5]);
    expect(sliceViewport.rendered.count).toBe(0);
  });

  test("leaves another segmentation's copy alone (the liver's on the same MIP)", () => {
    const liverData = combinedVolume([1, 2, 3, 4], [1, 1, 2, 0]);
    const liver = actorEntry('dotatate-liver-reference-pet-Labelmap-storage-0', liverData, 2);
    const mipViewport = viewport('mip', [liver.entry]);
    expect(refreshProjectedLabelmap(SEGMENTATION_ID, emptySlices, [mipViewport.viewport])).toEqual([]);
    expect(labelsOf(liverData)).toEqual([1, 1, 2, 0]);
    expect(mipViewport.rendered.count).toBe(0);
  });

  test('skips viewports without actors or mappers', () => {
    const bare: ProjectionViewportLike = { id: 'bare' };
    const noMapper = viewport('no-mapper', [{ representationUID: `${SEGMENTATION_ID}-Labelmap`, actor: {} }]);
    expect(refreshProjectedLabelmap(SEGMENTATION_ID, emptySlices, [bare, noMapper.viewport])).toEqual([]);
  });
});
