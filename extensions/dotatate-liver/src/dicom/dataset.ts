/**
 * Naturalized DICOM datasets (dcmjs's keyword-keyed objects) and their Part-10 encoding. All
 * encoding and parsing is dcmjs's; this file adds typed accessors and clear error messages.
 */
import { data as dcmjsData } from 'dcmjs';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
  type Code,
} from './codes';

export type NaturalizedDataset = { [keyword: string]: unknown };

/** A DICOM object that could not be read or does not hold what the reader needs. */
export class DicomInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DicomInputError';
  }
}

/** Encodes a naturalized dataset as a Part-10 file (explicit VR little endian). */
export function writePart10(dataset: NaturalizedDataset): ArrayBuffer {
  const sopClassUid = textOf(dataset, 'SOPClassUID');
  const sopInstanceUid = textOf(dataset, 'SOPInstanceUID');
  if (!sopClassUid || !sopInstanceUid) {
    throw new Error('A dataset needs SOPClassUID and SOPInstanceUID before it can be written.');
  }
  const meta = dcmjsData.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const dicomDict = new dcmjsData.DicomDict(meta);
  dicomDict.dict = dcmjsData.DicomMetaDictionary.denaturalizeDataset(dataset);
  return dicomDict.write();
}

/**
 * Parses a Part-10 file. `what` names the expected object ("DICOM SEG", "DICOM SR") in messages.
 * Throws {@link DicomInputError} for empty, non-DICOM or truncated input.
 */
export function readPart10(buffer: ArrayBuffer | Uint8Array, what: string): NaturalizedDataset {
  const arrayBuffer =
    buffer instanceof Uint8Array
      ? (buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer)
      : buffer;
  if (arrayBuffer.byteLength < 132) {
    throw new DicomInputError(`The ${what} file is empty or too short (${arrayBuffer.byteLength} bytes) to be a DICOM file.`);
  }
  const magic = new TextDecoder().decode(new Uint8Array(arrayBuffer, 128, 4));
  if (magic !== 'DICM') {
    throw new DicomInputError(`The ${what} file is not a DICOM Part-10 file (no "DICM" marker at byte 128).`);
  }
  const shortfall = pixelDataShortfall(arrayBuffer);
  if (shortfall > 0) {
    throw new DicomInputError(`The ${what} file is truncated: its pixel data lacks ${shortfall} bytes at the end of the file.`);
  }
  try {
    const dicomDict = dcmjsData.DicomMessage.readFile(arrayBuffer);
    return dcmjsData.DicomMetaDictionary.naturalizeDataset(dicomDict.dict);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DicomInputError(`The ${what} file could not be parsed; it may be truncated or corrupt (${reason}).`);
  }
}

/**
 * How many bytes of the top-level PixelData (7FE0,0010) lie beyond the end of the file. dcmjs
 * zero-fills a value that runs past the end, so a truncated file would otherwise read as if whole.
 * Looks at the last PixelData element header (explicit VR little endian, OB/OW with its two zero
 * reserved bytes, defined length), which is what this layer and common writers produce.
 */
function pixelDataShortfall(buffer: ArrayBuffer): number {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  for (let at = bytes.length - 8; at >= 132; at -= 1) {
    if (bytes[at] !== 0xe0 || bytes[at + 1] !== 0x7f || bytes[at + 2] !== 0x10 || bytes[at + 3] !== 0x00) continue;
    const vr = String.fromCharCode(bytes[at + 4], bytes[at + 5]);
    if ((vr !== 'OB' && vr !== 'OW') || bytes[at + 6] !== 0 || bytes[at + 7] !== 0 || at + 12 > bytes.length) continue;
    const length = view.getUint32(at + 8, true);
    if (length === 0xffffffff) return 0;
    return Math.max(0, at + 12 + length - bytes.length);
  }
  return 0;
}

// ---- typed accessors -------------------------------------------------------------------------

export function textOf(dataset: NaturalizedDataset, keyword: string): string | undefined {
  const value = dataset[keyword];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && (typeof value[0] === 'string' || typeof value[0] === 'number')) return String(value[0]);
  return undefined;
}

export function numberOf(dataset: NaturalizedDataset, keyword: string): number | undefined {
  const value = Array.isArray(dataset[keyword]) ? (dataset[keyword] as unknown[])[0] : dataset[keyword];
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

export function numbersOf(dataset: NaturalizedDataset, keyword: string): number[] | undefined {
  const value = dataset[keyword];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split('\\') : undefined;
  if (!list) return undefined;
  const numbers = list.map((v) => (typeof v === 'string' ? Number(v) : v));
  return numbers.every((n): n is number => typeof n === 'number' && Number.isFinite(n)) ? numbers : undefined;
}

/** A sequence attribute as a list of items (dcmjs gives a single item as an object or a list). */
export function itemsOf(dataset: NaturalizedDataset, keyword: string): NaturalizedDataset[] {
  const value = dataset[keyword];
  if (Array.isArray(value)) return value.filter((v): v is NaturalizedDataset => typeof v === 'object' && v !== null);
  if (typeof value === 'object' && value !== null && !(value instanceof ArrayBuffer)) return [value as NaturalizedDataset];
  return [];
}

export function codeOf(dataset: NaturalizedDataset, keyword: string): Code | undefined {
  const item = itemsOf(dataset, keyword)[0];
  if (!item) return undefined;
  const value = textOf(item, 'CodeValue');
  const scheme = textOf(item, 'CodingSchemeDesignator');
  if (!value || !scheme) return undefined;
  return { value, scheme, meaning: textOf(item, 'CodeMeaning') ?? '' };
}

/** The naturalized code sequence item for a code. */
export function codeItem(c: Code): NaturalizedDataset {
  return { CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning };
}

/**
 * A number as a DICOM DS string: at most 16 characters, with as many significant digits as fit
 * (a float32-derived value survives the round trip unchanged).
 */
export function decimalString(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot encode ${value} as a DICOM decimal string.`);
  for (let digits = 17; digits >= 1; digits -= 1) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16) return text;
  }
  return value.toExponential(6);
}

/** DICOM DA and TM of a moment (local time, as DICOM dates are). */
export function dicomDateTime(moment: Date): { date: string; time: string } {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return {
    date: `${moment.getFullYear()}${pad(moment.getMonth() + 1)}${pad(moment.getDate())}`,
    time: `${pad(moment.getHours())}${pad(moment.getMinutes())}${pad(moment.getSeconds())}`,
  };
}
