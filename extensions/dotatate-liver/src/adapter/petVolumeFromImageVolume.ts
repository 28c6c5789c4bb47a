/**
 * Turns a cornerstone image volume (the PET display set's volume, as OHIF loads it) into the core's
 * PetVolume. Structural types only, so tests pass plain objects and no cornerstone is imported here.
 */
import type { Direction3, PetUnits, PetVolume, Vec3 } from '../core/types';

/** The part of a cornerstone ImageVolume (cornerstone3D 5.x) read here. */
export interface ImageVolumeLike {
  volumeId: string;
  /** Columns, rows, slices. */
  dimensions: ArrayLike<number>;
  /** mm along i, j, k. */
  spacing: ArrayLike<number>;
  /** LPS (mm) of the centre of voxel (0, 0, 0). */
  origin: ArrayLike<number>;
  /** Nine numbers: the LPS directions of increasing i, then j, then k (cornerstone's row / column / normal). */
  direction: ArrayLike<number>;
  imageIds?: readonly string[];
  /** Present (with PT factors) when cornerstone pre-scaled the PT images to SUVbw. */
  scaling?: { PT?: Record<string, number | undefined> };
  isPreScaled?: boolean;
  loadStatus?: { loaded?: boolean; loading?: boolean };
  /** Streaming volumes count the frames loaded at full resolution. */
  framesLoaded?: number;
  voxelManager?: {
    getCompleteScalarDataArray?: () => ArrayLike<number>;
    getScalarDataLength?: () => number;
  };
  getCornerstoneImages?: () => Array<{ preScale?: { scaled?: boolean; scalingParameters?: { suvbw?: number } } } | undefined>;
}

export interface VolumeLoadState {
  loaded: boolean;
  /** Frames loaded so far, in [0, 1]. */
  fraction: number;
}

/** Whether the volume's frames are all in memory (detection needs every slice). */
export function volumeLoadState(volume: ImageVolumeLike): VolumeLoadState {
  const frames = volume.imageIds?.length ?? volume.dimensions[2] ?? 0;
  if (volume.loadStatus?.loaded === true) return { loaded: true, fraction: 1 };
  const done = typeof volume.framesLoaded === 'number' ? volume.framesLoaded : 0;
  const fraction = frames > 0 ? Math.min(1, done / frames) : 0;
  return { loaded: frames > 0 && done >= frames, fraction };
}

/**
 * The units of the volume's values: SUVbw when cornerstone pre-scaled the PT images with a
 * body-weight factor (volume `scaling.PT`, or the images' `preScale.scalingParameters.suvbw`),
 * otherwise relative (scanner units; the PERCIST threshold is relative, so detection still works).
 */
export function petUnitsOfVolume(volume: ImageVolumeLike): PetUnits {
  if (volume.scaling?.PT) return 'SUVbw';
  const first = volume.getCornerstoneImages?.()?.find((image) => image !== undefined);
  const suvbw = first?.preScale?.scalingParameters?.suvbw;
  return first?.preScale?.scaled && typeof suvbw === 'number' && suvbw > 0 ? 'SUVbw' : 'relative';
}

function vec3(values: ArrayLike<number>, what: string): Vec3 {
  const result: Vec3 = [Number(values[0]), Number(values[1]), Number(values[2])];
  if (!result.every(Number.isFinite)) throw new Error(`The PET volume's ${what} is not three finite numbers.`);
  return result;
}

/**
 * Copies the volume's voxels (x fastest, then y, then slice: the core's layout and cornerstone's)
 * into a new Float32Array with the volume's geometry. Throws a reader-facing Error when the volume
 * is not fully loaded or its data cannot be read. The copy is the caller's to transfer to a worker.
 */
export function petVolumeFromImageVolume(volume: ImageVolumeLike, seriesInstanceUID: string): PetVolume {
  const load = volumeLoadState(volume);
  if (!load.loaded) {
    throw new Error(`The PET volume is still loading (${Math.round(load.fraction * 100)} %); detection starts once every slice is in.`);
  }
  const dimensions = vec3(volume.dimensions, 'size');
  const spacing = vec3(volume.spacing, 'voxel spacing');
  const origin = vec3(volume.origin, 'origin');
  if (volume.direction.length !== 9) throw new Error("The PET volume's orientation is not a 3×3 matrix.");
  const direction = Array.from(volume.direction, Number) as Direction3;
  const expected = dimensions[0] * dimensions[1] * dimensions[2];
  const source = volume.voxelManager?.getCompleteScalarDataArray?.();
  if (!source) throw new Error('The PET volume exposes no voxel data (cornerstone voxel manager missing).');
  if (source.length !== expected) {
    throw new Error(`The PET volume holds ${source.length} values for a ${dimensions.join(' × ')} grid (${expected}).`);
  }
  const voxels = new Float32Array(expected);
  // Float32Array.set converts any numeric typed array; a plain array-like is copied the same way.
  voxels.set(source as ArrayLike<number>);
  return { dimensions, spacing, origin, direction, voxels, units: petUnitsOfVolume(volume), seriesInstanceUID };
}
