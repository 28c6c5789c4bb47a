import type { Study } from '../study';
import { dicomTime, MANUFACTURER, patientStudyModules, round6, SOFTWARE_VERSION } from './common';
import { NaturalDataset, PET_IMAGE_STORAGE, SEGMENTATION_STORAGE } from './dcmjs';
import type { StudyUids } from './uids';

const SCT = 'SCT';
const TISSUE_CATEGORY = { CodeValue: '85756007', CodingSchemeDesignator: SCT, CodeMeaning: 'Tissue' };
const ORGAN_TYPE_LIVER = { CodeValue: '10200004', CodingSchemeDesignator: SCT, CodeMeaning: 'Liver' };
const ABNORMAL_CATEGORY = { CodeValue: '49755003', CodingSchemeDesignator: SCT, CodeMeaning: 'Morphologically Abnormal Structure' };
const METASTASIS_TYPE = { CodeValue: '14799000', CodingSchemeDesignator: SCT, CodeMeaning: 'Neoplasm, metastatic' };

interface SegmentPlan {
  number: number;
  label: string;
  /** Value in the source label map that belongs to this segment. */
  matches: (voxel: number) => boolean;
  source: 'liver' | 'lesions';
  description: NaturalDataset;
}

/**
 * The study's truth as a DICOM Segmentation (BINARY, on the PET grid, referencing the PET
 * slices): segment 1 is the liver (SCT 10200004), segments 2.. are the true lesions (category SCT
 * 49755003, type SCT 14799000 "Neoplasm, metastatic", site liver), in lesion id order. Only
 * slices that contain a segment get a frame for it.
 * Not the extension's createLesionSeg: that writes lesion segments from one label volume (the
 * liver overlaps them), with new random UIDs and the current time, where the truth needs a liver
 * segment and the same bytes for the same seed.
 */
