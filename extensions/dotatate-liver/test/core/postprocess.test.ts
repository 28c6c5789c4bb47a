import { binarise, connectedComponents2D, filterComponentsByArea, linkComponentsAcrossSlices, pixelsForAreaMm2 } from '../../src/core/postprocess';
import type { Vec3 } from '../../src/core/types';

/** Draws filled w×h rectangles (pixels) on given slices of a 40×40×4 grid. */
function drawRectangles(rectangles: { slice: number; i: number; j: number; w: number; h: number }[]): { mask: Uint8Array; dimensions: Vec3 } {
  const dimensions: Vec3 = [40, 40, 4];
  const mask = new Uint8Array(40 * 40 * 4);
  for (const r of rectangles) for (let j = r.j; j < r.j + r.h; j++) for (let i = r.i; i < r.i + r.w; i++) mask[i + 40 * (j + 40 * r.slice)] = 1;
  return { mask, dimensions };
}

describe('binarisation', () => {
  it('keeps values at or above the threshold', () => {
    expect([...binarise(Float32Array.from([0, 0.049, 0.05, 0.5, 1]), 0.05)]).toEqual([0, 0, 1, 1, 1]);
  });
});

describe('2D components and the pixel-area filter', () => {
  // Areas 4, 6, 9, 12, 16 and 25 pixels, all on slice 1, far apart.
  const areas = [
    { w: 2, h: 2 },
    { w: 3, h: 2 },
    { w: 3, h: 3 },
    { w: 4, h: 3 },
    { w: 4, h: 4 },
    { w: 5, h: 5 },
  ];
  const { mask, dimensions } = drawRectangles(areas.map((a, n) => ({ slice: 1, i: 1 + 6 * n, j: 2, ...a })));
  const components = connectedComponents2D(mask, dimensions);

  it('finds every region with its area', () => {
    expect(components.map((c) => c.area).sort((a, b) => a - b)).toEqual([4, 6, 9, 12, 16, 25]);
    expect(components.every((c) => c.slice === 1)).toBe(true);
  });

  it.each([
    [5, 5],
    [7, 4],
    [10, 3],
    [15, 2],
    [20, 1],
  ])('filter %i px keeps %i regions', (filterPx, kept) => {
    expect(filterComponentsByArea(components, filterPx)).toHaveLength(kept);
  });

  it('converts an area in mm² into pixels on the grid', () => {
    expect(pixelsForAreaMm2(80, [4, 4, 4])).toBe(5);
    expect(pixelsForAreaMm2(81, [4, 4, 4])).toBe(6);
  });

  it('joins diagonal neighbours with 8-connectivity only', () => {
    const { mask: diagonal, dimensions: d } = drawRectangles([
      { slice: 0, i: 5, j: 5, w: 1, h: 1 },
      { slice: 0, i: 6, j: 6, w: 1, h: 1 },
    ]);
    expect(connectedComponents2D(diagonal, d, 8)).toHaveLength(1);
    expect(connectedComponents2D(diagonal, d, 4)).toHaveLength(2);
  });
});

describe('linking across slices', () => {
  it('links overlapping regions on adjacent slices and keeps others apart', () => {
    const { mask, dimensions } = drawRectangles([
      { slice: 0, i: 2, j: 2, w: 4, h: 4 },
      { slice: 1, i: 5, j: 5, w: 4, h: 4 }, // overlaps the first at one pixel
      { slice: 2, i: 8, j: 8, w: 3, h: 3 }, // overlaps the second
      { slice: 1, i: 20, j: 20, w: 3, h: 3 }, // alone
      { slice: 3, i: 20, j: 20, w: 3, h: 3 }, // same place, but a slice gap
    ]);
    const { labels, count } = linkComponentsAcrossSlices(connectedComponents2D(mask, dimensions), dimensions);
    expect(count).toBe(3);
    const at = (i: number, j: number, k: number) => labels[i + 40 * (j + 40 * k)];
    expect(at(2, 2, 0)).toBe(at(5, 5, 1));
    expect(at(5, 5, 1)).toBe(at(8, 8, 2));
    expect(at(20, 20, 1)).not.toBe(at(20, 20, 3));
    expect(at(0, 0, 0)).toBe(0);
  });

  it('merges two regions of one slice that overlap the same region of the next (a fork)', () => {
    const { mask, dimensions } = drawRectangles([
      { slice: 0, i: 2, j: 2, w: 3, h: 3 },
      { slice: 0, i: 8, j: 2, w: 3, h: 3 },
      { slice: 1, i: 2, j: 2, w: 9, h: 3 },
    ]);
    expect(linkComponentsAcrossSlices(connectedComponents2D(mask, dimensions), dimensions).count).toBe(1);
  });
});
