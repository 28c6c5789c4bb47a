import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { MaskVolume, ScalarVolume, Vec3 } from '../../src/core/types';
import type { ModelManifest } from '../../src/inference';

/** The shipped 2D model, read straight from the extension's models folder. */
export const SHIPPED_MANIFEST_PATH = path.resolve(__dirname, '../../models/unet-2d.manifest.json');
export const SHIPPED_MODEL_PATH = path.resolve(__dirname, '../../models/unet-2d.onnx');
/** PyTorch's output on a small fixed input, written by the export. */
export const SHIPPED_REFERENCE_PATH = path.resolve(__dirname, '../../models/unet-2d.reference.json');

export function shippedManifest(): ModelManifest {
  return JSON.parse(readFileSync(SHIPPED_MANIFEST_PATH, 'utf8')) as ModelManifest;
}

/** A small, valid manifest for tests that do not run a real net. */
export function testManifest(overrides: Partial<ModelManifest['input']> = {}): ModelManifest {
  return {
    name: 'test-net',
    version: '0.0.0',
    variant: '2d',
    file: 'test.onnx',
    sha256: '0'.repeat(64),
    format: { kind: 'onnx', opset: 17 },
    input: { name: 'input', layout: 'NCHW', channels: 1, height: 32, width: 32, spacingMm: [4, 4], sliceOffsets: [0], ...overrides },
    output: { name: 'probability' },
    normalisation: { kind: 'liver-masked-clipped-suv', clipSuv: 40, scale: 10 },
    thresholds: { binarisation: 0.05, minAreaPx: 15 },
  };
}

/** Deterministic values in [0, 1) (a small LCG), so fixed inputs need no stored file. */
export function seededValues(count: number, seed: number): Float32Array {
  const values = new Float32Array(count);
  let state = seed >>> 0;
  for (let n = 0; n < count; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[n] = state / 2 ** 32;
  }
  return values;
}

/**
 * An ellipsoidal liver (SUV 6) with one hot sphere (SUV 24) in a warm body (SUV 1), on a grid with
 * the given in-plane spacing; the liver spans about 160 × 120 mm in-plane whatever the spacing.
 */
export function syntheticCrop(dimensions: Vec3, spacing: Vec3): { pet: ScalarVolume; liver: MaskVolume } {
  const [columns, rows, slices] = dimensions;
  const pet = new Float32Array(columns * rows * slices);
  const liver = new Uint8Array(columns * rows * slices);
  const centre = [(columns * spacing[0]) / 2, (rows * spacing[1]) / 2, (slices * spacing[2]) / 2];
  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++) {
        const x = (i + 0.5) * spacing[0] - centre[0];
        const y = (j + 0.5) * spacing[1] - centre[1];
        const z = (k + 0.5) * spacing[2] - centre[2];
        const index = i + j * columns + k * columns * rows;
        const inLiver = (x / 80) ** 2 + (y / 60) ** 2 + (z / (0.45 * slices * spacing[2])) ** 2 < 1;
        const inLesion = (x - 20) ** 2 + (y - 10) ** 2 + z ** 2 < 12 ** 2;
        liver[index] = inLiver ? 1 : 0;
        pet[index] = inLesion && inLiver ? 24 : inLiver ? 6 : 1;
      }
    }
  }
  const geometry = {
    dimensions,
    spacing,
    origin: [0, 0, 0] as Vec3,
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as ScalarVolume['direction'],
  };
  return { pet: { ...geometry, voxels: pet }, liver: { ...geometry, voxels: liver } };
}
