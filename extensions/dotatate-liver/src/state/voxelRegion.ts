/**
 * The voxels of one lesion candidate as sorted runs of linear voxel indices on the PET grid
 * (index = i + j·columns + k·columns·rows, IJK, x fastest — the core's layout). Runs are compact,
 * plain JSON (the review is kept in sessionStorage), and two regions intersect in one linear merge.
 */
import type { LabelVolume, MaskVolume, Vec3 } from '../core/types';

export interface VoxelRegion {
  /** Columns, rows, slices of the grid the indices refer to. */
  readonly dimensions: Vec3;
  /** Flat pairs [start, length, start, length, …]; starts strictly increasing, runs not touching. */
  readonly runs: readonly number[];
}

/** Voxels in the region. */
export function regionVoxelCount(region: VoxelRegion): number {
  let count = 0;
  for (let r = 1; r < region.runs.length; r += 2) count += region.runs[r];
  return count;
}

export function sameGrid(a: VoxelRegion, b: VoxelRegion): boolean {
  return a.dimensions[0] === b.dimensions[0] && a.dimensions[1] === b.dimensions[1] && a.dimensions[2] === b.dimensions[2];
}

/** Voxels present in both regions (0 when the grids differ). */
export function regionIntersectionCount(a: VoxelRegion, b: VoxelRegion): number {
  if (!sameGrid(a, b)) return 0;
  let ia = 0;
  let ib = 0;
  let shared = 0;
  while (ia < a.runs.length && ib < b.runs.length) {
    const aStart = a.runs[ia];
    const aEnd = aStart + a.runs[ia + 1];
    const bStart = b.runs[ib];
    const bEnd = bStart + b.runs[ib + 1];
    const overlap = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
    if (overlap > 0) shared += overlap;
    if (aEnd <= bEnd) ia += 2;
    else ib += 2;
  }
  return shared;
}

/** Intersection over union of two regions' voxel sets, in [0, 1]; 0 when either is empty. */
export function regionIoU(a: VoxelRegion, b: VoxelRegion): number {
  const shared = regionIntersectionCount(a, b);
  if (shared === 0) return 0;
  return shared / (regionVoxelCount(a) + regionVoxelCount(b) - shared);
}

/** Builds a region from any voxel predicate over a grid of `voxelCount` voxels. */
function regionFromPredicate(dimensions: Vec3, voxelCount: number, inside: (index: number) => boolean): VoxelRegion {
  const runs: number[] = [];
  let runStart = -1;
  for (let index = 0; index < voxelCount; index++) {
    if (inside(index)) {
      if (runStart < 0) runStart = index;
    } else if (runStart >= 0) {
      runs.push(runStart, index - runStart);
      runStart = -1;
    }
  }
  if (runStart >= 0) runs.push(runStart, voxelCount - runStart);
  return { dimensions: [...dimensions], runs };
}

/** The non-zero voxels of a mask (e.g. a brush-edited or reader-added lesion). */
export function regionFromMask(mask: MaskVolume): VoxelRegion {
  return regionFromPredicate(mask.dimensions, mask.voxels.length, (index) => mask.voxels[index] !== 0);
}

/** The voxels carrying `label` on a label volume. */
export function regionFromLabel(labels: LabelVolume, label: number): VoxelRegion {
  return regionFromPredicate(labels.dimensions, labels.voxels.length, (index) => labels.voxels[index] === label);
}

/** Every non-zero label's region, in one pass over the label volume; keyed by label. */
export function regionsFromLabelVolume(labels: LabelVolume): Map<number, VoxelRegion> {
  const runsByLabel = new Map<number, number[]>();
  const voxels = labels.voxels;
  let index = 0;
  while (index < voxels.length) {
    const label = voxels[index];
    let end = index + 1;
    while (end < voxels.length && voxels[end] === label) end++;
    if (label !== 0) {
      let runs = runsByLabel.get(label);
      if (!runs) runsByLabel.set(label, (runs = []));
      runs.push(index, end - index);
    }
    index = end;
  }
  const regions = new Map<number, VoxelRegion>();
  for (const [label, runs] of runsByLabel) regions.set(label, { dimensions: [...labels.dimensions], runs });
  return regions;
}

/** Calls `visit` with every linear voxel index of the region, in increasing order. */
export function forEachRegionVoxel(region: VoxelRegion, visit: (index: number) => void): void {
  for (let r = 0; r < region.runs.length; r += 2) {
    const end = region.runs[r] + region.runs[r + 1];
    for (let index = region.runs[r]; index < end; index++) visit(index);
  }
}

/** Writes `value` into `target` (a grid of the region's dimensions) at every voxel of the region. */
export function paintRegion(region: VoxelRegion, target: Uint8Array | Uint16Array, value: number): void {
  for (let r = 0; r < region.runs.length; r += 2) target.fill(value, region.runs[r], region.runs[r] + region.runs[r + 1]);
}

/**
 * Why a region is unusable, in words a reader or a developer understands; null when it is valid.
 * Checks the grid, run ordering, and that every index lies inside the grid.
 */
export function describeInvalidRegion(region: unknown): string | null {
  if (typeof region !== 'object' || region === null) return 'the region is missing';
  const { dimensions, runs } = region as { dimensions?: unknown; runs?: unknown };
  if (!Array.isArray(dimensions) || dimensions.length !== 3 || !dimensions.every((d) => Number.isInteger(d) && d > 0)) {
    return 'the region has no valid grid dimensions (three positive integers)';
  }
  if (!Array.isArray(runs) || runs.length % 2 !== 0) return 'the region runs are not pairs of start and length';
  const voxelCount = dimensions[0] * dimensions[1] * dimensions[2];
  let previousEnd = -1;
  for (let r = 0; r < runs.length; r += 2) {
    const start: unknown = runs[r];
    const length: unknown = runs[r + 1];
    if (!Number.isInteger(start) || !Number.isInteger(length) || (length as number) <= 0) {
      return 'a region run has a non-integer start or a length below 1';
    }
    if ((start as number) <= previousEnd) return 'the region runs are not sorted and separate';
    previousEnd = (start as number) + (length as number);
    if ((start as number) < 0 || previousEnd > voxelCount) return 'the region reaches outside its grid';
  }
  if (runs.length === 0) return 'the region is empty (no voxels)';
  return null;
}
