import { intersectionOverUnion, matchRegions, metricsAt, precisionRecallAuc, frocCurve, evaluateStudy, poolRecords } from '../../src/core/evaluation';
import type { MatchRecords, Region } from '../../src/core/evaluation';


/** A w×h rectangle region at (i, j) on slice k of the 30×30×6 grid. */
function rectangle(k: number, i: number, j: number, w: number, h: number, score = 1): Region {
  const voxels: number[] = [];
  for (let y = j; y < j + h; y++) for (let x = i; x < i + w; x++) voxels.push(x + 30 * (y + 30 * k));
  return { slice: k, voxels: Int32Array.from(voxels.sort((a, b) => a - b)), score };
}

describe('IoU matching edge cases (paper: IoU > 0.05)', () => {
  it('computes IoU of sorted voxel lists', () => {
    expect(intersectionOverUnion([1, 2, 3, 4], [3, 4, 5, 6])).toBeCloseTo(2 / 6, 10);
    expect(intersectionOverUnion([], [])).toBe(0);
  });

  it('does not match regions that only touch (share an edge, no pixel)', () => {
    const records = matchRegions([rectangle(2, 0, 0, 5, 5)], [rectangle(2, 5, 0, 5, 5)]);
    expect(records.predictions[0].matched).toBe(false);
    expect(records.references[0].bestScore).toBe(-Infinity);
  });

  it('does not match the same pixels on a different slice', () => {
    expect(matchRegions([rectangle(1, 0, 0, 5, 5)], [rectangle(2, 0, 0, 5, 5)]).predictions[0].matched).toBe(false);
  });

  it('matches a nested small reference only when IoU exceeds 0.05', () => {
    const big = rectangle(0, 0, 0, 10, 10, 0.8); // 100 px
    expect(matchRegions([big], [rectangle(0, 2, 2, 2, 3)]).predictions[0].matched).toBe(true); // 6/100
    expect(matchRegions([big], [rectangle(0, 2, 2, 5, 1)]).predictions[0].matched).toBe(false); // 5/100 = 0.05, not > 0.05
    expect(matchRegions([rectangle(0, 2, 2, 2, 3)], [big]).references[0].bestScore).toBe(1); // nested the other way
  });

  it('one prediction over two references: one true positive, both references detected', () => {
    const records = matchRegions([rectangle(3, 0, 0, 10, 4, 0.6)], [rectangle(3, 0, 0, 4, 4), rectangle(3, 6, 0, 4, 4)]);
    expect(records.predictions).toEqual([{ score: 0.6, matched: true }]);
    expect(records.references.map((r) => r.bestScore)).toEqual([0.6, 0.6]);
    const metrics = metricsAt(records);
    expect(metrics.ppv).toBe(1);
    expect(metrics.sensitivity).toBe(1);
  });

  it('two predictions over one reference: both true positives, the reference counted once with the best score', () => {
    const records = matchRegions([rectangle(3, 0, 0, 4, 4, 0.3), rectangle(3, 5, 0, 4, 4, 0.9)], [rectangle(3, 0, 0, 9, 4)]);
    expect(records.predictions.every((p) => p.matched)).toBe(true);
    expect(records.references).toEqual([{ bestScore: 0.9 }]);
  });
});

describe('metrics and curves', () => {
  const records: MatchRecords = {
    predictions: [
      { score: 0.9, matched: true },
      { score: 0.8, matched: false },
      { score: 0.6, matched: true },
      { score: 0.3, matched: false },
    ],
    references: [{ bestScore: 0.9 }, { bestScore: 0.6 }, { bestScore: -Infinity }],
    studies: 2,
  };

  it('computes PPV, sensitivity, F1 and false positives per study', () => {
    const all = metricsAt(records);
    expect(all.ppv).toBe(0.5);
    expect(all.sensitivity).toBeCloseTo(2 / 3, 10);
    expect(all.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), 10);
    expect(all.falsePositivesPerStudy).toBe(1);
    const strict = metricsAt(records, 0.85);
    expect(strict.ppv).toBe(1);
    expect(strict.sensitivity).toBeCloseTo(1 / 3, 10);
  });

  it('computes the PR-AUC as average precision', () => {
    // Thresholds 0.9 (P 1, R 1/3), 0.8 (P 1/2, R 1/3), 0.6 (P 2/3, R 2/3), 0.3 (P 1/2, R 2/3).
    expect(precisionRecallAuc(records)).toBeCloseTo((1 / 3) * 1 + (1 / 3) * (2 / 3), 10);
  });

  it('gives 1 for a perfect detector and 0 for one that finds nothing', () => {
    expect(precisionRecallAuc({ predictions: [{ score: 1, matched: true }], references: [{ bestScore: 1 }], studies: 1 })).toBe(1);
    expect(precisionRecallAuc({ predictions: [{ score: 1, matched: false }], references: [{ bestScore: -Infinity }], studies: 1 })).toBe(0);
  });

  it('traces an FROC curve with growing false positives per study', () => {
    const curve = frocCurve(records);
    expect(curve.map((p) => p.falsePositivesPerStudy)).toEqual([0, 0.5, 0.5, 1]);
    expect(curve[curve.length - 1].sensitivity).toBeCloseTo(2 / 3, 10);
  });

  it('pools studies', () => {
    expect(poolRecords([records, records]).studies).toBe(4);
  });
});

describe('evaluating one study at every pixel filter', () => {
  it('scores slices and 3D lesions, and the filter trades sensitivity for PPV', () => {
    const count = 30 * 30 * 6;
    const reference = new Uint16Array(count);
    const map = new Float32Array(count);
    const paint = (target: Uint16Array | Float32Array, value: number, k: number, i: number, j: number, w: number, h: number) => {
      for (let y = j; y < j + h; y++) for (let x = i; x < i + w; x++) target[x + 30 * (y + 30 * k)] = value;
    };
    // Lesion 1: 5×5 on slices 1–3, predicted exactly. Lesion 2: 3×2 on slice 4, predicted exactly.
    for (let k = 1; k <= 3; k++) {
      paint(reference, 1, k, 2, 2, 5, 5);
      paint(map, 0.9, k, 2, 2, 5, 5);
    }
    paint(reference, 2, 4, 20, 20, 3, 2);
    paint(map, 0.7, 4, 20, 20, 3, 2);
    // A false positive of 8 px on slice 0.
    paint(map, 0.4, 0, 15, 2, 4, 2);
    const [f5, f7, f10] = evaluateStudy(map, reference, [30, 30, 6], { filtersPx: [5, 7, 10] });
    expect(metricsAt(f5.slice)).toMatchObject({ truePositives: 4, falsePositives: 1, detectedReferences: 4, references: 4 });
    expect(metricsAt(f7.slice)).toMatchObject({ truePositives: 3, falsePositives: 1, detectedReferences: 3 });
    expect(metricsAt(f10.slice)).toMatchObject({ truePositives: 3, falsePositives: 0, detectedReferences: 3 });
    expect(metricsAt(f5.lesion)).toMatchObject({ truePositives: 2, falsePositives: 1, detectedReferences: 2, references: 2 });
    expect(metricsAt(f10.lesion)).toMatchObject({ truePositives: 1, falsePositives: 0, detectedReferences: 1 });
  });
});
