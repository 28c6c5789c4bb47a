import type { MaskVolume, ScalarVolume, Vec3 } from '../types';
import { lpsToIjk } from '../volume/lpsToIjk';
import { voxelIndex, voxelVolumeMl } from '../volume/voxelIndex';
import { quantile } from '../stats/quantile';

/** Limits an automatic liver mask must meet before any candidate is listed. */
export interface LiverPlausibilityLimits {
  /** Volume range (ml): adult livers are about 1–2.5 L; 0.7–4 L leaves room for small and enlarged ones. */
  minimumVolumeMl: number;
  maximumVolumeMl: number;
  /** Share (%) of mask voxels on the patient's right of the body's midline. */
  minimumRightPercent: number;
  /** Craniocaudal extent (mm) from the highest to the lowest voxel. */
  maximumCraniocaudalMm: number;
}

export const DEFAULT_LIVER_LIMITS: LiverPlausibilityLimits = {
  minimumVolumeMl: 700,
  maximumVolumeMl: 4000,
  minimumRightPercent: 70,
  maximumCraniocaudalMm: 300,
};

export type LiverCheckName = 'volume' | 'right-side' | 'craniocaudal-extent' | 'reference-spheres';

/** One plausibility check: what was measured, the accepted range, and whether it passed. */
export interface LiverCheck {
  name: LiverCheckName;
  passed: boolean;
  /** Measured value in `unit`. */
  value: number;
  unit: 'ml' | '%' | 'mm' | 'spheres';
  /** Accepted range in `unit`, ends included; a missing end is open. */
  limit: { min?: number; max?: number };
  /** The measurement and its limit in words, for the reader. */
  text: string;
}

export interface LiverCheckResult {
  /** 'not-checked': the liver came from a SEG, a click or the reader's brush, which the reader vouches for. */
  status: 'passed' | 'failed' | 'not-checked';
  checks: LiverCheck[];
  /** When failed: which checks failed and that one click in the liver (or a liver SEG) is needed. */
  message: string | null;
}

function check(name: LiverCheckName, value: number, unit: LiverCheck['unit'], limit: LiverCheck['limit'], describe: (range: string) => string): LiverCheck {
  const passed = (limit.min === undefined || value >= limit.min) && (limit.max === undefined || value <= limit.max);
  const range = limit.min !== undefined && limit.max !== undefined ? `${limit.min}–${limit.max}` : limit.min !== undefined ? `≥ ${limit.min}` : `≤ ${limit.max}`;
  return { name, passed, value, unit, limit, text: describe(range) };
}

/**
 * LPS x of every voxel centre along a row: x grows toward the patient's left whatever the IJK
 * axes' direction cosines, so "right" is a test on LPS x, never on i.
 */
function rowX(geometry: ScalarVolume | MaskVolume) {
  const { origin, spacing, direction: d } = geometry;
  return { start: (j: number, k: number) => origin[0] + j * spacing[1] * d[3] + k * spacing[2] * d[6], step: spacing[0] * d[0] };
}

/**
 * The body's midline (LPS x) on slices `k0..k1`: the mean x of body voxels, the body being the PET
 * above 2 % of its 99.9th percentile (as the automatic mask finds it). Not x = 0: scanners place
 * the patient anywhere in the field of view.
 */
export function bodyMidlineX(pet: ScalarVolume, k0: number, k1: number): number {
  const [nx, ny] = pet.dimensions;
  const values = pet.voxels;
  const stride = Math.max(1, Math.floor(values.length / 50_000));
  const sample: number[] = [];
  for (let index = 0; index < values.length; index += stride) sample.push(values[index]);
  const level = 0.02 * quantile(sample, 0.999);
  const x = rowX(pet);
  let sum = 0;
  let count = 0;
  for (let k = k0; k <= k1; k++)
    for (let j = 0; j < ny; j++) {
      const start = x.start(j, k);
      for (let i = 0, index = voxelIndex(pet.dimensions, 0, j, k); i < nx; i++, index++)
        if (values[index] > level) {
          sum += start + i * x.step;
          count++;
        }
    }
  return count > 0 ? sum / count : x.start(0, k0) + ((nx - 1) / 2) * x.step;
}

