/**
 * Turns the detector's output (a label volume on the PET grid plus one statistics record per
 * label) into the candidates a review takes, one voxel region per label.
 */
import type { LabelVolume, LesionStatistics } from '../core/types';
import type { DetectedCandidate } from './reviewTypes';
import { regionsFromLabelVolume } from './voxelRegion';

/**
 * One candidate per statistics record; `statistics.id` names its label on `labels`.
 * Throws an Error naming the label when a record has no voxel on the label volume.
 */
export function detectedCandidatesFromLabelVolume(labels: LabelVolume, statistics: readonly LesionStatistics[]): DetectedCandidate[] {
  const regions = regionsFromLabelVolume(labels);
  return statistics.map((record) => {
    const region = regions.get(record.id);
    if (!region) throw new Error(`Candidate ${record.id} has statistics but no voxel on the label volume.`);
    return { statistics: record, region };
  });
}
