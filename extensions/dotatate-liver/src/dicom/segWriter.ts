/**
 * DICOM Segmentation (SEG) of the reader's confirmed liver lesions: one BINARY segment per lesion
 * on the PET grid, holding only the frames (PET slices) in which the segment has voxels.
 *
 * Why not dcmjs's `derivations.Segmentation` or @cornerstonejs/adapters: both derive the SEG from
 * the source series converted to an enhanced multiframe (dcmjs `normalizers`), which needs the
 * PixelData of every PET slice (the panel and the CLI hold only the headers and the volume) and
 * copies the source's attributes wholesale; dcmjs's `datasetToBuffer` also needs Node's Buffer.
 * So the dataset is built here as a dcmjs naturalized dataset and encoded by dcmjs
 * (`denaturalizeDataset` + `DicomDict.write`), with dcmjs's own bit packing.
 */
import { data as dcmjsData } from 'dcmjs';
import type { LabelVolume } from '../core/types';
import { CODES, SOP_CLASS, type Code } from './codes';
import { codeItem, decimalString, dicomDateTime, DicomInputError, writePart10, type NaturalizedDataset } from './dataset';
import { assertSameGrid, type ReferencedPetSeries } from './petSeries';
import { newUid } from './uid';

/** How a confirmed lesion came to be; sets the segment's SegmentAlgorithmType. */
export type LesionOrigin = 'automatic' | 'edited' | 'manual';

export interface LesionSegmentInput {
  /** Voxel value of this lesion in the label volume. */
  labelValue: number;
  /** The lesion's id in the review (LesionStatistics.id). */
  lesionId: number;
  /** SegmentLabel, e.g. "Lesion 3". */
  label: string;
  origin: LesionOrigin;
  /** Tracking UID shared with the SR's measurement group; a new one is made when absent. */
  trackingUid?: string;
}

export interface AlgorithmIdentity {
  name: string;
  version: string;
  /** Algorithm family (CID 7162); default (123110, DCM, "Artificial Intelligence"). */
  family?: Code;
}

export interface CreateLesionSegInput {
  pet: ReferencedPetSeries;
  /** One label per lesion, 0 = background, on the PET grid (index = i + j·columns + k·columns·rows). */
  labels: LabelVolume;
  segments: LesionSegmentInput[];
  algorithm: AlgorithmIdentity;
  manufacturer?: string;
  /** Software version of the writing application (SoftwareVersions). */
  softwareVersion?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  /** Creation moment (defaults to now). */
  createdAt?: Date;
}

export interface WrittenSegment {
  segmentNumber: number;
  lesionId: number;
  label: string;
  origin: LesionOrigin;
  trackingId: string;
  trackingUid: string;
  /** Slices (k) that hold a frame of this segment, ascending. */
  slices: number[];
}

export interface LesionSegResult {
  arrayBuffer: ArrayBuffer;
  dataset: NaturalizedDataset;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  segments: WrittenSegment[];
}

const ALGORITHM_TYPE: Record<LesionOrigin, string> = {
  automatic: 'AUTOMATIC',
  edited: 'SEMIAUTOMATIC',
  manual: 'MANUAL',
};

/** Distinct display colours (RGB) cycled over the segments. */
const PALETTE: [number, number, number][] = [
  [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48], [145, 30, 180], [70, 240, 240], [240, 50, 230],
];

export const SEGMENT_TRACKING_PREFIX = 'Lesion ';

