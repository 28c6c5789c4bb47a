import { DECISION_COLOURS, describeSegments, paintCandidateSlices, segmentLabelOf, segmentVoxelIndices } from '../../src/adapter/candidateSegments';
import { regionFromSortedIndices } from '../../src/adapter/regionStatistics';
import type { ReviewCandidate } from '../../src/state/reviewTypes';

function candidate(id: number, decision: ReviewCandidate['decision'], indices: number[], edited = false): ReviewCandidate {
  return {
    id,
    detectionLabel: id,
    decision,
    edited,
    keptFromEarlierRun: false,
    region: regionFromSortedIndices([4, 2, 3], indices),
    statistics: {
      id,
      centroidLPS: [1, 2, 3],
      voxels: indices.length,
      volumeMl: 0.1,
      suvMax: 10,
      suvMean: 8,
      suvPeak: 9,
      totalLesionActivity: 0.8,
      longestAxialDiameterMm: 5,
      sliceRange: [0, 0],
      score: 0.5,
    },
  };
}

test('labels name the lesion, its decision, the rejection reason and an edit', () => {
  expect(segmentLabelOf(candidate(3, { kind: 'pending' }, [0]))).toBe('Lesion 3 — pending');
  expect(segmentLabelOf(candidate(4, { kind: 'rejected', reason: 'physiologic-uptake', note: '' }, [0]))).toBe('Lesion 4 — rejected (physiologic uptake)');
  expect(segmentLabelOf(candidate(5, { kind: 'rejected', reason: 'other', note: 'motion' }, [0]))).toBe('Lesion 5 — rejected (motion)');
  expect(segmentLabelOf(candidate(6, { kind: 'accepted' }, [0], true))).toBe('Lesion 6 — accepted, edited');
  expect(segmentLabelOf(candidate(7, { kind: 'added' }, [0]))).toBe('Lesion 7 — added by the reader');
});

test('each decision has its own colour and the segment index is the candidate id', () => {
  const colours = Object.values(DECISION_COLOURS).map((colour) => colour.join(','));
  expect(new Set(colours).size).toBe(4);
  const segments = describeSegments([candidate(2, { kind: 'accepted' }, [1]), candidate(9, { kind: 'pending' }, [2])]);
  expect(segments.map((segment) => [segment.segmentIndex, segment.colour])).toEqual([
    [2, DECISION_COLOURS.accepted],
    [9, DECISION_COLOURS.pending],
  ]);
});

test('candidates are painted slice by slice and read back by segment index', () => {
  // Grid 4 × 2 × 3: 8 voxels a slice. Candidate 1 spans slices 0 and 1; candidate 2 is on slice 2.
  const slices = [new Uint8Array(8).fill(7), new Uint8Array(8), new Uint8Array(8)];
  paintCandidateSlices([candidate(1, { kind: 'pending' }, [6, 7, 8, 9]), candidate(2, { kind: 'accepted' }, [20])], slices);
  expect(Array.from(slices[0])).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
  expect(Array.from(slices[1])).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
  expect(Array.from(slices[2])).toEqual([0, 0, 0, 0, 2, 0, 0, 0]);
  const read = segmentVoxelIndices(slices);
  expect(read.get(1)).toEqual([6, 7, 8, 9]);
  expect(read.get(2)).toEqual([20]);
  expect(read.has(7)).toBe(false);
});
