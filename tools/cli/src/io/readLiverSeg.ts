import { readFileSync } from 'node:fs';
import { data } from 'dcmjs';
import type { MaskVolume, VolumeGeometry } from 'ohif-extension-dotatate-liver/src/core/types';
import { lpsToIjk } from 'ohif-extension-dotatate-liver/src/core/volume';
import { DicomInputError } from './DicomInputError';

type Dataset = Record<string, unknown>;
const LIVER_CODE = '10200004';

function first(value: unknown): Dataset {
  return ((Array.isArray(value) ? value[0] : value) ?? {}) as Dataset;
}

const uid = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** What says which images a PET series is: its UIDs from the slice headers. */
export interface PetIdentity {
  seriesInstanceUID: string;
  /** Absent in some exports; then the SEG's referenced series is compared instead. */
  frameOfReferenceUID?: string;
}

/** The identity of a PET series from one of its slices' headers. */
export function petIdentityOf(dataset: Dataset): PetIdentity {
  return { seriesInstanceUID: String(dataset.SeriesInstanceUID ?? ''), frameOfReferenceUID: uid(dataset.FrameOfReferenceUID) };
}

/**
 * Refuses a SEG that does not belong to the PET: another Frame of Reference (another patient,
 * study or unregistered scan, whose mask would land on the wrong voxels with no error), or, when
 * either lacks a Frame of Reference, a SEG whose referenced series do not include the PET's.
 */
function checkSegBelongsToPet(path: string, dataset: Dataset, pet: PetIdentity): void {
  const segFrame = uid(dataset.FrameOfReferenceUID);
  if (segFrame && pet.frameOfReferenceUID) {
    if (segFrame === pet.frameOfReferenceUID) return;
    throw new DicomInputError(
      `${path}: the liver segmentation belongs to Frame of Reference ${segFrame}, the PET to ${pet.frameOfReferenceUID}: it was drawn on another patient, study or unregistered scan. Use a segmentation made on this PET (series ${pet.seriesInstanceUID}).`,
    );
  }
  const referenced = (Array.isArray(dataset.ReferencedSeriesSequence) ? dataset.ReferencedSeriesSequence : [dataset.ReferencedSeriesSequence])
    .map((item) => uid(first(item).SeriesInstanceUID))
    .filter((series): series is string => series !== undefined);
  if (referenced.includes(pet.seriesInstanceUID)) return;
  if (referenced.length > 0) {
    throw new DicomInputError(
      `${path}: the liver segmentation refers to series ${referenced.join(', ')}, not to the PET series ${pet.seriesInstanceUID}, and no shared Frame of Reference says it lines up with the PET. Use a segmentation made on this PET.`,
    );
  }
  throw new DicomInputError(
    `${path}: nothing says the liver segmentation belongs to this PET (Frame of Reference: segmentation ${segFrame ?? 'none'}, PET ${pet.frameOfReferenceUID ?? 'none'}; no referenced series). Use a segmentation made on this PET (series ${pet.seriesInstanceUID}).`,
  );
}

/**
 * The liver segment of a DICOM SEG as a mask on the PET grid. The SEG must belong to the PET
 * (checkSegBelongsToPet). The segment is the one whose
 * property type is SCT 10200004 (Liver), else the one labelled "liver". Each frame is placed
 * by its ImagePositionPatient; the SEG must share the PET's rows, columns and in-plane position
 * (no resampling here). BINARY (bit-packed) and FRACTIONAL frames are read.
 */
export function readLiverSeg(path: string, pet: VolumeGeometry, petIdentity: PetIdentity): MaskVolume {
  let dataset: Dataset;
  try {
    const bytes = readFileSync(path);
    const message = data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    dataset = data.DicomMetaDictionary.naturalizeDataset(message.dict);
  } catch (error) {
    throw new DicomInputError(`Cannot read the liver segmentation ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (dataset.Modality !== 'SEG') throw new DicomInputError(`${path} is not a DICOM SEG (Modality ${String(dataset.Modality)}).`);
  checkSegBelongsToPet(path, dataset, petIdentity);
  const segments = (Array.isArray(dataset.SegmentSequence) ? dataset.SegmentSequence : [dataset.SegmentSequence]) as Dataset[];
  const liver =
    segments.find((segment) => String(first(segment.SegmentedPropertyTypeCodeSequence).CodeValue) === LIVER_CODE) ??
    segments.find((segment) => /liver/i.test(String(segment.SegmentLabel ?? '')));
  if (!liver) {
    const labels = segments.map((segment) => `${segment.SegmentNumber}: ${segment.SegmentLabel}`).join(', ');
    throw new DicomInputError(`${path} has no liver segment (SCT 10200004 or labelled "liver"); its segments: ${labels}.`);
  }
  const segmentNumber = Number(liver.SegmentNumber);
  const [nx, ny, nz] = pet.dimensions;
  if (Number(dataset.Rows) !== ny || Number(dataset.Columns) !== nx) {
    throw new DicomInputError(`${path}: ${dataset.Rows}×${dataset.Columns} pixels, but the PET has ${ny}×${nx}; resample the segmentation onto the PET first.`);
  }
  const frames = Array.isArray(dataset.PerFrameFunctionalGroupsSequence) ? (dataset.PerFrameFunctionalGroupsSequence as Dataset[]) : [];
  const pixelData = dataset.PixelData;
  const buffer = (Array.isArray(pixelData) ? pixelData[0] : pixelData) as ArrayBuffer;
  const frameSize = nx * ny;
  const binary = String(dataset.SegmentationType) !== 'FRACTIONAL';
  const pixels = binary ? data.BitArray.unpack(buffer) : new Uint8Array(buffer);
  const voxels = new Uint8Array(nx * ny * nz);
  frames.forEach((frame, f) => {
    if (Number(first(frame.SegmentIdentificationSequence).ReferencedSegmentNumber) !== segmentNumber) return;
    const position = first(frame.PlanePositionSequence).ImagePositionPatient as number[];
    const [i, j, k] = lpsToIjk(pet, position.map(Number) as [number, number, number]);
    const slice = Math.round(k);
    if (Math.abs(i) > 0.05 || Math.abs(j) > 0.05 || Math.abs(k - slice) > 0.05 || slice < 0 || slice >= nz) {
      throw new DicomInputError(`${path}: frame ${f + 1} does not lie on a PET slice; resample the segmentation onto the PET first.`);
    }
    for (let p = 0; p < frameSize; p++) if (pixels[f * frameSize + p]) voxels[slice * frameSize + p] = 1;
  });
  return { ...pet, dimensions: [...pet.dimensions], voxels };
}
