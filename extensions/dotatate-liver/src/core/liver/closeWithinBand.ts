import type { MaskVolume } from '../types';
import { closeMaskMm } from './closeMaskMm';
import { fillHolesPerSlice } from './fillHolesPerSlice';
import { largestComponent } from './largestComponent';

/**
 * Closing (radius in mm) and per-slice hole filling of a liver mask that only add liver-like or
 * hot voxels: a closed voxel stays only when its smoothed uptake (`smooth`, same grid, PET units)
 * is at or above `low`; a hole is filled when it holds a voxel above `high` (a lesion) or is
 * mostly at or above `low`. `forbidden` voxels (neighbouring organs) are never added.
 * `keepLargestComponent` keeps only the largest component after closing.
 */
export function closeWithinBand(
  mask: MaskVolume,
  smooth: Float32Array,
  band: { low: number; high: number; closingRadiusMm: number },
  forbidden: Uint8Array,
  options: { keepLargestComponent: boolean },
): MaskVolume {
  const { low, high, closingRadiusMm } = band;
  const closed = closeMaskMm(mask, closingRadiusMm);
  for (let index = 0; index < closed.voxels.length; index++) {
    if (!mask.voxels[index] && (smooth[index] < low || forbidden[index])) closed.voxels[index] = 0;
  }
  const filled = fillHolesPerSlice(options.keepLargestComponent ? largestComponent(closed) : closed, (hole) => {
    let warm = 0;
    for (const index of hole) {
      if (smooth[index] > high) return true;
      if (smooth[index] >= low) warm++;
    }
    return warm * 2 >= hole.length;
  });
  // A hole filled on one slice may reach into a neighbouring organ's contact layer: keep it out.
  for (let index = 0; index < filled.voxels.length; index++) if (forbidden[index] && !mask.voxels[index]) filled.voxels[index] = 0;
  return filled;
}