/**
 * The four checks of a liver mask on the PET grid: volume, share on the patient's right of the
 * body's midline, craniocaudal extent, and the reference sphere centres inside the mask. On a real
 * FDG PET/CT the automatic mask ran from the neck through the spine (5 L): too large, too long and
 * half on the left. The checks measure; `checkedLiver` decides what a failure means.
 */
export function liverPlausibilityChecks(
  pet: ScalarVolume,
  liver: MaskVolume,
  sphereCentresLPS: readonly Vec3[],
  limits: LiverPlausibilityLimits = DEFAULT_LIVER_LIMITS,
): LiverCheck[] {
  const [nx, ny, nz] = liver.dimensions;
  const { origin, spacing, direction: d } = liver;
  let count = 0;
  let k0 = nz;
  let k1 = -1;
  for (let k = 0; k < nz; k++)
    for (let index = k * nx * ny, end = index + nx * ny; index < end; index++)
      if (liver.voxels[index]) {
        count++;
        k0 = Math.min(k0, k);
        k1 = k;
      }
  const midline = count > 0 ? bodyMidlineX(pet, k0, k1) : 0;
  const x = rowX(liver);
  let right = 0;
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let k = k0; k <= k1; k++)
    for (let j = 0; j < ny; j++) {
      const start = x.start(j, k);
      const zRow = origin[2] + j * spacing[1] * d[5] + k * spacing[2] * d[8];
      for (let i = 0, index = voxelIndex(liver.dimensions, 0, j, k); i < nx; i++, index++) {
        if (!liver.voxels[index]) continue;
        if (start + i * x.step < midline) right++;
        const z = zRow + i * spacing[0] * d[2];
        if (z < zMin) zMin = z;
        if (z > zMax) zMax = z;
      }
    }
  // Voxel centres span one voxel less than the organ: add the extent of one voxel along z.
  const voxelZ = Math.abs(spacing[0] * d[2]) + Math.abs(spacing[1] * d[5]) + Math.abs(spacing[2] * d[8]);
  const extentMm = count > 0 ? zMax - zMin + voxelZ : 0;
  const volumeMl = count * voxelVolumeMl(liver);
  const rightPercent = count > 0 ? (100 * right) / count : 0;
  const inside = sphereCentresLPS.filter((centre) => {
    const [i, j, k] = lpsToIjk(liver, centre).map(Math.round);
    return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && liver.voxels[voxelIndex(liver.dimensions, i, j, k)] === 1;
  }).length;
  return [
    check('volume', Math.round(volumeMl), 'ml', { min: limits.minimumVolumeMl, max: limits.maximumVolumeMl }, (range) => `volume ${volumeMl.toFixed(0)} ml (a liver: ${range} ml)`),
    check('right-side', Math.round(rightPercent * 10) / 10, '%', { min: limits.minimumRightPercent }, (range) => `${rightPercent.toFixed(0)} % on the patient's right of the body's midline (a liver: ${range} %)`),
    check('craniocaudal-extent', Math.round(extentMm), 'mm', { max: limits.maximumCraniocaudalMm }, (range) => `craniocaudal extent ${extentMm.toFixed(0)} mm (a liver: ${range} mm)`),
    check('reference-spheres', inside, 'spheres', { min: sphereCentresLPS.length }, () => `${inside} of ${sphereCentresLPS.length} reference sphere centres inside the mask (all must be)`),
  ];
}

/**
 * The plausibility step of detect(): every automatic liver mask is checked; one from a SEG, a
 * click or the reader's brush is not (the reader chose it). When a check fails the caller lists
 * no candidates, and the message says which check failed and what is needed instead.
 */
export function checkedLiver(source: string, checks: () => LiverCheck[]): LiverCheckResult {
  if (source !== 'automatic') return { status: 'not-checked', checks: [], message: null };
  const all = checks();
  const failed = all.filter((item) => !item.passed);
  if (failed.length === 0) return { status: 'passed', checks: all, message: null };
  return {
    status: 'failed',
    checks: all,
    message:
      `The automatic liver mask does not look like a liver: ${failed.map((item) => item.text).join('; ')}. ` +
      'No candidates are listed: one click inside the liver (or a liver segmentation) is needed.',
  };
}
