import type { MaskVolume } from '../types';
import { labelComponents3D } from '../volume/labelComponents3D';

/** The largest 6-connected component of a mask (an empty mask stays empty). */
export function largestComponent(mask: MaskVolume): MaskVolume {
  const { labels, sizes, count } = labelComponents3D(mask, 6);
  let best = 0;
  for (let label = 1; label <= count; label++) if (sizes[label] > (sizes[best] ?? 0)) best = label;
  const voxels = new Uint8Array(labels.length);
  if (best) for (let index = 0; index < labels.length; index++) voxels[index] = labels[index] === best ? 1 : 0;
  return { ...mask, voxels };
}
