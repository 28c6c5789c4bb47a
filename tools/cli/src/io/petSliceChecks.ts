/**
 * Checks on one PET slice's header before its pixels are used: size, geometry, rescale and the
 * pixel data's length. Each refusal names the file and the value, for whoever fixes the export
 * (a radiologist or PACS administrator), instead of a guessed default or a crash further on.
 */
import type { Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import type { DicomFile } from './scanDicomFolder';
import { DicomInputError } from './DicomInputError';
import { pixelDataLength } from './pixelData';

/** Largest pixel or slice spacing believed (mm): PET voxels are a few mm; more is a header error. */
export const MAX_SPACING_MM = 50;
/** Tolerance on unit length, right angles and alignment with the patient's axes (~0.06°–2.6°). */
const ORIENTATION_TOLERANCE = 1e-3;

/** A header value as DICOM writes it (backslash between values), for messages. */
const shown = (value: unknown): string => (Array.isArray(value) ? value.map(String).join('\\') : String(value));
const absent = (value: unknown): boolean => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

export const cross = (a: number[], b: number[]): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export const dot = (a: number[], b: number[]): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** The first `length` numbers of a multi-valued header element. */
export function numbers(file: DicomFile, name: string, length: number): number[] {
  const value = file.dataset[name];
  // dcmjs gives null for text that is not a number: not 0.
  const list = (Array.isArray(value) ? value : [value]).map((v) => (v === null ? NaN : Number(v)));
  if (absent(value) || list.length < length || list.slice(0, length).some((v) => !Number.isFinite(v))) {
    throw new DicomInputError(`${file.path}: ${name} is missing or not numeric.`);
  }
  return list.slice(0, length);
}

function pixelCount(file: DicomFile, name: 'Rows' | 'Columns'): number {
  const value = file.dataset[name];
  if (absent(value)) throw new DicomInputError(`${file.path}: ${name} is missing, so the slice's size is unknown.`);
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new DicomInputError(`${file.path}: ${name} is ${shown(value)}, not a whole number of pixels.`);
  return count;
}

/** What one slice says about where its pixels lie. */
export interface SliceGeometry {
  rows: number;
  columns: number;
  /** Row direction then column direction (LPS). */
  orientation: number[];
  /** DICOM order: between rows, between columns (mm). */
  pixelSpacing: number[];
  normal: Vec3;
}

/**
 * Rows, Columns, PixelSpacing and ImageOrientationPatient of a slice, refused unless the size is
 * known, the spacing is above 0 and at most MAX_SPACING_MM, the two directions are unit vectors
 * at right angles, and the slice is axial: the detector works slice by slice on axial PET.
 */
export function sliceGeometry(file: DicomFile): SliceGeometry {
  const rows = pixelCount(file, 'Rows');
  const columns = pixelCount(file, 'Columns');
  const pixelSpacing = numbers(file, 'PixelSpacing', 2);
  if (pixelSpacing.some((v) => !(v > 0 && v <= MAX_SPACING_MM))) {
    throw new DicomInputError(`${file.path}: PixelSpacing ${shown(file.dataset.PixelSpacing)} mm is not plausible for a PET (each value must be above 0 and at most ${MAX_SPACING_MM} mm).`);
  }
  const orientation = numbers(file, 'ImageOrientationPatient', 6);
  const iop = shown(file.dataset.ImageOrientationPatient);
  const row = orientation.slice(0, 3);
  const column = orientation.slice(3, 6);
  const lengths = [Math.hypot(...row), Math.hypot(...column)];
  if (lengths.some((length) => Math.abs(length - 1) > ORIENTATION_TOLERANCE)) {
    throw new DicomInputError(`${file.path}: ImageOrientationPatient ${iop} is not two unit vectors (lengths ${lengths.map((l) => l.toFixed(3)).join(' and ')}); the header is damaged.`);
  }
  if (Math.abs(dot(row, column)) > ORIENTATION_TOLERANCE) {
    const degrees = (Math.acos(Math.max(-1, Math.min(1, dot(row, column)))) * 180) / Math.PI;
    throw new DicomInputError(`${file.path}: ImageOrientationPatient ${iop} has row and column directions that are not at right angles (${degrees.toFixed(1)}°); the header is damaged.`);
  }
  const normal = cross(row, column);
  if (Math.abs(normal[2]) < 1 - ORIENTATION_TOLERANCE) {
    const plane = Math.abs(normal[1]) >= 1 - ORIENTATION_TOLERANCE ? 'coronal' : Math.abs(normal[0]) >= 1 - ORIENTATION_TOLERANCE ? 'sagittal' : 'oblique';
    throw new DicomInputError(
      `${file.path}: the slices are not axial (${plane}): ImageOrientationPatient ${iop}. The detector works on axial PET only; use the axial reconstruction, or reformat the series to axial slices first.`,
    );
  }
  return { rows, columns, orientation, pixelSpacing, normal };
}

/**
 * RescaleSlope and RescaleIntercept of a slice. Absent values take the DICOM defaults (1 and 0);
 * a present slope must be finite and above 0 (PET activity is not negative) and the intercept
 * finite: anything else is a damaged header, not something to replace silently.
 */
export function rescaleOf(file: DicomFile): { slope: number; intercept: number } {
  const read = (name: string, fallback: number) => {
    const raw = file.dataset[name];
    const text = file.unparsedNumbers[name] ?? shown(raw);
    if (file.unparsedNumbers[name] === undefined && absent(raw)) return { value: fallback, text };
    return { value: file.unparsedNumbers[name] !== undefined ? Number(text) : Number(Array.isArray(raw) ? raw[0] : raw), text };
  };
  const slope = read('RescaleSlope', 1);
  const intercept = read('RescaleIntercept', 0);
  if (!Number.isFinite(slope.value) || slope.value <= 0) {
    throw new DicomInputError(
      `${file.path}: RescaleSlope is ${slope.text}; a PET slice needs a finite slope above 0 to turn its stored values into activity. Re-export the series from the scanner or PACS.`,
    );
  }
  if (!Number.isFinite(intercept.value)) {
    throw new DicomInputError(`${file.path}: RescaleIntercept is ${intercept.text}; it must be a finite number. Re-export the series from the scanner or PACS.`);
  }
  return { slope: slope.value, intercept: intercept.value };
}

/**
 * The stored pixel values of one uncompressed single-frame slice of `rows` × `columns`. The pixel
 * data must hold exactly Rows × Columns × SamplesPerPixel × BitsAllocated / 8 bytes (one padding
 * byte allowed): otherwise the header does not describe the pixels.
 */
export function storedPixels(file: DicomFile, rows: number, columns: number): ArrayLike<number> {
  const pixelData = file.dataset.PixelData;
  const buffer = Array.isArray(pixelData) ? pixelData[0] : pixelData;
  const length = pixelDataLength(pixelData);
  if (!(buffer instanceof ArrayBuffer) || length === null) throw new DicomInputError(`${file.path}: no pixel data.`);
  const bits = Number(file.dataset.BitsAllocated);
  if (bits !== 16 && bits !== 32) throw new DicomInputError(`${file.path}: ${shown(file.dataset.BitsAllocated)}-bit pixels are not supported (16 or 32 expected).`);
  const samples = absent(file.dataset.SamplesPerPixel) ? 1 : Number(file.dataset.SamplesPerPixel);
  if (samples !== 1) throw new DicomInputError(`${file.path}: ${shown(file.dataset.SamplesPerPixel)} samples per pixel; a PET slice has 1 (greyscale).`);
  const frames = absent(file.dataset.NumberOfFrames) ? 1 : Number(file.dataset.NumberOfFrames);
  if (frames !== 1) throw new DicomInputError(`${file.path}: ${shown(file.dataset.NumberOfFrames)} frames in one file; multi-frame PET is not supported (export one slice per file).`);
  const expected = rows * columns * samples * (bits / 8) * frames;
  if (length !== expected && length !== expected + 1) {
    throw new DicomInputError(
      `${file.path}: the pixel data holds ${length} bytes, but ${rows} rows × ${columns} columns × ${samples} sample(s) × ${bits} bits need ${expected}; the header does not describe the pixels.`,
    );
  }
  const count = rows * columns;
  const signed = Number(file.dataset.PixelRepresentation) === 1;
  if (bits === 16) return signed ? new Int16Array(buffer, 0, count) : new Uint16Array(buffer, 0, count);
  return signed ? new Int32Array(buffer, 0, count) : new Uint32Array(buffer, 0, count);
}
