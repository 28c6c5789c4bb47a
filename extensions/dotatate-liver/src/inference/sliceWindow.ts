import type { MaskVolume, ScalarVolume } from '../core/types';
import type { ModelManifest } from './manifest';

/**
 * Maps the liver crop's axial slices onto the net's input window and back. The window is
 * `input.width × input.height` pixels at the manifest's training spacing, centred on the liver's
 * in-plane bounding box (the training code does the same). A crop whose in-plane spacing differs
 * from the training spacing is resampled (bilinear for SUV, nearest for the liver mask) on the way
 * in and bilinearly on the way out; the result says so.
 */
export interface SliceWindow {
  /** Window origin in resampled-grid pixels (column, row). */
  originX: number;
  originY: number;
  /** Crop pixel size / training pixel size: resampled coordinate = crop coordinate × scale. */
  scaleX: number;
  scaleY: number;
  width: number;
  height: number;
}

export interface ResamplingNote {
  resampled: boolean;
  /** In-plane spacing (x, y) of the crop and of the training data, mm. */
  fromSpacingMm: [number, number];
  toSpacingMm: [number, number];
  message: string;
}

/** Relative spacing difference tolerated without resampling. */
const SPACING_TOLERANCE = 0.01;

export function describeResampling(pet: ScalarVolume, manifest: ModelManifest): ResamplingNote {
  const from: [number, number] = [pet.spacing[0], pet.spacing[1]];
  const to = manifest.input.spacingMm;
  const resampled = Math.abs(from[0] / to[0] - 1) > SPACING_TOLERANCE || Math.abs(from[1] / to[1] - 1) > SPACING_TOLERANCE;
  const fmt = (s: [number, number]) => `${s[0].toFixed(2)} × ${s[1].toFixed(2)} mm`;
  const message = resampled
    ? `PET pixels (${fmt(from)}) differ from the model's training spacing (${fmt(to)}); slices were resampled to it and the probabilities back.`
    : `PET pixel spacing matches the model's training spacing (${fmt(to)}); no resampling.`;
  return { resampled, fromSpacingMm: from, toSpacingMm: [to[0], to[1]], message };
}

/** Places the window over the liver's in-plane bounding box (all slices together). */
export function placeWindow(liver: MaskVolume, manifest: ModelManifest): SliceWindow {
  const [columns, rows, slices] = liver.dimensions;
  let minI = columns, maxI = -1, minJ = rows, maxJ = -1;
  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < rows; j++) {
      const row = (k * rows + j) * columns;
      for (let i = 0; i < columns; i++) {
        if (!liver.voxels[row + i]) continue;
        if (i < minI) minI = i;
        if (i > maxI) maxI = i;
        if (j < minJ) minJ = j;
        if (j > maxJ) maxJ = j;
      }
    }
  }
  if (maxI < 0) throw new Error('The liver mask is empty: there is nothing for the U-Net to look at.');
  const scaleX = liver.spacing[0] / manifest.input.spacingMm[0];
  const scaleY = liver.spacing[1] / manifest.input.spacingMm[1];
  const { width, height } = manifest.input;
  // Same centre as training: floor((min + max + 1) / 2) on the resampled grid.
  const centreX = Math.floor(((minI + maxI + 1) / 2) * scaleX);
  const centreY = Math.floor(((minJ + maxJ + 1) / 2) * scaleY);
  return { originX: centreX - Math.floor(width / 2), originY: centreY - Math.floor(height / 2), scaleX, scaleY, width, height };
}

/** Bilinear sample of one slice at continuous pixel coordinates (x, y), clamped to the slice. */
function bilinear(values: ArrayLike<number>, offset: number, columns: number, rows: number, x: number, y: number): number {
  const xc = Math.min(Math.max(x, 0), columns - 1);
  const yc = Math.min(Math.max(y, 0), rows - 1);
  const x0 = Math.floor(xc), y0 = Math.floor(yc);
  const x1 = Math.min(x0 + 1, columns - 1), y1 = Math.min(y0 + 1, rows - 1);
  const fx = xc - x0, fy = yc - y0;
  const top = values[offset + y0 * columns + x0] * (1 - fx) + values[offset + y0 * columns + x1] * fx;
  const bottom = values[offset + y1 * columns + x0] * (1 - fx) + values[offset + y1 * columns + x1] * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Fills `target` (height × width) with slice k's liver-masked, normalised SUV seen through the
 * window. Pixels whose centre falls outside the crop are 0, like the training's zero padding.
 */
export function sampleWindow(
  pet: ScalarVolume,
  liver: MaskVolume,
  k: number,
  window: SliceWindow,
  manifest: ModelManifest,
  target: Float32Array,
  targetOffset: number,
): void {
  const [columns, rows] = pet.dimensions;
  const sliceOffset = k * columns * rows;
  const { clipSuv, scale } = manifest.normalisation;
  for (let v = 0; v < window.height; v++) {
    const y = (window.originY + v + 0.5) / window.scaleY - 0.5;
    for (let u = 0; u < window.width; u++) {
      const x = (window.originX + u + 0.5) / window.scaleX - 0.5;
      let value = 0;
      const nearestI = Math.round(x), nearestJ = Math.round(y);
      if (nearestI >= 0 && nearestI < columns && nearestJ >= 0 && nearestJ < rows && liver.voxels[sliceOffset + nearestJ * columns + nearestI]) {
        const suv = bilinear(pet.voxels, sliceOffset, columns, rows, x, y);
        value = Math.min(Math.max(suv, 0), clipSuv) / scale;
      }
      target[targetOffset + v * window.width + u] = value;
    }
  }
}

/**
 * Writes one window of probabilities back onto slice k of the crop grid, keeping only liver voxels.
 * Returns how many liver voxels of the slice fell outside the window (and so got 0).
 */
export function pasteWindow(
  probabilities: Float32Array,
  probabilityOffset: number,
  liver: MaskVolume,
  k: number,
  window: SliceWindow,
  output: Float32Array,
): number {
  const [columns, rows] = liver.dimensions;
  const sliceOffset = k * columns * rows;
  let outside = 0;
  for (let j = 0; j < rows; j++) {
    const v = (j + 0.5) * window.scaleY - 0.5 - window.originY;
    for (let i = 0; i < columns; i++) {
      const index = sliceOffset + j * columns + i;
      if (!liver.voxels[index]) continue;
      const u = (i + 0.5) * window.scaleX - 0.5 - window.originX;
      if (u < -0.5 || v < -0.5 || u > window.width - 0.5 || v > window.height - 0.5) {
        outside++;
        continue;
      }
      output[index] = bilinear(probabilities, probabilityOffset, window.width, window.height, u, v);
    }
  }
  return outside;
}
