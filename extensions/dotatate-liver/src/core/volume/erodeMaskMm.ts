import type { MaskVolume } from '../types';
import { distanceTransformMm } from './distanceTransformMm';
import { invertMask } from './invertMask';

/**
 * Erodes a mask by a ball of `radiusMm`: keeps voxels whose centre is more than radiusMm
 * (mm) from every outside voxel centre. By default the layer just beyond the grid counts as
 * outside, so a mask touching the border is eroded there too; `borderIsInside` turns that off.
 */
export function erodeMaskMm(mask: MaskVolume, radiusMm: number, options: { borderIsInside?: boolean } = {}): MaskVolume {
  const distance = options.borderIsInside ? distanceTransformMm(invertMask(mask)) : distanceToOutsideMm(mask);
  const voxels = new Uint8Array(mask.voxels.length);
  for (let index = 0; index < voxels.length; index++) voxels[index] = distance[index] > radiusMm ? 1 : 0;
  return { ...mask, voxels };
}

/**
 * Distance (mm) from each voxel centre inside the mask to the nearest voxel centre outside
 * it, counting the layer just beyond the grid as outside. 0 outside the mask.
 */
export function distanceToOutsideMm(mask: MaskVolume): Float32Array {
  const [nx, ny, nz] = mask.dimensions;
  const paddedVoxels = new Uint8Array((nx + 2) * (ny + 2) * (nz + 2));
  const padded: MaskVolume = { ...mask, dimensions: [nx + 2, ny + 2, nz + 2], voxels: paddedVoxels };
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const from = nx * (j + ny * k);
      paddedVoxels.set(mask.voxels.subarray(from, from + nx), 1 + (nx + 2) * (j + 1 + (ny + 2) * (k + 1)));
    }
  }
  const paddedDistance = distanceTransformMm(invertMask(padded));
  const distance = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const from = 1 + (nx + 2) * (j + 1 + (ny + 2) * (k + 1));
      distance.set(paddedDistance.subarray(from, from + nx), nx * (j + ny * k));
    }
  }
  return distance;
}
