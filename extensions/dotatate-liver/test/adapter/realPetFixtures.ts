import { readFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';

/** Real-scanner fixtures shipped with the project (see the fixtures README for sources and licences). */
export const REAL_FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/real');

/**
 * Reads a DICOM file and naturalizes it with dcmjs, as OHIF does with the metadata it receives,
 * giving the instance object a display set holds.
 */
export function readNaturalizedInstance(file: string): Record<string, unknown> {
  const bytes = readFileSync(file);
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { dict } = dcmjs.data.DicomMessage.readFile(arrayBuffer);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict) as Record<string, unknown>;
}

/** A calculate-suv test-suite instance (flat) moved into OHIF's shape (radiopharmaceutical in its sequence). */
export function ohifInstanceFromFlatMetadata(flat: Record<string, unknown>): Record<string, unknown> {
  const {
    RadionuclideTotalDose,
    RadionuclideHalfLife,
    RadiopharmaceuticalStartTime,
    RadiopharmaceuticalStartDateTime,
    ...rest
  } = flat;
  return {
    Modality: 'PT',
    ...rest,
    RadiopharmaceuticalInformationSequence: [
      { RadionuclideTotalDose, RadionuclideHalfLife, RadiopharmaceuticalStartTime, RadiopharmaceuticalStartDateTime },
    ],
  };
}
