import type { IjkBox, MaskVolume, ScalarVolume } from '../types';
import { labelComponents3D } from '../volume/labelComponents3D';
import { cropVolume } from '../volume/cropVolume';
import { expandBox } from '../volume/expandBox';
import { distanceTransformMm } from '../volume/distanceTransformMm';
import { voxelVolumeMl } from '../volume/voxelIndex';

export interface HotRegionLevels {
  /** Lowest uptake (PET units) of normal liver: the band's lower edge. */
  liverLow: number;
  /** Uptake (PET units) above which a region is hotter than normal liver. */
  hot: number;
}

export interface HotRegionOptions {
  /** The ring probed around each hot region: from `innerMm` to `outerMm` off its surface. */
  innerMm?: number;
  outerMm?: number;
  /** A hot region whose ring is less than this fraction liver-like is an organ, not a lesion. */
  minimumEnclosure?: number;
  /** Regions smaller than this (ml) are ignored (noise specks, small lesions). */
  minimumVolumeMl?: number;
  /** Only regions reaching into this IJK box are examined (the others cannot touch the liver). */
  within?: IjkBox;
}

/** One hot region and how much normal liver surrounds it. */
export interface HotRegion {
  label: number;
  volumeMl: number;
  /** Fraction (0–1) of the ring around the region whose uptake lies in the normal-liver band. */
  enclosure: number;
  /** True when the region is not wrapped in liver: a neighbouring organ (kidney, spleen, adrenal). */
  isOrgan: boolean;
}

/**
 * Hot regions (6-connected voxels above `levels.hot`) and whether each is a lesion inside the
 * liver or a hot organ beside it. A lesion is wrapped in normal liver: a ring `innerMm`–`outerMm`
 * (mm, beyond the scanner's partial-volume blur) around it is mostly liver-band uptake. A kidney,
 * adrenal or spleen touches the liver on one side only; the rest of its ring is fat, muscle or
 * bowel. Voxel indices are IJK of `pet`; values in its units (only ratios matter).
 * Returns the organ mask (regions judged organs) and every region examined.
 */
export function findHotOrgans(
  pet: ScalarVolume,
  levels: HotRegionLevels,
  options: HotRegionOptions = {},
): { organs: MaskVolume; regions: HotRegion[] } {
  const { innerMm = 10, outerMm = 20, minimumEnclosure = 0.5, minimumVolumeMl = 4, within } = options;
  const values = pet.voxels;
  const hotMask: MaskVolume = { ...geometryOf(pet), voxels: new Uint8Array(values.length) };
  for (let index = 0; index < values.length; index++) hotMask.voxels[index] = values[index] > levels.hot ? 1 : 0;
  const { labels, sizes, count } = labelComponents3D(hotMask, 6);
  const organs: MaskVolume = { ...geometryOf(pet), voxels: new Uint8Array(values.length) };
  const regions: HotRegion[] = [];
  const voxelMl = voxelVolumeMl(pet);
  const minimumVoxels = Math.max(1, Math.ceil(minimumVolumeMl / voxelMl));
  const boxes = boundingBoxes(labels, pet.dimensions, count);
  const [nx, ny] = pet.dimensions;
  const isOrgan = new Uint8Array(count + 1);
  for (let label = 1; label <= count; label++) {
    if (sizes[label] < minimumVoxels || (within && !boxesMeet(boxes[label], within))) continue;
    const box = expandBox(boxes[label], pet, outerMm);
    const own = cropVolume({ ...geometryOf(pet), voxels: labels }, box);
    const region: MaskVolume = { ...own, voxels: Uint8Array.from(own.voxels, (value) => (value === label ? 1 : 0)) };
    const distance = distanceTransformMm(region);
    const [cx, cy] = region.dimensions;
    let ring = 0;
    let liverLike = 0;
    for (let local = 0; local < distance.length; local++) {
      if (distance[local] < innerMm || distance[local] > outerMm) continue;
      const i = box.min[0] + (local % cx);
      const j = box.min[1] + (Math.floor(local / cx) % cy);
      const k = box.min[2] + Math.floor(local / (cx * cy));
      const value = values[i + nx * (j + ny * k)];
      ring++;
      if (value >= levels.liverLow && value <= levels.hot) liverLike++;
    }
    const enclosure = ring ? liverLike / ring : 0;
    isOrgan[label] = enclosure < minimumEnclosure ? 1 : 0;
    regions.push({ label, volumeMl: sizes[label] * voxelMl, enclosure, isOrgan: isOrgan[label] === 1 });
  }
  for (let index = 0; index < labels.length; index++) organs.voxels[index] = isOrgan[labels[index]];
  return { organs, regions };
}

function boxesMeet(a: IjkBox, b: IjkBox): boolean {
  return [0, 1, 2].every((axis) => a.min[axis] <= b.max[axis] && b.min[axis] <= a.max[axis]);
}

function geometryOf(volume: ScalarVolume) {
  return { dimensions: volume.dimensions, spacing: volume.spacing, origin: volume.origin, direction: volume.direction };
}

/** Inclusive IJK bounding box of every label 1..count. */
function boundingBoxes(labels: Int32Array, dimensions: ScalarVolume['dimensions'], count: number) {
  const [nx, ny, nz] = dimensions;
  const boxes = Array.from({ length: count + 1 }, () => ({ min: [nx, ny, nz] as [number, number, number], max: [-1, -1, -1] as [number, number, number] }));
  let index = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, index++) {
        const label = labels[index];
        if (!label) continue;
        const { min, max } = boxes[label];
        if (i < min[0]) min[0] = i;
        if (i > max[0]) max[0] = i;
        if (j < min[1]) min[1] = j;
        if (j > max[1]) max[1] = j;
        if (k < min[2]) min[2] = k;
        if (k > max[2]) max[2] = k;
      }
    }
  }
  return boxes;
}
