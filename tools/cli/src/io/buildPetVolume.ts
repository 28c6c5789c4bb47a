import type { Direction3, PetVolume, Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import { computeSuvbwFactors, instanceMetadataFromDataset } from 'ohif-extension-dotatate-liver/src/core/suv';
import type { SuvConversion } from 'ohif-extension-dotatate-liver/src/core/suv';
import type { DicomFile } from './scanDicomFolder';
import { DicomInputError } from './DicomInputError';
import { dot, MAX_SPACING_MM, numbers, rescaleOf, sliceGeometry, storedPixels } from './petSliceChecks';

/** Transfer syntaxes whose pixel data dcmjs hands over uncompressed. */
const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);

/** Largest deviation between slice gaps accepted as regular: 1 % of the gap, at least 0.01 mm. */
const SPACING_TOLERANCE = 0.01;

/** A PET volume with how its units came about. */
export interface PetVolumeReading {
  pet: PetVolume;
  suv: SuvConversion;
}

/**
 * Stacks the slices of one PET series into a volume in SUVbw (or relative units when the
 * headers do not allow SUV, with the reason). Slices are ordered along the normal of their
 * orientation; voxel (0,0,0) is the first slice's first pixel. Refuses, with a message naming
 * the files: a single slice, slices of different size, orientation or pixel spacing, duplicate,
 * irregular or implausibly far apart positions, compressed pixel data, and each slice that fails
 * the checks of petSliceChecks (size, geometry, non-axial, rescale, pixel data length).
 */
export function buildPetVolume(files: DicomFile[]): PetVolumeReading {
  if (files.length < 2) {
    throw new DicomInputError(`The PET series has a single slice (${files[0]?.path ?? 'none'}); detection needs a volume of at least two slices.`);
  }
  const first = files[0];
  const { rows, columns, orientation, pixelSpacing, normal } = sliceGeometry(first);
  const slices = files.map((file) => {
    const geometry = sliceGeometry(file);
    const position = numbers(file, 'ImagePositionPatient', 3);
    if (geometry.orientation.some((v, n) => Math.abs(v - orientation[n]) > 1e-4)) throw new DicomInputError(`${file.path}: its orientation differs from ${first.path}; the series is not one volume.`);
    if (geometry.rows !== rows || geometry.columns !== columns) throw new DicomInputError(`${file.path}: ${geometry.rows}×${geometry.columns} pixels, but ${first.path} has ${rows}×${columns}.`);
    if (geometry.pixelSpacing.some((v, n) => Math.abs(v - pixelSpacing[n]) > 1e-4)) throw new DicomInputError(`${file.path}: pixel spacing differs from ${first.path}.`);
    if (!UNCOMPRESSED.has(file.transferSyntaxUID)) throw new DicomInputError(`${file.path}: compressed pixel data (transfer syntax ${file.transferSyntaxUID}) is not supported; decompress it first (e.g. dcmdjpeg / gdcmconv --raw).`);
    return { file, position, along: dot(position, normal), rescale: rescaleOf(file) };
  });
  slices.sort((a, b) => a.along - b.along);
  const gaps = slices.slice(1).map((slice, n) => slice.along - slices[n].along);
  const duplicate = gaps.findIndex((gap) => gap < 1e-3);
  if (duplicate >= 0) throw new DicomInputError(`${slices[duplicate].file.path} and ${slices[duplicate + 1].file.path} lie at the same position: the folder mixes acquisitions or holds a copy.`);
  const gap = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  if (gap > MAX_SPACING_MM) {
    throw new DicomInputError(
      `${slices[0].file.path} and ${slices[1].file.path}: slices ${gap.toFixed(2)} mm apart are not plausible for a PET (at most ${MAX_SPACING_MM} mm); check ImagePositionPatient.`,
    );
  }
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
    const stored = storedPixels(slice.file, rows, columns);
    const { slope, intercept } = slice.rescale;
    const factor = suv.units === 'SUVbw' ? suv.factors[k] : 1;
    for (let p = 0; p < sliceSize; p++) voxels[k * sliceSize + p] = (stored[p] * slope + intercept) * factor;
  });
  const direction = [...orientation, ...normal] as Direction3;
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
