/**
 * Small synthetic PET series for the DICOM tests: naturalized instance headers (no pixel data
 * needed by the writers) built on a real scanner header from the ACRIN-FLT-Breast fixture, with
 * new UIDs and positions so that they form one series.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPart10, type NaturalizedDataset } from '../../../src/dicom/dataset';
import { newUid } from '../../../src/dicom/uid';

/** The repository's real fixtures, a sibling folder of the repository. */
export const FIXTURES = resolve(__dirname, '../../../../../test/fixtures/real');

export function fixtureBytes(relativePath: string): ArrayBuffer {
  const bytes = readFileSync(resolve(FIXTURES, relativePath));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export interface SyntheticSeriesOptions {
  columns: number;
  rows: number;
  slices: number;
  pixelSpacingMm?: [number, number];
  sliceSpacingMm?: number;
  /** Shuffle the instances so the helper's sorting is exercised. */
  shuffled?: boolean;
}

export function syntheticPetInstances(options: SyntheticSeriesOptions): NaturalizedDataset[] {
  const template = readPart10(fixtureBytes('acrin_flt_breast_slices/acrin_flt_breast_1.dcm'), 'PET');
  const { PixelData: _pixels, ...header } = template;
  const seriesInstanceUID = newUid();
  const frameOfReferenceUID = newUid();
  const spacing = options.pixelSpacingMm ?? [4, 4];
  const sliceSpacing = options.sliceSpacingMm ?? 3;
  const instances = Array.from({ length: options.slices }, (_, k) => ({
    ...header,
    SOPInstanceUID: newUid(),
    SeriesInstanceUID: seriesInstanceUID,
    FrameOfReferenceUID: frameOfReferenceUID,
    Rows: options.rows,
    Columns: options.columns,
    PixelSpacing: spacing,
    SliceThickness: sliceSpacing,
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    ImagePositionPatient: [-100, -120, -300 + k * sliceSpacing],
    InstanceNumber: k + 1,
  }));
  return options.shuffled ? [...instances].reverse() : instances;
}
