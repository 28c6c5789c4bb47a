import type { MaskVolume } from '../types';
import { dilateMaskMm } from '../volume/dilateMaskMm';
import { erodeMaskMm } from '../volume/erodeMaskMm';

/**
 * Morphological closing by a ball of `radiusMm`: dilation then erosion. Closes notches a hot
 * lesion at the liver's edge leaves in an uptake-band mask. The erosion treats the grid's
 * border as inside, so a mask touching the border keeps its extent.
 */
export function closeMaskMm(mask: MaskVolume, radiusMm: number): MaskVolume {
  const dilated = dilateMaskMm(mask, radiusMm);
  const eroded = erodeMaskMm(dilated, radiusMm, { borderIsInside: true });
  const voxels = new Uint8Array(mask.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = eroded.voxels[index] | mask.voxels[index];
  return { ...mask, voxels };
}