export function truthSegmentation(study: Study, uids: StudyUids): NaturalDataset {
  const grid = study.petGrid;
  const [columns, rows, slices] = grid.dimensions;
  const sliceSize = columns * rows;
  const algorithm = {
    SegmentAlgorithmType: 'AUTOMATIC',
    SegmentAlgorithmName: 'dotatate-liver phantom truth',
  };
  const segments: SegmentPlan[] = [
    {
      number: 1,
      label: 'Liver',
      source: 'liver',
      matches: (voxel) => voxel !== 0,
      description: {
        SegmentNumber: 1,
        SegmentLabel: 'Liver',
        SegmentedPropertyCategoryCodeSequence: [TISSUE_CATEGORY],
        SegmentedPropertyTypeCodeSequence: [ORGAN_TYPE_LIVER],
        ...algorithm,
        RecommendedDisplayCIELabValue: [37464, 38034, 44004],
      },
    },
    ...study.lesions.map((lesion, n): SegmentPlan => ({
      number: n + 2,
      label: `Lesion ${lesion.id}`,
      source: 'lesions',
      matches: (voxel) => voxel === lesion.id,
      description: {
        SegmentNumber: n + 2,
        SegmentLabel: `Lesion ${lesion.id}`,
        SegmentedPropertyCategoryCodeSequence: [ABNORMAL_CATEGORY],
        SegmentedPropertyTypeCodeSequence: [METASTASIS_TYPE],
        AnatomicRegionSequence: [ORGAN_TYPE_LIVER],
        ...algorithm,
        RecommendedDisplayCIELabValue: [54848, 51981, 45834],
      },
    })),
  ];

  const frames: Array<{ segment: number; slice: number; bits: Uint8Array }> = [];
  for (const segment of segments) {
    const source = segment.source === 'liver' ? study.liverMask : study.lesionLabels;
    for (let slice = 0; slice < slices; slice++) {
      let any = false;
      const bits = new Uint8Array(sliceSize);
      for (let n = 0; n < sliceSize; n++) {
        if (segment.matches(source[slice * sliceSize + n])) {
          bits[n] = 1;
          any = true;
        }
      }
      if (any) frames.push({ segment: segment.number, slice, bits });
    }
  }
  const pixelData = packBits(frames.map((frame) => frame.bits), sliceSize);

  const { acquisition } = study;
  const time = dicomTime(acquisition.seriesStartSeconds + 3600);
  const position = (slice: number): number[] => [grid.origin[0], grid.origin[1], round6(grid.origin[2] + slice * grid.spacing[2])];
  return {
    ...patientStudyModules(study, uids),
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: uids.seg,
    InstanceCreationDate: acquisition.studyDate,
    InstanceCreationTime: time,
    Modality: 'SEG',
    SeriesInstanceUID: uids.segSeries,
    SeriesNumber: 100,
    SeriesDescription: 'Truth: liver and lesions (phantom)',
    SeriesDate: acquisition.studyDate,
    SeriesTime: time,
    ContentDate: acquisition.studyDate,
    ContentTime: time,
    InstanceNumber: 1,
    ContentLabel: 'TRUTH',
    ContentDescription: 'Phantom ground truth: liver mask and true lesions',
    ContentCreatorName: [{ Alphabetic: 'Phantom^Generator' }],
    ImageType: ['DERIVED', 'PRIMARY'],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    Manufacturer: MANUFACTURER,
    ManufacturerModelName: 'dotatate-liver phantom',
    SoftwareVersions: SOFTWARE_VERSION,
    DeviceSerialNumber: 'PHANTOM-1',
    SegmentSequence: segments.map((segment) => segment.description),
    NumberOfFrames: frames.length,
    DimensionOrganizationType: '3D',
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: `${uids.seg}.1` }],
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: `${uids.seg}.1`,
        DimensionIndexPointer: 0x0062000b,
        FunctionalGroupPointer: 0x0062000a,
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: `${uids.seg}.1`,
        DimensionIndexPointer: 0x00200032,
        FunctionalGroupPointer: 0x00209113,
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }],
        PixelMeasuresSequence: [
          { PixelSpacing: [grid.spacing[1], grid.spacing[0]], SliceThickness: study.parameters.sliceThicknessMm, SpacingBetweenSlices: grid.spacing[2] },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((frame) => ({
      DerivationImageSequence: [
        {
          SourceImageSequence: [
            {
              ReferencedSOPClassUID: PET_IMAGE_STORAGE,
              ReferencedSOPInstanceUID: uids.petInstance(frame.slice),
              PurposeOfReferenceCodeSequence: [{ CodeValue: '121322', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Source image for image processing operation' }],
            },
          ],
          DerivationCodeSequence: [{ CodeValue: '113076', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Segmentation' }],
        },
      ],
      FrameContentSequence: [{ DimensionIndexValues: [frame.segment, frame.slice + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: position(frame.slice) }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: frame.segment }],
    })),
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: uids.petSeries,
        ReferencedInstanceSequence: Array.from({ length: slices }, (_, slice) => ({
          ReferencedSOPClassUID: PET_IMAGE_STORAGE,
          ReferencedSOPInstanceUID: uids.petInstance(slice),
        })),
      },
    ],
    PixelData: [pixelData.buffer],
    _vrMap: { PixelData: 'OB' },
  };
}

/** Packs 0/1 frames into one bit stream, least significant bit first (DICOM 1-bit pixels). */
function packBits(frames: Uint8Array[], frameSize: number): Uint8Array {
  const totalBits = frames.length * frameSize;
  const packed = new Uint8Array(Math.ceil(totalBits / 8) + (Math.ceil(totalBits / 8) % 2));
  let bit = 0;
  for (const frame of frames) {
    for (let n = 0; n < frameSize; n++, bit++) {
      if (frame[n]) packed[bit >> 3] |= 1 << (bit & 7);
    }
  }
  return packed;
}
