import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelVolume, MaskVolume, PetVolume, VolumeGeometry, Direction3, Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import { DicomInputError } from './DicomInputError';

/** meta.json of the phantom's training export (format dotatate-liver-training-v1). */
interface TrainingMeta {
  format: string;
  dimensions: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
  files: Record<'pet' | 'liver' | 'lesions' | 'gold', { file: string; dtype: string }>;
  petUnits: 'SUVbw';
}

/** One phantom study as the evaluation reads it: PET, liver, true lesions and gold standard. */
export interface TrainingStudy {
  name: string;
  pet: PetVolume;
  liver: MaskVolume;
  /** True lesions: label 1..n per lesion. */
  lesions: LabelVolume;
  /** Paper-style gold standard (PERCIST threshold + gradient edge): label per lesion. */
  gold: LabelVolume;
}

/**
 * Reads `<study>/training/`: meta.json and the raw little-endian volumes it names
 * (pet_suv.f32 in SUVbw, liver.u8, lesions.u16, gold.u16, x fastest). Checks each file's
 * length against the dimensions.
 */
export function readTrainingExport(studyFolder: string, name: string): TrainingStudy {
  const folder = join(studyFolder, 'training');
  let meta: TrainingMeta;
  try {
    meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as TrainingMeta;
  } catch (error) {
    throw new DicomInputError(`Cannot read ${join(folder, 'meta.json')}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (meta.format !== 'dotatate-liver-training-v1') throw new DicomInputError(`${folder}: unknown export format "${meta.format}".`);
  const geometry: VolumeGeometry = { dimensions: meta.dimensions, spacing: meta.spacing, origin: meta.origin, direction: meta.direction as Direction3 };
  const count = meta.dimensions[0] * meta.dimensions[1] * meta.dimensions[2];
  const read = (key: keyof TrainingMeta['files'], bytesPerVoxel: number): ArrayBuffer => {
    const path = join(folder, meta.files[key].file);
    const bytes = readFileSync(path);
    if (bytes.byteLength !== count * bytesPerVoxel) throw new DicomInputError(`${path}: ${bytes.byteLength} bytes, expected ${count * bytesPerVoxel}.`);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  };
  return {
    name,
    pet: { ...geometry, voxels: new Float32Array(read('pet', 4)), units: 'SUVbw', seriesInstanceUID: `phantom:${name}` },
    liver: { ...geometry, voxels: new Uint8Array(read('liver', 1)) },
    lesions: { ...geometry, voxels: new Uint16Array(read('lesions', 2)) },
    gold: { ...geometry, voxels: new Uint16Array(read('gold', 2)) },
  };
}
