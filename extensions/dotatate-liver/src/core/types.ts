/**
 * Shared types of the pure core. Every voxel array is stored x (column) fastest, then y (row),
 * then z (slice): index = i + j * columns + k * columns * rows. A point is either a voxel index
 * (IJK, unitless) or a patient position (LPS, millimetres); names say which.
 */

export type Vec3 = [number, number, number];

/** Row-major 3x3 direction cosines: rows are the LPS directions of increasing i, j and k. */
export type Direction3 = [number, number, number, number, number, number, number, number, number];

export interface VolumeGeometry {
  /** Columns (i), rows (j), slices (k). */
  dimensions: Vec3;
  /** Voxel size in mm along i, j, k. */
  spacing: Vec3;
  /** LPS position (mm) of the centre of voxel (0, 0, 0). */
  origin: Vec3;
  direction: Direction3;
}

/** What the voxel values of a PET volume mean. */
export type PetUnits = 'SUVbw' | 'relative';

export interface ScalarVolume extends VolumeGeometry {
  voxels: Float32Array;
}

export interface PetVolume extends ScalarVolume {
  units: PetUnits;
  seriesInstanceUID: string;
}

/** A binary (0/1) or label mask on the same grid as the volume it belongs to. */
export interface MaskVolume extends VolumeGeometry {
  voxels: Uint8Array;
}

export interface LabelVolume extends VolumeGeometry {
  /** 0 is background; 1..n are objects. */
  voxels: Uint16Array;
}

/** Where the liver mask came from: a SEG, found automatically, grown from a seed, or edited by the reader with the brush. */
export type LiverMaskSource = 'seg' | 'automatic' | 'seed' | 'edited';

/** A PERCIST reference sphere in normal liver. */
export interface ReferenceSphere {
  centreLPS: Vec3;
  radiusMm: number;
  mean: number;
  sd: number;
  voxelCount: number;
}

/** The modified PERCIST liver reference: threshold = 1.5 × mean + 2 × SD. */
export interface LiverReference {
  spheres: ReferenceSphere[];
  mean: number;
  sd: number;
  threshold: number;
}

/** Statistics of one 3D lesion candidate. SUV values are in the volume's units. */
export interface LesionStatistics {
  id: number;
  centroidLPS: Vec3;
  voxels: number;
  volumeMl: number;
  suvMax: number;
  suvMean: number;
  /** PERCIST SUVpeak: highest mean of a 1 cm³ sphere within the lesion's neighbourhood. */
  suvPeak: number;
  /** Total lesion activity: suvMean × volumeMl. */
  totalLesionActivity: number;
  longestAxialDiameterMm: number;
  /** First and last slice index (k), inclusive. */
  sliceRange: [number, number];
  /** Detector score in [0, 1]. */
  score: number;
}

/** Any voxel array the core stores on a grid. */
export type VoxelArray = Float32Array | Uint8Array | Uint16Array | Int32Array;

/** A voxel array together with the grid it lives on. */
export interface GridVolume<T extends VoxelArray> extends VolumeGeometry {
  voxels: T;
}

/** Inclusive voxel-index (IJK) box: `min` and `max` are both inside the box. */
export interface IjkBox {
  min: Vec3;
  max: Vec3;
}

/** Reports how far a long step has come: `fraction` in [0, 1] of the named stage. */
export type ProgressCallback = (stage: string, fraction: number) => void;

/** Asked between steps; returning true stops the pipeline with a CancelledError. */
export type CancellationCheck = () => boolean;