/** Builds the SEG; throws {@link DicomInputError} with a reader-facing message on bad input. */
export function createLesionSeg(input: CreateLesionSegInput): LesionSegResult {
  const { pet, labels, segments, algorithm } = input;
  if (segments.length === 0) {
    throw new DicomInputError(
      'No confirmed lesions: a DICOM SEG needs at least one segment, so none was written. The measurement report can still record that no lesions were confirmed.',
    );
  }
  assertSameGrid(pet, labels, 'lesion label volume');
  const [columns, rows, slices] = labels.dimensions;
  const frameSize = columns * rows;
  if (labels.voxels.length !== frameSize * slices) {
    throw new DicomInputError(`The lesion label volume holds ${labels.voxels.length} voxels, not ${frameSize * slices}.`);
  }
  const labelValues = new Set<number>();
  for (const segment of segments) {
    if (!Number.isInteger(segment.labelValue) || segment.labelValue <= 0) {
      throw new DicomInputError(`Lesion ${segment.lesionId} has label value ${segment.labelValue}; label values must be positive integers.`);
    }
    if (labelValues.has(segment.labelValue)) throw new DicomInputError(`Label value ${segment.labelValue} is given to two lesions.`);
    labelValues.add(segment.labelValue);
  }

  // Which slices each label occupies; any labelled voxel not listed would be lost, so refuse it.
  const slicesByLabel = new Map<number, Set<number>>();
  const unlisted = new Set<number>();
  for (let k = 0; k < slices; k += 1) {
    const frame = labels.voxels.subarray(k * frameSize, (k + 1) * frameSize);
    for (let n = 0; n < frameSize; n += 1) {
      const value = frame[n];
      if (value === 0) continue;
      if (!labelValues.has(value)) unlisted.add(value);
      else {
        let occupied = slicesByLabel.get(value);
        if (!occupied) slicesByLabel.set(value, (occupied = new Set()));
        occupied.add(k);
      }
    }
  }
  if (unlisted.size > 0) {
    throw new DicomInputError(`The label volume holds label(s) ${[...unlisted].sort((a, b) => a - b).join(', ')} that no confirmed lesion names; they would be lost.`);
  }
  const empty = segments.filter((s) => !slicesByLabel.has(s.labelValue));
  if (empty.length > 0) {
    throw new DicomInputError(`Lesion(s) ${empty.map((s) => `"${s.label}"`).join(', ')} have no voxels in the label volume.`);
  }

  const written: WrittenSegment[] = segments.map((segment, index) => ({
    segmentNumber: index + 1,
    lesionId: segment.lesionId,
    label: segment.label,
    origin: segment.origin,
    trackingId: `${SEGMENT_TRACKING_PREFIX}${segment.lesionId}`,
    trackingUid: segment.trackingUid ?? newUid(),
    slices: [...(slicesByLabel.get(segment.labelValue) as Set<number>)].sort((a, b) => a - b),
  }));

  // Frames: segment by segment, slices ascending; one unpacked byte per pixel, then bit packed.
  const frameCount = written.reduce((sum, s) => sum + s.slices.length, 0);
  const unpacked = new Uint8Array(frameCount * frameSize);
  const perFrame: NaturalizedDataset[] = [];
  let frameIndex = 0;
  segments.forEach((segment, index) => {
    const { segmentNumber, slices: occupied } = written[index];
    for (const k of occupied) {
      const source = labels.voxels.subarray(k * frameSize, (k + 1) * frameSize);
      const target = unpacked.subarray(frameIndex * frameSize, (frameIndex + 1) * frameSize);
      for (let n = 0; n < frameSize; n += 1) if (source[n] === segment.labelValue) target[n] = 1;
      perFrame.push(perFrameGroups(pet, k, segmentNumber));
      frameIndex += 1;
    }
  });
  // DICOM packs BINARY frames back to back without per-frame padding, so packing the whole
  // buffer at once is right for odd frame sizes too; the value is padded to an even length.
  const packed = dcmjsData.BitArray.pack(unpacked);
  const pixelData = new Uint8Array(packed.length + (packed.length % 2));
  pixelData.set(packed);

  const createdAt = input.createdAt ?? new Date();
  const { date, time } = dicomDateTime(createdAt);
  const sopInstanceUID = newUid();
  const seriesInstanceUID = newUid();
  const dimensionOrganizationUID = newUid();
  const manufacturer = input.manufacturer ?? algorithm.name;
  const softwareVersion = input.softwareVersion ?? algorithm.version;

  const dataset: NaturalizedDataset = {
    _vrMap: { PixelData: 'OB' },
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SOP_CLASS.segmentation,
    SOPInstanceUID: sopInstanceUID,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    ...defaultPatientStudy(pet),
    Modality: 'SEG',
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: input.seriesNumber ?? 901,
    SeriesDescription: input.seriesDescription ?? 'Liver lesions (confirmed)',
    SeriesDate: date,
    SeriesTime: time,
    FrameOfReferenceUID: pet.frameOfReferenceUID,
    PositionReferenceIndicator: '',
    Manufacturer: manufacturer,
    ManufacturerModelName: algorithm.name,
    DeviceSerialNumber: '1',
    SoftwareVersions: softwareVersion,
    InstanceNumber: 1,
    ContentDate: date,
    ContentTime: time,
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentLabel: 'LIVER_LESIONS',
    ContentDescription: 'Hepatic lesions confirmed by the reader',
    ContentCreatorName: '',
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
    SegmentSequence: written.map((segment) => segmentItem(segment, algorithm)),
    NumberOfFrames: frameCount,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUID }],
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionOrganizationUID,
        DimensionIndexPointer: 0x0062000b, // ReferencedSegmentNumber
        FunctionalGroupPointer: 0x0062000a, // SegmentIdentificationSequence
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: dimensionOrganizationUID,
        DimensionIndexPointer: 0x00200032, // ImagePositionPatient
        FunctionalGroupPointer: 0x00209113, // PlanePositionSequence
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: pet.geometry.direction.slice(0, 6).map(decimalString) }],
        PixelMeasuresSequence: [
          {
            // PixelSpacing is (between rows, between columns) = (spacing j, spacing i).
            PixelSpacing: [decimalString(pet.geometry.spacing[1]), decimalString(pet.geometry.spacing[0])],
            SliceThickness: decimalString(pet.sliceThicknessMm),
            SpacingBetweenSlices: decimalString(pet.geometry.spacing[2]),
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: perFrame,
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: pet.seriesInstanceUID,
        ReferencedInstanceSequence: pet.instances.map((instance) => ({
          ReferencedSOPClassUID: pet.sopClassUID,
          ReferencedSOPInstanceUID: instance.sopInstanceUID,
        })),
      },
    ],
    PixelData: [pixelData.buffer],
  };
  return { arrayBuffer: writePart10(dataset), dataset, sopInstanceUID, seriesInstanceUID, segments: written };
}

