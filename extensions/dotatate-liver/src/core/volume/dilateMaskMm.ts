import type { MaskVolume } from '../types';
import { distanceTransformMm } from './distanceTransformMm';

/** Dilates a mask by a ball of `radiusMm` (mm, voxel centre to voxel centre). */
export function dilateMaskMm(mask: MaskVolume, radiusMm: number): MaskVolume {
  const distance = distanceTransformMm(mask);
  const voxels = new Uint8Array(mask.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = distance[index] <= radiusMm ? 1 : 0;
  return { ...mask, voxels };
}
