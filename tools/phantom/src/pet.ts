import type { Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import { Tissue } from './anatomy/tissues';
import { blurredNoiseVariance, fwhmToSigma, gaussianBlur3D } from './filters';
import { Grid, voxelCount } from './grid';
import type { Lesion } from './lesions';
import { Random } from './random';

/** Sub-sample offsets (fractions of a voxel) used to find how much of a voxel a lesion covers. */
const SUBSAMPLE_OFFSETS = [-0.25, 0.25];

/**
 * True (unblurred) activity in SUVbw on the fine grid: each tissue's uptake, a smooth variation
 * inside the liver, and the lesions with their partial coverage of boundary voxels.
 */
export function trueActivity(
  fineGrid: Grid,
  tissues: Uint8Array,
  tissueSuv: Float32Array,
  lesions: Lesion[],
  liverHeterogeneity: number,
  random: Random,
): Float32Array {
  const activity = new Float32Array(voxelCount(fineGrid));
  const [nx, ny, nz] = fineGrid.dimensions;
  const waves = Array.from({ length: 3 }, () => ({
    direction: [random.gaussian(), random.gaussian(), random.gaussian()] as Vec3,
    wavelengthMm: random.uniform(60, 160),
    phase: random.uniform(0, 2 * Math.PI),
  }));
  for (const wave of waves) {
    const norm = Math.hypot(...wave.direction) || 1;
    wave.direction = wave.direction.map((d) => d / norm) as Vec3;
  }
  for (let k = 0; k < nz; k++) {
    const z = fineGrid.origin[2] + k * fineGrid.spacing[2];
    for (let j = 0; j < ny; j++) {
      const y = fineGrid.origin[1] + j * fineGrid.spacing[1];
      for (let i = 0; i < nx; i++) {
        const index = i + j * nx + k * nx * ny;
        const tissue = tissues[index];
        let value = tissueSuv[tissue];
        if (tissue === Tissue.Liver && liverHeterogeneity > 0) {
          const x = fineGrid.origin[0] + i * fineGrid.spacing[0];
          let field = 0;
          for (const wave of waves) {
            const s = wave.direction[0] * x + wave.direction[1] * y + wave.direction[2] * z;
            field += Math.sin((2 * Math.PI * s) / wave.wavelengthMm + wave.phase);
          }
          value *= 1 + (liverHeterogeneity * field) / Math.sqrt(waves.length / 2);
        }
        activity[index] = value;
      }
    }
  }
  for (const lesion of lesions) paintLesion(fineGrid, activity, lesion);
  return activity;
}

function paintLesion(grid: Grid, activity: Float32Array, lesion: Lesion): void {
  const [nx, ny, nz] = grid.dimensions;
  const [sx, sy, sz] = grid.spacing;
  const range = (axis: number): [number, number] => [
    Math.max(0, Math.floor((lesion.shape.boundsMin[axis] - grid.origin[axis]) / grid.spacing[axis]) - 1),
    Math.min(grid.dimensions[axis] - 1, Math.ceil((lesion.shape.boundsMax[axis] - grid.origin[axis]) / grid.spacing[axis]) + 1),
  ];
  const [i0, i1] = range(0);
  const [j0, j1] = range(1);
  const [k0, k1] = range(2);
  const samples = SUBSAMPLE_OFFSETS.length ** 3;
  for (let k = k0; k <= k1 && k < nz; k++) {
    for (let j = j0; j <= j1 && j < ny; j++) {
      for (let i = i0; i <= i1 && i < nx; i++) {
        const cx = grid.origin[0] + i * sx;
        const cy = grid.origin[1] + j * sy;
        const cz = grid.origin[2] + k * sz;
        let coverage = 0;
        let uptake = 0;
        for (const ox of SUBSAMPLE_OFFSETS) {
          for (const oy of SUBSAMPLE_OFFSETS) {
            for (const oz of SUBSAMPLE_OFFSETS) {
              const x = cx + ox * sx;
              const y = cy + oy * sy;
              const z = cz + oz * sz;
              if (!lesion.shape.contains(x, y, z)) continue;
              coverage += 1;
              uptake += lesion.core.contains(x, y, z) ? lesion.coreUptakeFraction : 1;
            }
          }
        }
        if (coverage === 0) continue;
        const index = i + j * nx + k * nx * ny;
        activity[index] = activity[index] * (1 - coverage / samples) + (lesion.suv * uptake) / samples;
      }
    }
  }
}

/** The scanner's resolution: a 3D Gaussian point-spread function of the given FWHM (mm). */
export function applyPointSpread(grid: Grid, activity: Float32Array, fwhmMm: number): Float32Array {
  const sigma = fwhmToSigma(fwhmMm);
  return gaussianBlur3D(activity, grid.dimensions, [sigma / grid.spacing[0], sigma / grid.spacing[1], sigma / grid.spacing[2]]);
}

/**
 * Averages `factor` × `factor` in-plane blocks: the fine grid's voxels into the PET grid's
 * (what a PET voxel measures is the mean activity over its volume).
 */
export function downsampleInPlane(fineGrid: Grid, fine: Float32Array, factor: number): Float32Array {
  const [nx, ny, nz] = fineGrid.dimensions;
  const mx = nx / factor;
  const my = ny / factor;
  const coarse = new Float32Array(mx * my * nz);
  const weight = 1 / (factor * factor);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        coarse[Math.floor(i / factor) + Math.floor(j / factor) * mx + k * mx * my] += fine[i + j * nx + k * nx * ny] * weight;
      }
    }
  }
  return coarse;
}

/**
 * Adds spatially correlated noise: white Gaussian noise blurred by a Gaussian of
 * `correlationFwhmMm`, rescaled to unit variance, times SD = cov × √(SUV × liverSuv), so the
 * voxel CoV in normal liver is `cov` and falls as 1/√activity elsewhere (Poisson-like counts).
 * Negative values are clipped to 0, as reconstructed PET would show.
 */
export function addCorrelatedNoise(
  grid: Grid,
  clean: Float32Array,
  cov: number,
  liverSuv: number,
  correlationFwhmMm: number,
  random: Random,
): Float32Array {
  const white = new Float32Array(clean.length);
  for (let n = 0; n < white.length; n++) white[n] = random.gaussian();
  const sigma = fwhmToSigma(correlationFwhmMm);
  const sigmas: Vec3 = [sigma / grid.spacing[0], sigma / grid.spacing[1], sigma / grid.spacing[2]];
  const correlated = gaussianBlur3D(white, grid.dimensions, sigmas);
  const scale = 1 / Math.sqrt(blurredNoiseVariance(sigmas));
  const noisy = new Float32Array(clean.length);
  for (let n = 0; n < clean.length; n++) {
    const value = clean[n];
    const sd = cov * Math.sqrt(Math.max(value, 0) * liverSuv);
    noisy[n] = Math.max(0, value + sd * scale * correlated[n]);
  }
  return noisy;
}
