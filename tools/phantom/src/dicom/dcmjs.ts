/**
 * The small part of dcmjs the phantom uses, typed here because dcmjs ships no type declarations.
 * Datasets are "naturalized": keyword → value, sequences as arrays of datasets.
 */
export type NaturalDataset = { [keyword: string]: unknown };

interface DicomDictInstance {
  dict: Record<string, unknown>;
  write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
}

interface DcmjsData {
  DicomDict: new (meta: Record<string, unknown>) => DicomDictInstance;
  DicomMessage: { readFile(buffer: ArrayBuffer): { meta: Record<string, unknown>; dict: Record<string, unknown> } };
  DicomMetaDictionary: {
    denaturalizeDataset(dataset: NaturalDataset): Record<string, unknown>;
    naturalizeDataset(dataset: Record<string, unknown>): NaturalDataset;
  };
}

const dcmjs = require('dcmjs') as { data: DcmjsData };

export const dicomData: DcmjsData = dcmjs.data;

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const PET_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.128';
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
/** Implementation Class UID of this generator (a 2.25 UUID-derived UID, fixed). */
export const IMPLEMENTATION_CLASS_UID = '2.25.203116145311945271046361233436829427329';
export const IMPLEMENTATION_VERSION_NAME = 'DOTATATE_PHANT1';

/** Encodes one dataset as a DICOM Part 10 file in explicit VR little endian. */
export function encodeDicomFile(dataset: NaturalDataset): Buffer {
  const meta: NaturalDataset = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  };
  const file = new dicomData.DicomDict(dicomData.DicomMetaDictionary.denaturalizeDataset(meta));
  file.dict = dicomData.DicomMetaDictionary.denaturalizeDataset(dataset);
  return Buffer.from(file.write());
}

/** Reads a DICOM Part 10 file into a naturalized dataset. */
export function decodeDicomFile(buffer: Buffer): NaturalDataset {
  const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  const message = dicomData.DicomMessage.readFile(arrayBuffer);
  return dicomData.DicomMetaDictionary.naturalizeDataset(message.dict);
}
