import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Study } from '../study';

/** Describes the raw volumes of a training export; written as meta.json beside them. */
export interface TrainingMeta {
  format: 'dotatate-liver-training-v1';
  /** [columns (x), rows (y), slices (z)]. */
  dimensions: [number, number, number];
  /** Voxel size in mm along x, y, z. */
  spacing: [number, number, number];
  /** LPS position (mm) of the centre of voxel (0, 0, 0). */
  origin: [number, number, number];
  /** Row-major 3 × 3 direction cosines; rows are the LPS directions of +x, +y, +z. */
  direction: number[];
  /** Memory order: x fastest, then y, then z; numpy: fromfile(...).reshape(slices, rows, columns). */
  axisOrder: 'x-fastest (C order z, y, x)';
  byteOrder: 'little-endian';
  files: Record<'pet' | 'liver' | 'lesions' | 'gold', { file: string; dtype: 'float32' | 'uint8' | 'uint16'; description: string }>;
  petUnits: 'SUVbw';
  seed: number;
  lesionCount: number;
  goldLesionCount: number;
  percistThreshold: number;
}

/**
 * Writes `pet_suv.f32`, `liver.u8`, `lesions.u16`, `gold.u16` and `meta.json` into `folder`:
 * raw little-endian volumes that Python reads with numpy.fromfile alone.
 */
export function writeTrainingExport(study: Study, folder: string): TrainingMeta {
  const grid = study.petGrid;
  const meta: TrainingMeta = {
    format: 'dotatate-liver-training-v1',
    dimensions: [...grid.dimensions],
    spacing: [...grid.spacing],
    origin: [...grid.origin],
    direction: [...grid.direction],
    axisOrder: 'x-fastest (C order z, y, x)',
    byteOrder: 'little-endian',
    files: {
      pet: { file: 'pet_suv.f32', dtype: 'float32', description: 'PET in SUVbw (noisy, as the scanner shows it)' },
      liver: { file: 'liver.u8', dtype: 'uint8', description: 'liver mask (1 = liver)' },
      lesions: { file: 'lesions.u16', dtype: 'uint16', description: 'true lesions: 0 background, lesion id 1..n' },
      gold: { file: 'gold.u16', dtype: 'uint16', description: 'paper-style gold standard (PERCIST + gradient edge): lesion id or 0' },
    },
    petUnits: 'SUVbw',
    seed: study.seed,
    lesionCount: study.lesions.length,
    goldLesionCount: study.goldLesions.filter((lesion) => lesion.aboveThreshold).length,
    percistThreshold: study.reference.threshold,
  };
  // Node is little-endian on every supported platform; the typed arrays are written as they are.
  writeFileSync(join(folder, meta.files.pet.file), bytes(study.petSuv));
  writeFileSync(join(folder, meta.files.liver.file), bytes(study.liverMask));
  writeFileSync(join(folder, meta.files.lesions.file), bytes(study.lesionLabels));
  writeFileSync(join(folder, meta.files.gold.file), bytes(study.goldLabels));
  writeFileSync(join(folder, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

function bytes(array: Float32Array | Uint8Array | Uint16Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
