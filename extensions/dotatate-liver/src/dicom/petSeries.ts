/**
 * The PET series that a SEG or SR refers to: its UIDs, its instances in slice order (k) and its
 * voxel grid in the axis order of the core types (i = column, j = row, k = slice; LPS mm).
 */
import type { Direction3, Vec3, VolumeGeometry } from '../core/types';
import { DicomInputError, numbersOf, textOf, type NaturalizedDataset } from './dataset';

export interface PetInstanceReference {
  sopInstanceUID: string;
  /** LPS position (mm) of the centre of the first transmitted pixel of this slice. */
  imagePositionPatient: Vec3;
}

export interface ReferencedPetSeries {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
  sopClassUID: string;
  /** One per slice, index = k of the grid. */
  instances: PetInstanceReference[];
  geometry: VolumeGeometry;
  /** Nominal slice thickness (mm); the slice spacing when the headers do not give it. */
  sliceThicknessMm: number;
  /**
   * Patient and study module attributes copied into the SEG and SR unchanged (naturalized values,
   * keyed by DICOM keyword: PatientName, PatientID, StudyDate, AccessionNumber, ...).
   */
  patientStudy: NaturalizedDataset;
}

/** Patient / General Study attributes carried over from the source series. */
export const PATIENT_STUDY_KEYWORDS = [
  'PatientName',
  'PatientID',
  'IssuerOfPatientID',
  'PatientBirthDate',
  'PatientSex',
  'PatientAge',
  'PatientWeight',
  'PatientSize',
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'ReferringPhysicianName',
  'StudyID',
  'AccessionNumber',
  'StudyDescription',
] as const;

const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * Builds the series description from the naturalized datasets (header only; pixel data is not
 * needed) of every PET instance, in any order. Slices are sorted along the slice normal
 * (row × column direction), so k grows with that normal; the grid's k axis points the same way.
 */
export function petSeriesFromDatasets(datasets: NaturalizedDataset[]): ReferencedPetSeries {
  if (datasets.length === 0) throw new DicomInputError('The PET series has no instances.');
  const first = datasets[0];
  const seriesInstanceUID = textOf(first, 'SeriesInstanceUID');
  const required = ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPClassUID', 'FrameOfReferenceUID', 'Rows', 'Columns'];
  for (const keyword of required) {
    if (textOf(first, keyword) === undefined) {
      throw new DicomInputError(`The PET instances lack ${keyword}; a SEG or SR cannot refer to them.`);
    }
  }
  const orientation = numbersOf(first, 'ImageOrientationPatient');
  const pixelSpacing = numbersOf(first, 'PixelSpacing');
  if (!orientation || orientation.length !== 6 || !pixelSpacing || pixelSpacing.length !== 2) {
    throw new DicomInputError('The PET instances lack ImageOrientationPatient or PixelSpacing.');
  }
  const rowDirection: Vec3 = [orientation[0], orientation[1], orientation[2]];
  const columnDirection: Vec3 = [orientation[3], orientation[4], orientation[5]];
  const normal = cross(rowDirection, columnDirection);

  const slices = datasets.map((dataset, index) => {
    if (textOf(dataset, 'SeriesInstanceUID') !== seriesInstanceUID) {
      throw new DicomInputError(`PET instance ${index + 1} belongs to another series than the first one.`);
    }
    const position = numbersOf(dataset, 'ImagePositionPatient');
    const sopInstanceUID = textOf(dataset, 'SOPInstanceUID');
    if (!position || position.length !== 3 || !sopInstanceUID) {
      throw new DicomInputError(`PET instance ${index + 1} lacks ImagePositionPatient or SOPInstanceUID.`);
    }
    const imagePositionPatient: Vec3 = [position[0], position[1], position[2]];
    return { sopInstanceUID, imagePositionPatient, along: dot(imagePositionPatient, normal) };
  });
  slices.sort((a, b) => a.along - b.along);

  const sliceSpacing = slices.length > 1 ? (slices[slices.length - 1].along - slices[0].along) / (slices.length - 1) : 0;
  const thickness = Number(textOf(first, 'SliceThickness'));
  const sliceThicknessMm = Number.isFinite(thickness) && thickness > 0 ? thickness : sliceSpacing;
  const spacingK = sliceSpacing > 0 ? sliceSpacing : sliceThicknessMm;
  if (!(spacingK > 0)) throw new DicomInputError('The PET slice spacing cannot be determined (one slice and no SliceThickness).');

  const patientStudy: NaturalizedDataset = {};
  for (const keyword of PATIENT_STUDY_KEYWORDS) {
    if (first[keyword] !== undefined && first[keyword] !== null) patientStudy[keyword] = first[keyword];
  }
  const direction: Direction3 = [...rowDirection, ...columnDirection, ...normal];
  return {
    studyInstanceUID: textOf(first, 'StudyInstanceUID') as string,
    seriesInstanceUID: seriesInstanceUID as string,
    frameOfReferenceUID: textOf(first, 'FrameOfReferenceUID') as string,
    sopClassUID: textOf(first, 'SOPClassUID') as string,
    instances: slices.map(({ sopInstanceUID, imagePositionPatient }) => ({ sopInstanceUID, imagePositionPatient })),
    geometry: {
      dimensions: [Number(textOf(first, 'Columns')), Number(textOf(first, 'Rows')), slices.length],
      // PixelSpacing is (between rows, between columns): i steps by the column spacing.
      spacing: [pixelSpacing[1], pixelSpacing[0], spacingK],
      origin: slices[0].imagePositionPatient,
      direction,
    },
    sliceThicknessMm,
    patientStudy,
  };
}

/**
 * Throws when a volume is not on the series' grid (dimensions, or origin / direction / spacing
 * beyond `toleranceMm`), naming what differs: writing it would misplace every voxel.
 */
export function assertSameGrid(series: ReferencedPetSeries, volume: VolumeGeometry, what: string, toleranceMm = 0.01): void {
  const grid = series.geometry;
  if (series.instances.length !== grid.dimensions[2]) {
    throw new DicomInputError(`The PET series lists ${series.instances.length} instances but its grid has ${grid.dimensions[2]} slices.`);
  }
  if (volume.dimensions.some((d, axis) => d !== grid.dimensions[axis])) {
    throw new DicomInputError(
      `The ${what} has dimensions ${volume.dimensions.join('×')} but the PET grid is ${grid.dimensions.join('×')} (columns × rows × slices).`,
    );
  }
  const differs = (a: readonly number[], b: readonly number[], tolerance: number) => a.some((v, n) => Math.abs(v - b[n]) > tolerance);
  if (differs(volume.origin, grid.origin, toleranceMm) || differs(volume.spacing, grid.spacing, toleranceMm)) {
    throw new DicomInputError(`The ${what} is not on the PET grid: its origin or spacing differs from the PET series.`);
  }
  if (differs(volume.direction, grid.direction, 1e-4)) {
    throw new DicomInputError(`The ${what} is not on the PET grid: its axes point another way (is the slice order reversed?).`);
  }
}
