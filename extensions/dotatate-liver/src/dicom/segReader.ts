/**
 * Reads a DICOM SEG written for a PET series back into a label volume on the PET grid
 * (voxel value = segment number) plus the segments' descriptions. Frames are placed by the PET
 * instance they reference (ReferencedSOPInstanceUID) or, failing that, by ImagePositionPatient.
 */
import { data as dcmjsData } from 'dcmjs';
import type { LabelVolume, Vec3 } from '../core/types';
import { SOP_CLASS } from './codes';
import { codeOf, DicomInputError, itemsOf, numberOf, numbersOf, readPart10, textOf, type NaturalizedDataset } from './dataset';
import type { ReferencedPetSeries } from './petSeries';
import { SEGMENT_TRACKING_PREFIX, type LesionOrigin } from './segWriter';

export interface ReadSegment {
  segmentNumber: number;
  label: string;
  algorithmType: string;
  origin: LesionOrigin | undefined;
  algorithmName: string | undefined;
  trackingId: string | undefined;
  trackingUid: string | undefined;
  /** Parsed from a tracking id "Lesion <id>" when present. */
  lesionId: number | undefined;
  propertyType: string | undefined;
  anatomicRegion: string | undefined;
}

export interface ReadLesionSegResult {
  /** Voxel value = segment number; 0 = background. */
  labels: LabelVolume;
  segments: ReadSegment[];
  sopInstanceUID: string;
  seriesInstanceUID: string;
  /** Voxels claimed by more than one segment (the later segment wins in `labels`). */
  overlappingVoxels: number;
  dataset: NaturalizedDataset;
}

const ORIGIN_OF_TYPE: Record<string, LesionOrigin> = { AUTOMATIC: 'automatic', SEMIAUTOMATIC: 'edited', MANUAL: 'manual' };

/**
 * @param petGeometry the series the SEG was made on; its grid defines the returned volume.
 * @throws DicomInputError for a file that is not a readable SEG of that series.
 */
export function readLesionSeg(buffer: ArrayBuffer | Uint8Array, petGeometry: ReferencedPetSeries): ReadLesionSegResult {
  const dataset = readPart10(buffer, 'DICOM SEG');
  if (textOf(dataset, 'SOPClassUID') !== SOP_CLASS.segmentation) {
    throw new DicomInputError(`The file is not a DICOM SEG (SOP Class ${textOf(dataset, 'SOPClassUID') ?? 'missing'}).`);
  }
  const rows = numberOf(dataset, 'Rows');
  const columns = numberOf(dataset, 'Columns');
  const frames = numberOf(dataset, 'NumberOfFrames') ?? 1;
  if (rows === undefined || columns === undefined) throw new DicomInputError('The SEG has no Rows or Columns.');
  if (textOf(dataset, 'SegmentationType') !== 'BINARY' || numberOf(dataset, 'BitsAllocated') !== 1) {
    throw new DicomInputError('Only BINARY segmentations (1 bit per pixel) can be read.');
  }
  const frameSize = rows * columns;
  const pixelValue = dataset.PixelData;
  const pixelBuffer = Array.isArray(pixelValue) ? pixelValue[0] : pixelValue;
  if (!(pixelBuffer instanceof ArrayBuffer)) throw new DicomInputError('The SEG has no pixel data.');
  const neededBytes = Math.ceil((frames * frameSize) / 8);
  if (pixelBuffer.byteLength < neededBytes) {
    throw new DicomInputError(
      `The SEG pixel data holds ${pixelBuffer.byteLength} bytes but ${frames} frames of ${columns}×${rows} need ${neededBytes}: the file is truncated.`,
    );
  }
  const [gridColumns, gridRows, gridSlices] = petGeometry.geometry.dimensions;
  if (rows !== gridRows || columns !== gridColumns) {
    throw new DicomInputError(`The SEG frames are ${columns}×${rows} pixels but the PET slices are ${gridColumns}×${gridRows}: it was not made on this series.`);
  }
  // Frames are packed back to back; unpacking the whole buffer keeps odd frame sizes aligned.
  const bits = dcmjsData.BitArray.unpack(new Uint8Array(pixelBuffer, 0, neededBytes));

  const segments = itemsOf(dataset, 'SegmentSequence').map(readSegment);
  const segmentNumbers = new Set(segments.map((s) => s.segmentNumber));
  const perFrame = itemsOf(dataset, 'PerFrameFunctionalGroupsSequence');
  if (perFrame.length !== frames) {
    throw new DicomInputError(`The SEG declares ${frames} frames but describes ${perFrame.length}.`);
  }
  const sliceOfInstance = new Map(petGeometry.instances.map((instance, k) => [instance.sopInstanceUID, k]));
  const voxels = new Uint16Array(frameSize * gridSlices);
  let overlappingVoxels = 0;
  perFrame.forEach((groups, frame) => {
    const segmentNumber = numberOf(itemsOf(groups, 'SegmentIdentificationSequence')[0] ?? {}, 'ReferencedSegmentNumber');
    if (segmentNumber === undefined || !segmentNumbers.has(segmentNumber)) {
      throw new DicomInputError(`SEG frame ${frame + 1} refers to segment ${segmentNumber ?? '(none)'}, which the SEG does not describe.`);
    }
    const k = sliceOfFrame(groups, sliceOfInstance, petGeometry);
    if (k === undefined) throw new DicomInputError(`SEG frame ${frame + 1} matches no slice of the PET series.`);
    const offset = k * frameSize;
    const bitOffset = frame * frameSize;
    for (let n = 0; n < frameSize; n += 1) {
      if (bits[bitOffset + n] === 0) continue;
      if (voxels[offset + n] !== 0 && voxels[offset + n] !== segmentNumber) overlappingVoxels += 1;
      voxels[offset + n] = segmentNumber;
    }
  });

  const { dimensions, spacing, origin, direction } = petGeometry.geometry;
  return {
    labels: { dimensions: [...dimensions], spacing: [...spacing], origin: [...origin], direction: [...direction], voxels },
    segments,
    sopInstanceUID: textOf(dataset, 'SOPInstanceUID') ?? '',
    seriesInstanceUID: textOf(dataset, 'SeriesInstanceUID') ?? '',
    overlappingVoxels,
    dataset,
  };
}

