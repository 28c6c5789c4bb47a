import type { Vec3 } from '../types';
import { binarise } from '../postprocess/binarise';
import { connectedComponents2D } from '../postprocess/connectedComponents2D';
import { filterComponentsByArea } from '../postprocess/filterComponentsByArea';
import type { SliceComponent } from '../postprocess/connectedComponents2D';

/** A scored region: voxels as ascending linear indices; `slice` set for 2D regions. */
export interface Region {
  slice: number;
  voxels: Int32Array;
  score: number;
}

/**
 * Reference regions per axial slice: every (label, slice) pair of a label volume is one
 * region, so two touching reference lesions stay two regions. Score is 1.
 */
export function referenceRegionsPerSlice(labels: Uint16Array, dimensions: Vec3): Region[] {
  const [nx, ny, nz] = dimensions;
  const sliceSize = nx * ny;
  const regions: Region[] = [];
  for (let k = 0; k < nz; k++) {
    const byLabel = new Map<number, number[]>();
    for (let p = 0; p < sliceSize; p++) {
      const label = labels[k * sliceSize + p];
      if (!label) continue;
      const list = byLabel.get(label);
      if (list) list.push(k * sliceSize + p);
      else byLabel.set(label, [k * sliceSize + p]);
    }
    for (const voxels of byLabel.values()) regions.push({ slice: k, voxels: Int32Array.from(voxels), score: 1 });
  }
  return regions;
}

/**
 * Predicted regions per axial slice, as the paper post-processed its maps: binarise at
 * `binariseAt`, 2D connected components, drop regions under `filterPx` pixels. A region's
 * score is the highest map value inside it.
 */
export function predictedRegionsPerSlice(map: Float32Array, dimensions: Vec3, binariseAt: number, filterPx: number, connectivity: 4 | 8 = 8): Region[] {
  const components = filterComponentsByArea(connectedComponents2D(binarise(map, binariseAt), dimensions, connectivity), filterPx);
  return scoredRegions(components, map);
}

/** 2D components as regions scored by the map's highest value inside each. */
export function scoredRegions(components: SliceComponent[], map: Float32Array): Region[] {
  return components.map((component) => {
    let score = 0;
    for (const voxel of component.voxels) if (map[voxel] > score) score = map[voxel];
    return { slice: component.slice, voxels: component.voxels, score };
  });
}

/** 3D regions of a label volume (one per label), scored by the map's maximum inside (or 1). */
export function regionsOfLabels(labels: Uint16Array, map?: Float32Array): Region[] {
  const byLabel = new Map<number, number[]>();
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    if (!label) continue;
    const list = byLabel.get(label);
    if (list) list.push(index);
    else byLabel.set(label, [index]);
  }
  return [...byLabel.keys()].sort((a, b) => a - b).map((label) => {
    const voxels = Int32Array.from(byLabel.get(label) as number[]);
    let score = map ? 0 : 1;
    if (map) for (const voxel of voxels) if (map[voxel] > score) score = map[voxel];
    return { slice: -1, voxels, score };
  });
}
