import type { Direction3, PetVolume, Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import { computeSuvbwFactors, instanceMetadataFromDataset } from 'ohif-extension-dotatate-liver/src/core/suv';
import type { SuvConversion } from 'ohif-extension-dotatate-liver/src/core/suv';
import type { DicomFile } from './scanDicomFolder';
import { DicomInputError } from './DicomInputError';

/** Transfer syntaxes whose pixel data dcmjs hands over uncompressed. */
const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);

/** Largest deviation between slice gaps accepted as regular: 1 % of the gap, at least 0.01 mm. */
const SPACING_TOLERANCE = 0.01;

function numbers(value: unknown, name: string, path: string, length: number): number[] {
  const list = (Array.isArray(value) ? value : [value]).map(Number);
  if (list.length < length || list.slice(0, length).some((v) => !Number.isFinite(v))) {
    throw new DicomInputError(`${path}: ${name} is missing or not numeric.`);
  }
  return list.slice(0, length);
}

const cross = (a: number[], b: number[]): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** A PET volume with how its units came about. */
export interface PetVolumeReading {
  pet: PetVolume;
  suv: SuvConversion;
}

/**
 * Stacks the slices of one PET series into a volume in SUVbw (or relative units when the
 * headers do not allow SUV, with the reason). Slices are ordered along the normal of their
 * orientation; voxel (0,0,0) is the first slice's first pixel. Refuses, with a message naming
 * the files: a single slice, slices of different size, orientation or pixel spacing, duplicate
 * or irregularly spaced positions, compressed pixel data, and missing geometry tags.
 */
export function buildPetVolume(files: DicomFile[]): PetVolumeReading {
  if (files.length < 2) {
    throw new DicomInputError(`The PET series has a single slice (${files[0]?.path ?? 'none'}); detection needs a volume of at least two slices.`);
  }
  const first = files[0];
  const orientation = numbers(first.dataset.ImageOrientationPatient, 'ImageOrientationPatient', first.path, 6);
  const rowDirection = orientation.slice(0, 3);
  const columnDirection = orientation.slice(3, 6);
  const normal = cross(rowDirection, columnDirection);
  const rows = Number(first.dataset.Rows);
  const columns = Number(first.dataset.Columns);
  const pixelSpacing = numbers(first.dataset.PixelSpacing, 'PixelSpacing', first.path, 2);
  const slices = files.map((file) => {
    const position = numbers(file.dataset.ImagePositionPatient, 'ImagePositionPatient', file.path, 3);
    const o = numbers(file.dataset.ImageOrientationPatient, 'ImageOrientationPatient', file.path, 6);
    if (o.some((v, n) => Math.abs(v - orientation[n]) > 1e-4)) throw new DicomInputError(`${file.path}: its orientation differs from ${first.path}; the series is not one volume.`);
    if (Number(file.dataset.Rows) !== rows || Number(file.dataset.Columns) !== columns) throw new DicomInputError(`${file.path}: ${file.dataset.Rows}×${file.dataset.Columns} pixels, but ${first.path} has ${rows}×${columns}.`);
    const spacing = numbers(file.dataset.PixelSpacing, 'PixelSpacing', file.path, 2);
    if (spacing.some((v, n) => Math.abs(v - pixelSpacing[n]) > 1e-4)) throw new DicomInputError(`${file.path}: pixel spacing differs from ${first.path}.`);
    if (!UNCOMPRESSED.has(file.transferSyntaxUID)) throw new DicomInputError(`${file.path}: compressed pixel data (transfer syntax ${file.transferSyntaxUID}) is not supported; decompress it first (e.g. dcmdjpeg / gdcmconv --raw).`);
    return { file, position, along: dot(position, normal) };
  });
  slices.sort((a, b) => a.along - b.along);
  const gaps = slices.slice(1).map((slice, n) => slice.along - slices[n].along);
  const duplicate = gaps.findIndex((gap) => gap < 1e-3);
  if (duplicate >= 0) throw new DicomInputError(`${slices[duplicate].file.path} and ${slices[duplicate + 1].file.path} lie at the same position: the folder mixes acquisitions or holds a copy.`);
  const gap = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  const irregular = gaps.findIndex((g) => Math.abs(g - gap) > Math.max(SPACING_TOLERANCE * gap, 0.01));
  if (irregular >= 0) {
    throw new DicomInputError(
      `Irregular slice spacing: ${gaps[irregular].toFixed(2)} mm between ${slices[irregular].file.path} and ${slices[irregular + 1].file.path}, but ${gap.toFixed(2)} mm elsewhere (a missing slice or mixed series?). Resample the series to even spacing first.`,
    );
  }

  const suv = computeSuvbwFactors(slices.map((slice) => instanceMetadataFromDataset(slice.file.dataset)));
  const sliceSize = rows * columns;
  const voxels = new Float32Array(sliceSize * slices.length);
  slices.forEach((slice, k) => {
    const stored = storedPixels(slice.file, sliceSize);
    const slope = Number(slice.file.dataset.RescaleSlope ?? 1) || 1;
    const intercept = Number(slice.file.dataset.RescaleIntercept ?? 0) || 0;
    const factor = suv.units === 'SUVbw' ? suv.factors[k] : 1;
    for (let p = 0; p < sliceSize; p++) voxels[k * sliceSize + p] = (stored[p] * slope + intercept) * factor;
  });
  const direction = [...rowDirection, ...columnDirection, ...normal] as Direction3;
  return {
    pet: {
      dimensions: [columns, rows, slices.length],
      // PixelSpacing is (between rows, between columns): i steps along a row by the column spacing.
      spacing: [pixelSpacing[1], pixelSpacing[0], gap],
      origin: slices[0].position as Vec3,
      direction,
      voxels,
      units: suv.units,
      seriesInstanceUID: String(first.dataset.SeriesInstanceUID ?? ''),
    },
    suv,
  };
}

/** The stored pixel values of one uncompressed single-frame slice. */
function storedPixels(file: DicomFile, count: number): ArrayLike<number> {
  const pixelData = file.dataset.PixelData;
  const buffer = Array.isArray(pixelData) ? pixelData[0] : pixelData;
  if (!(buffer instanceof ArrayBuffer)) throw new DicomInputError(`${file.path}: no pixel data.`);
  const bits = Number(file.dataset.BitsAllocated);
  const signed = Number(file.dataset.PixelRepresentation) === 1;
  if ((bits === 16 || bits === 32) && buffer.byteLength < count * (bits / 8)) throw new DicomInputError(`${file.path}: pixel data is shorter than ${count} pixels (truncated file?).`);
  const view =
    bits === 16 ? (signed ? new Int16Array(buffer, 0, count) : new Uint16Array(buffer, 0, count))
    : bits === 32 ? (signed ? new Int32Array(buffer, 0, count) : new Uint32Array(buffer, 0, count))
    : null;
  if (!view) throw new DicomInputError(`${file.path}: ${bits}-bit pixels are not supported (16 or 32 expected).`);
  return view;
}