function readSegment(item: NaturalizedDataset): ReadSegment {
  const segmentNumber = numberOf(item, 'SegmentNumber');
  if (segmentNumber === undefined) throw new DicomInputError('A SEG segment has no SegmentNumber.');
  const algorithmType = textOf(item, 'SegmentAlgorithmType') ?? '';
  const trackingId = textOf(item, 'TrackingID');
  const idText = trackingId?.startsWith(SEGMENT_TRACKING_PREFIX) ? trackingId.slice(SEGMENT_TRACKING_PREFIX.length) : undefined;
  return {
    segmentNumber,
    label: textOf(item, 'SegmentLabel') ?? '',
    algorithmType,
    origin: ORIGIN_OF_TYPE[algorithmType],
    algorithmName: textOf(item, 'SegmentAlgorithmName'),
    trackingId,
    trackingUid: textOf(item, 'TrackingUID'),
    lesionId: idText !== undefined && /^-?\d+$/.test(idText) ? Number(idText) : undefined,
    propertyType: codeOf(item, 'SegmentedPropertyTypeCodeSequence')?.value,
    anatomicRegion: codeOf(item, 'AnatomicRegionSequence')?.value,
  };
}

function sliceOfFrame(groups: NaturalizedDataset, sliceOfInstance: Map<string, number>, pet: ReferencedPetSeries): number | undefined {
  for (const derivation of itemsOf(groups, 'DerivationImageSequence')) {
    for (const source of itemsOf(derivation, 'SourceImageSequence')) {
      const k = sliceOfInstance.get(textOf(source, 'ReferencedSOPInstanceUID') ?? '');
      if (k !== undefined) return k;
    }
  }
  const position = numbersOf(itemsOf(groups, 'PlanePositionSequence')[0] ?? {}, 'ImagePositionPatient');
  if (!position || position.length !== 3) return undefined;
  return nearestSlice([position[0], position[1], position[2]], pet);
}

/** The slice whose position lies within half a slice spacing of `position` (LPS mm). */
function nearestSlice(position: Vec3, pet: ReferencedPetSeries): number | undefined {
  let best: number | undefined;
  let bestDistance = Infinity;
  pet.instances.forEach((instance, k) => {
    const d = Math.hypot(...instance.imagePositionPatient.map((v, axis) => v - position[axis]));
    if (d < bestDistance) [best, bestDistance] = [k, d];
  });
  return bestDistance <= pet.geometry.spacing[2] / 2 ? best : undefined;
}
