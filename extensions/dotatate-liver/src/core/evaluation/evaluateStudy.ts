import type { Vec3 } from '../types';
import type { MatchRecords } from './records';
import { matchRegions, PAPER_MIN_IOU } from './matchRegions';
import { referenceRegionsPerSlice, regionsOfLabels, scoredRegions } from './regions';
import { binarise } from '../postprocess/binarise';
import { connectedComponents2D } from '../postprocess/connectedComponents2D';
import { filterComponentsByArea } from '../postprocess/filterComponentsByArea';
import { linkComponentsAcrossSlices } from '../postprocess/linkComponentsAcrossSlices';

/** The paper's pixel filters. */
export const PAPER_FILTERS_PX = [5, 7, 10, 15, 20];

export interface StudyEvaluation {
  filterPx: number;
  /** The paper's protocol: 2D regions per axial slice. */
  slice: MatchRecords;
  /** 3D lesions (2D regions linked across slices) against 3D reference lesions. */
  lesion: MatchRecords;
}

/**
 * Scores one study's detector map (values in [0, 1]) against a reference label volume on the
 * same grid, for each pixel filter: per-slice matching as in the paper, and lesion-level
 * matching of the linked 3D lesions (IoU > minIoU in 3D).
 */
export function evaluateStudy(
  map: Float32Array,
  referenceLabels: Uint16Array,
  dimensions: Vec3,
  options: { filtersPx?: number[]; binariseAt?: number; minIoU?: number; connectivity?: 4 | 8 } = {},
): StudyEvaluation[] {
  const { filtersPx = PAPER_FILTERS_PX, binariseAt = 0.05, minIoU = PAPER_MIN_IOU, connectivity = 8 } = options;
  const referenceSlices = referenceRegionsPerSlice(referenceLabels, dimensions);
  const referenceLesions = regionsOfLabels(referenceLabels);
  const components = connectedComponents2D(binarise(map, binariseAt), dimensions, connectivity);
  return filtersPx.map((filterPx) => {
    const kept = filterComponentsByArea(components, filterPx);
    const predictedSlices = scoredRegions(kept, map);
    const { labels } = linkComponentsAcrossSlices(kept, dimensions);
    const predictedLesions = regionsOfLabels(labels, map);
    return {
      filterPx,
      slice: matchRegions(predictedSlices, referenceSlices, minIoU, true),
      lesion: matchRegions(predictedLesions, referenceLesions, minIoU, false),
    };
  });
}
