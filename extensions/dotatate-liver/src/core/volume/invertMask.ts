import type { MaskVolume } from '../types';

/** A mask that is 1 where the input is 0 and 0 elsewhere, on the same grid. */
export function invertMask(mask: MaskVolume): MaskVolume {
  const voxels = new Uint8Array(mask.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = mask.voxels[index] ? 0 : 1;
  return { ...mask, voxels };
}
