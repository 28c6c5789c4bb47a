/**
 * The confirmed lesions of a review snapshot painted into one label volume on the PET grid
 * (voxel value = SEG segment number, 0 = background; index = i + j·columns + k·columns·rows, IJK),
 * checked against the PET series the headers describe before anything is written.
 */
import type { LabelVolume, Vec3 } from '../../core/types';
import { ijkToLps } from '../../core/volume/ijkToLps';
import { DicomInputError, type ReferencedPetSeries } from '../../dicom';
import type { ConfirmedLesion } from '../../state/reportTypes';
import { forEachRegionVoxel, paintRegion } from '../../state/voxelRegion';

/**
 * How far (mm) a region's own centroid may lie from the centroid in its statistics. Both are the
 * mean of voxel centres on the same grid, so they agree to rounding unless the region and the
 * headers disagree about the grid (a reversed slice order moves the centroid by many slices).
 */
function centroidToleranceMm(pet: ReferencedPetSeries): number {
  return Math.max(...pet.geometry.spacing) / 2 + 0.5;
}

/** Mean voxel centre of a region, in IJK (fractional). */
function regionCentroidIjk(lesion: ConfirmedLesion, columns: number, rows: number): Vec3 {
  const sum: Vec3 = [0, 0, 0];
  let count = 0;
  forEachRegionVoxel(lesion.candidate.region, (index) => {
    sum[0] += index % columns;
    sum[1] += Math.floor(index / columns) % rows;
    sum[2] += Math.floor(index / (columns * rows));
    count += 1;
  });
  return [sum[0] / count, sum[1] / count, sum[2] / count];
}

/**
 * Paints every confirmed lesion's region with its segment number. Refuses, with a message naming
 * the lesion, a region on another grid, a region whose position contradicts its statistics (the
 * headers and the detection grid disagree), and two lesions sharing voxels (a label volume cannot
 * hold both, so one would silently lose voxels).
 */
export function lesionLabelVolume(pet: ReferencedPetSeries, lesions: readonly ConfirmedLesion[]): LabelVolume {
  const [columns, rows, slices] = pet.geometry.dimensions;
  const voxels = new Uint16Array(columns * rows * slices);
  const tolerance = centroidToleranceMm(pet);
  for (const lesion of lesions) {
    const { id, statistics, region } = lesion.candidate;
    if (region.dimensions.some((size, axis) => size !== pet.geometry.dimensions[axis])) {
      throw new DicomInputError(
        `Lesion ${id} lies on a ${region.dimensions.join('×')} grid but the PET series is ${pet.geometry.dimensions.join('×')} (columns × rows × slices); the report cannot place it.`,
      );
    }
    if (region.runs.length === 0) throw new DicomInputError(`Lesion ${id} has no voxels.`);
    const centroid = ijkToLps(pet.geometry, regionCentroidIjk(lesion, columns, rows));
    const distance = Math.hypot(...centroid.map((value, axis) => value - statistics.centroidLPS[axis]));
    if (!(distance <= tolerance)) {
      throw new DicomInputError(
        `Lesion ${id}'s voxels lie ${distance.toFixed(1)} mm from where its statistics place it: the PET headers and the detection grid disagree (slice order or position), so no report was written.`,
      );
    }
    let shared = 0;
    let sharedWith = 0;
    forEachRegionVoxel(region, (index) => {
      if (voxels[index] !== 0) {
        shared += 1;
        sharedWith = voxels[index];
      }
    });
    if (shared > 0) {
      const other = lesions.find((candidate) => candidate.segmentNumber === sharedWith)?.candidate.id ?? sharedWith;
      throw new DicomInputError(
        `Lesions ${other} and ${id} share ${shared} voxel(s); edit one so that they do not overlap, then create the report again.`,
      );
    }
    paintRegion(region, voxels, lesion.segmentNumber);
  }
  return { ...pet.geometry, dimensions: [...pet.geometry.dimensions], voxels };
}
