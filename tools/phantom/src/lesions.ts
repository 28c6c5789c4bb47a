import type { Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import type { PhantomParameters } from './parameters';
import { Random } from './random';
import { RippledEllipsoid, Shape } from './shapes';

/** One true lesion, in LPS mm and SUVbw. */
export interface Lesion {
  /** 1-based; the value of this lesion in the truth and gold label maps. */
  id: number;
  centreLPS: Vec3;
  /** Nominal diameter (mm) before the slight elongation and surface ripples. */
  diameterMm: number;
  semiAxesMm: Vec3;
  /** Lesion-to-normal-liver ratio of the true (unblurred) uptake. */
  contrast: number;
  /** True SUVbw of the lesion's viable tissue. */
  suv: number;
  /** Relative uptake of the necrotic centre (1 = none); only large lesions have one. */
  coreUptakeFraction: number;
  /** True if its uptake was drawn near the PERCIST threshold on purpose. */
  nearThreshold: boolean;
  shape: Shape;
  /** The inner half (by radius), for a necrotic or less avid centre. */
  core: Shape;
}

/** Unit directions on which a lesion's surface is checked to lie inside the liver. */
const SURFACE_DIRECTIONS: Vec3[] = (() => {
  const directions: Vec3[] = [];
  for (const dx of [-1, 0, 1]) {
    for (const dy of [-1, 0, 1]) {
      for (const dz of [-1, 0, 1]) {
        if (dx === 0 && dy === 0 && dz === 0) continue;
        const norm = Math.hypot(dx, dy, dz);
        directions.push([dx / norm, dy / norm, dz / norm]);
      }
    }
  }
  return directions;
})();

/**
 * Places `count` non-confluent lesions inside the liver, each wholly inside it with a margin, and
 * separated by at least `lesionGapMm`. Sizes and uptake follow the parameters; `liverSuv` is this
 * patient's normal liver SUVmean and `noiseCov` its voxel CoV (to aim near-threshold lesions at the
 * expected PERCIST threshold, 1.5 × mean + 2 × SD).
 */
export function placeLesions(
  count: number,
  liver: Shape,
  liverSuv: number,
  noiseCov: number,
  params: PhantomParameters,
  random: Random,
): Lesion[] {
  const lesions: Lesion[] = [];
  const thresholdRatio = 1.5 + 2 * noiseCov;
  for (let n = 0; n < count; n++) {
    let diameter = random.logNormal(params.lesionDiameterMedianMm, params.lesionDiameterLogSd, params.lesionDiameterMinMm, params.lesionDiameterMaxMm);
    const nearThreshold = random.next() < params.nearThresholdFraction;
    const contrast = nearThreshold
      ? thresholdRatio * random.uniform(0.8, 1.3)
      : random.logNormal(params.lesionContrastMedian, params.lesionContrastLogSd, params.lesionContrastMin, params.lesionContrastMax);
    let placed: Lesion | undefined;
    for (let attempt = 0; attempt < 400 && !placed; attempt++) {
      // Shrink a lesion that does not fit after many tries rather than lose it.
      if (attempt > 0 && attempt % 100 === 0) diameter = Math.max(params.lesionDiameterMinMm, diameter * 0.75);
      const radius = diameter / 2;
      const centre: Vec3 = [
        random.uniform(liver.boundsMin[0], liver.boundsMax[0]),
        random.uniform(liver.boundsMin[1], liver.boundsMax[1]),
        random.uniform(liver.boundsMin[2], liver.boundsMax[2]),
      ];
      if (!fitsInside(liver, centre, radius * 1.2 + 4)) continue;
      const clear = lesions.every(
        (other) => Math.hypot(...([0, 1, 2].map((a) => other.centreLPS[a] - centre[a]) as Vec3)) > radius * 1.2 + other.diameterMm * 0.6 + params.lesionGapMm,
      );
      if (!clear) continue;
      const semiAxes: Vec3 = [radius * random.uniform(0.88, 1.12), radius * random.uniform(0.88, 1.12), radius * random.uniform(0.88, 1.12)];
      const angle = random.uniform(0, Math.PI);
      const shape = new RippledEllipsoid(centre, semiAxes, angle, 0.08, random);
      const core = new RippledEllipsoid(centre, semiAxes.map((s) => s * 0.5) as Vec3, angle, 0, random);
      const suv = liverSuv * contrast;
      placed = {
        id: lesions.length + 1,
        centreLPS: centre,
        diameterMm: diameter,
        semiAxesMm: semiAxes,
        contrast,
        suv,
        coreUptakeFraction: diameter > 25 ? random.uniform(0.4, 0.8) : 1,
        nearThreshold,
        shape,
        core,
      };
    }
    if (placed) lesions.push(placed);
  }
  return lesions;
}

function fitsInside(shape: Shape, centre: Vec3, clearance: number): boolean {
  if (!shape.contains(centre[0], centre[1], centre[2])) return false;
  return SURFACE_DIRECTIONS.every((d) => shape.contains(centre[0] + d[0] * clearance, centre[1] + d[1] * clearance, centre[2] + d[2] * clearance));
}
