import { writeFileSync } from 'node:fs';
import { data } from 'dcmjs';
import { newUid, readPart10, writePart10 } from 'ohif-extension-dotatate-liver/src/dicom';
import { analyticStudy } from 'ohif-extension-dotatate-liver/test/core/helpers/analyticVolumes';
import { fixtureBytes } from 'ohif-extension-dotatate-liver/test/dicom/helpers/syntheticPet';

/** What the SEG claims about the images it was drawn on. */
export interface LiverSegClaims {
  frameOfReferenceUID?: string;
  /** SeriesInstanceUID in ReferencedSeriesSequence (left out when absent). */
  referencedSeriesUID?: string;
}

/**
 * Writes a BINARY liver SEG on the grid of writePetSeries (48 × 40 × 24, 5 mm) holding its default
 * analytic liver, built on the header of the real dcmqi liver SEG fixture (segment 1, "Liver").
 */
export function writeLiverSeg(path: string, claims: LiverSegClaims): void {
  const { liver } = analyticStudy({ dimensions: [48, 40, 24], spacing: [5, 5, 5], lesions: [] });
  const [nx, ny, nz] = liver.dimensions;
  const frameSize = nx * ny;
  const slices = [...Array(nz).keys()].filter((k) => liver.voxels.subarray(k * frameSize, (k + 1) * frameSize).some((v) => v > 0));
  const bits = new Uint8Array(slices.length * frameSize);
  slices.forEach((k, f) => bits.set(liver.voxels.subarray(k * frameSize, (k + 1) * frameSize), f * frameSize));
  const packed = data.BitArray.pack(bits);
  const template = readPart10(fixtureBytes('dicom-validation/dcmqi-examples/segmentations_liver.dcm'), 'SEG');
  const dataset: Record<string, unknown> = {
    ...template,
    SOPInstanceUID: newUid(),
    SeriesInstanceUID: newUid(),
    Rows: ny,
    Columns: nx,
    NumberOfFrames: slices.length,
    SharedFunctionalGroupsSequence: [{ PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }], PixelMeasuresSequence: [{ PixelSpacing: [5, 5], SliceThickness: 5 }] }],
    PerFrameFunctionalGroupsSequence: slices.map((k) => ({
      FrameContentSequence: [{ DimensionIndexValues: [1, k + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: [liver.origin[0], liver.origin[1], liver.origin[2] + k * liver.spacing[2]] }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: 1 }],
    })),
    PixelData: [packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength)],
    _vrMap: { PixelData: 'OB' },
  };
  delete dataset.FrameOfReferenceUID;
  delete dataset.ReferencedSeriesSequence;
  if (claims.frameOfReferenceUID) dataset.FrameOfReferenceUID = claims.frameOfReferenceUID;
  if (claims.referencedSeriesUID) dataset.ReferencedSeriesSequence = [{ SeriesInstanceUID: claims.referencedSeriesUID, ReferencedInstanceSequence: [] }];
  writeFileSync(path, new Uint8Array(writePart10(dataset)));
}
