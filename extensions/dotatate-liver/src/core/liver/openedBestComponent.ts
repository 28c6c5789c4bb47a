import type { MaskVolume } from '../types';
import { erodeMaskMm } from '../volume/erodeMaskMm';
import { dilateMaskMm } from '../volume/dilateMaskMm';
import { labelComponents3D } from '../volume/labelComponents3D';

/** Score of a voxel outside the preferred region: breaks ties by size, never outweighs one preferred voxel per 1000. */
export const TIE_BREAK = 1e-3;

/**
 * Opening by `radiusMm` (mm) followed by the best component (highest sum of `score` over its
 * voxels), grown back within the original mask, and its best component again. The opening cuts
 * bridges thinner than the ball, so touching organs fall apart and the score picks one.
 */
export function openedBestComponent(mask: MaskVolume, radiusMm: number, score: (index: number) => number): MaskVolume {
  const core = bestComponent(erodeMaskMm(mask, radiusMm, { borderIsInside: true }), score);
  const regrown = dilateMaskMm(core, radiusMm);
  const voxels = new Uint8Array(mask.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = regrown.voxels[index] & mask.voxels[index];
  return bestComponent({ ...mask, voxels }, score);
}

/** The 6-connected component with the highest sum of `score` over its voxels (empty stays empty). */
export function bestComponent(mask: MaskVolume, score: (index: number) => number): MaskVolume {
  const { labels, count } = labelComponents3D(mask, 6);
  const totals = new Float64Array(count + 1);
  for (let index = 0; index < labels.length; index++) if (labels[index]) totals[labels[index]] += score(index);
  let best = 0;
  for (let label = 1; label <= count; label++) if (!best || totals[label] > totals[best]) best = label;
  const voxels = new Uint8Array(labels.length);
  if (best) for (let index = 0; index < labels.length; index++) voxels[index] = labels[index] === best ? 1 : 0;
  return { ...mask, voxels };
}
