import type { MaskVolume, PetVolume, Vec3, VolumeGeometry } from '../../../src/core/types';
import { ijkToLps } from '../../../src/core/volume/ijkToLps';
import { gaussianSmoothMm } from '../../../src/core/detectors/gaussianSmoothMm';

/** An axis-aligned grid whose centre voxel sits near LPS (0, 0, 0). */
export function grid(dimensions: Vec3, spacing: Vec3): VolumeGeometry {
  return {
    dimensions,
    spacing,
    origin: [(-(dimensions[0] - 1) / 2) * spacing[0], (-(dimensions[1] - 1) / 2) * spacing[1], (-(dimensions[2] - 1) / 2) * spacing[2]],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
}

/** Calls `visit(index, lps)` for every voxel centre of the grid. */
export function forEachVoxel(geometry: VolumeGeometry, visit: (index: number, lps: Vec3) => void): void {
  const [nx, ny, nz] = geometry.dimensions;
  // LPS steps per voxel along i, j and k (origin + Σ index·spacing·direction, as ijkToLps).
  const stepI = ijkToLps({ ...geometry, origin: [0, 0, 0] }, [1, 0, 0]);
  const stepJ = ijkToLps({ ...geometry, origin: [0, 0, 0] }, [0, 1, 0]);
  const stepK = ijkToLps({ ...geometry, origin: [0, 0, 0] }, [0, 0, 1]);
  const [ox, oy, oz] = geometry.origin;
  let index = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const x = ox + j * stepJ[0] + k * stepK[0];
      const y = oy + j * stepJ[1] + k * stepK[1];
      const z = oz + j * stepJ[2] + k * stepK[2];
      for (let i = 0; i < nx; i++, index++) visit(index, [x + i * stepI[0], y + i * stepI[1], z + i * stepI[2]]);
    }
  }
}

/** Whether an LPS point lies inside an axis-aligned ellipsoid (centre and semi-axes in mm). */
export function insideEllipsoid(point: Vec3, centre: Vec3, semiAxes: Vec3): boolean {
  return ((point[0] - centre[0]) / semiAxes[0]) ** 2 + ((point[1] - centre[1]) / semiAxes[1]) ** 2 + ((point[2] - centre[2]) / semiAxes[2]) ** 2 <= 1;
}

/** Binary mask of a ball (centre LPS mm, radius mm) on a grid. */
export function sphereMask(geometry: VolumeGeometry, centre: Vec3, radiusMm: number): MaskVolume {
  const [nx, ny, nz] = geometry.dimensions;
  const voxels = new Uint8Array(nx * ny * nz);
  forEachVoxel(geometry, (index, lps) => {
    voxels[index] = insideEllipsoid(lps, centre, [radiusMm, radiusMm, radiusMm]) ? 1 : 0;
  });
  return { ...geometry, voxels };
}

/** Deterministic standard normal numbers (mulberry32 + Box–Muller). */
export function gaussianNoise(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

export interface AnalyticLesion {
  centre: Vec3;
  radiusMm: number;
  suv: number;
}

export interface AnalyticStudy {
  pet: PetVolume;
  liver: MaskVolume;
  lesions: AnalyticLesion[];
  /** Label volume of the lesions (1..n in the order given). */
  lesionLabels: Uint16Array;
  liverCentre: Vec3;
}

/** A hot organ outside the liver (e.g. a kidney touching it): ellipsoid in LPS mm, SUV. */
export interface AnalyticOrgan {
  centre: Vec3;
  semiAxes: Vec3;
  suv: number;
}

export interface AnalyticStudyOptions {
  lesions?: AnalyticLesion[];
  noiseCov?: number;
  seed?: number;
  liverSuv?: number;
  dimensions?: Vec3;
  spacing?: Vec3;
  /** Organs drawn outside the liver only (the liver wins where they overlap it). */
  organs?: AnalyticOrgan[];
  /** Scanner resolution (FWHM, mm) applied before the noise; 0 = sharp edges. */
  psfFwhmMm?: number;
  /** The liver ellipsoid (LPS mm); default centre (-55, 0, 0), semi-axes 75 × 65 × 60 mm (1.2 L). */
  liverShape?: { centre: Vec3; semiAxes: Vec3 };
}

/**
 * A small abdomen in SUV: body (1), liver ellipsoid on the patient's right (liverSuv),
 * spleen on the left (3 × liver), spherical lesions inside the liver, optional extra organs
 * outside it; an optional Gaussian blur (`psfFwhmMm`), then Gaussian noise with a coefficient
 * of variation `noiseCov` of the local value.
 */
export function analyticStudy(options: AnalyticStudyOptions = {}): AnalyticStudy {
  const { noiseCov = 0.08, seed = 1, liverSuv = 6, dimensions = [80, 64, 40], spacing = [4, 4, 4], organs = [], psfFwhmMm = 0 } = options;
  const lesions = options.lesions ?? [
    { centre: [-80, 0, -10], radiusMm: 12, suv: 24 },
    { centre: [-30, 30, 20], radiusMm: 9, suv: 20 },
    { centre: [-50, -35, -30], radiusMm: 7, suv: 30 },
  ];
  const geometry = grid(dimensions, spacing);
  const liverCentre: Vec3 = options.liverShape?.centre ?? [-55, 0, 0];
  const liverSemiAxes: Vec3 = options.liverShape?.semiAxes ?? [75, 65, 60];
  const count = dimensions[0] * dimensions[1] * dimensions[2];
  const voxels = new Float32Array(count);
  const liver = new Uint8Array(count);
  const lesionLabels = new Uint16Array(count);
  const noise = gaussianNoise(seed);
  const activity = new Float32Array(count);
  forEachVoxel(geometry, (index, lps) => {
    let value = 0;
    if (insideEllipsoid(lps, [0, 0, 0], [150, 110, 1000])) value = 1;
    if (insideEllipsoid(lps, [85, 20, 10], [30, 30, 35])) value = 3 * liverSuv;
    for (const organ of organs) if (insideEllipsoid(lps, organ.centre, organ.semiAxes)) value = organ.suv;
    if (insideEllipsoid(lps, liverCentre, liverSemiAxes)) {
      value = liverSuv;
      liver[index] = 1;
    }
    lesions.forEach((lesion, n) => {
      if (insideEllipsoid(lps, lesion.centre, [lesion.radiusMm, lesion.radiusMm, lesion.radiusMm])) {
        value = lesion.suv;
        lesionLabels[index] = n + 1;
      }
    });
    activity[index] = value;
  });
  const blurred = psfFwhmMm > 0 ? gaussianSmoothMm({ ...geometry, voxels: activity }, psfFwhmMm / 2.3548) : activity;
  for (let index = 0; index < count; index++) voxels[index] = blurred[index] > 0 ? Math.max(0, blurred[index] * (1 + noiseCov * noise())) : 0;
  return {
    pet: { ...geometry, voxels, units: 'SUVbw', seriesInstanceUID: '1.2.3' },
    liver: { ...geometry, voxels: liver },
    lesions,
    lesionLabels,
    liverCentre,
  };
}

/** Dice overlap of two binary masks. */
export function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let sum = 0;
  for (let index = 0; index < a.length; index++) {
    if (a[index] && b[index]) both++;
    sum += (a[index] ? 1 : 0) + (b[index] ? 1 : 0);
  }
  return sum === 0 ? 1 : (2 * both) / sum;
}
