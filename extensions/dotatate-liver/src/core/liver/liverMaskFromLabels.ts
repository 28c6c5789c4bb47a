import type { LabelVolume, MaskVolume } from '../types';

/**
 * The liver mask from a label volume on the PET grid, e.g. a DICOM SEG read into labels (the
 * segment number as label): voxels equal to `segmentLabel` become 1. Holes are not filled:
 * a segmentation made by a person is taken as drawn.
 */
export function liverMaskFromLabels(labels: LabelVolume, segmentLabel: number): MaskVolume {
  const voxels = new Uint8Array(labels.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = labels.voxels[index] === segmentLabel ? 1 : 0;
  return { dimensions: [...labels.dimensions], spacing: [...labels.spacing], origin: [...labels.origin], direction: [...labels.direction], voxels };
}