/** Patient and study attributes of the source, with the type-2 ones present even when empty. */
export function defaultPatientStudy(pet: ReferencedPetSeries): NaturalizedDataset {
  return {
    PatientName: '',
    PatientID: '',
    PatientBirthDate: '',
    PatientSex: '',
    StudyDate: '',
    StudyTime: '',
    ReferringPhysicianName: '',
    StudyID: '',
    AccessionNumber: '',
    ...pet.patientStudy,
    StudyInstanceUID: pet.studyInstanceUID,
  };
}

function segmentItem(segment: WrittenSegment, algorithm: AlgorithmIdentity): NaturalizedDataset {
  const algorithmType = ALGORITHM_TYPE[segment.origin];
  const item: NaturalizedDataset = {
    SegmentNumber: segment.segmentNumber,
    SegmentLabel: segment.label,
    SegmentAlgorithmType: algorithmType,
    SegmentedPropertyCategoryCodeSequence: [codeItem(CODES.morphologicallyAbnormalStructure)],
    SegmentedPropertyTypeCodeSequence: [codeItem(CODES.metastaticNeoplasm)],
    AnatomicRegionSequence: [codeItem(CODES.liver)],
    TrackingID: segment.trackingId,
    TrackingUID: segment.trackingUid,
    RecommendedDisplayCIELabValue: dcmjsData.Colors.rgb2DICOMLAB(PALETTE[(segment.segmentNumber - 1) % PALETTE.length]).map(Math.round),
  };
  if (algorithmType !== 'MANUAL') {
    item.SegmentAlgorithmName = algorithm.name;
    item.SegmentationAlgorithmIdentificationSequence = [
      {
        AlgorithmFamilyCodeSequence: [codeItem(algorithm.family ?? CODES.artificialIntelligence)],
        AlgorithmName: algorithm.name,
        AlgorithmVersion: algorithm.version,
      },
    ];
  }
  return item;
}

function perFrameGroups(pet: ReferencedPetSeries, k: number, segmentNumber: number): NaturalizedDataset {
  return {
    DerivationImageSequence: [
      {
        SourceImageSequence: [
          {
            ReferencedSOPClassUID: pet.sopClassUID,
            ReferencedSOPInstanceUID: pet.instances[k].sopInstanceUID,
            PurposeOfReferenceCodeSequence: [codeItem(CODES.sourceImageForProcessing)],
          },
        ],
        DerivationCodeSequence: [codeItem(CODES.segmentation)],
      },
    ],
    FrameContentSequence: [{ DimensionIndexValues: [segmentNumber, k + 1] }],
    PlanePositionSequence: [{ ImagePositionPatient: pet.instances[k].imagePositionPatient.map(decimalString) }],
    SegmentIdentificationSequence: [{ ReferencedSegmentNumber: segmentNumber }],
  };
}
