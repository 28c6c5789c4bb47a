import type { LiverReference, Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import { voxelVolumeMl } from '../grid';
import type { Study } from '../study';

/** One true lesion in truth.json. Positions in LPS mm, uptake in SUVbw. */
export interface TruthLesion {
  id: number;
  centreLPS: Vec3;
  /** Mean semi-axis (mm). */
  radiusMm: number;
  diameterMm: number;
  /** Volume of its voxels on the PET grid (ml). */
  volumeMl: number;
  voxelCount: number;
  /** First and last axial slice (k) it covers, inclusive. */
  sliceRange: [number, number];
  /** True uptake and its ratio to normal liver. */
  trueSuv: number;
  contrast: number;
  /** Mean and maximum SUV of the noisy PET over its voxels. */
  meanSuv: number;
  maxSuv: number;
  nearThreshold: boolean;
  /** True if its SUVmax exceeds the PERCIST threshold: it is part of the gold standard. */
  aboveThreshold: boolean;
  goldVoxelCount: number;
}

export interface Truth {
  seed: number;
  lesions: TruthLesion[];
  liver: { volumeMl: number; sliceRange: [number, number]; sliceCount: number; trueSuv: number; measuredSuvMean: number; measuredCov: number };
  reference: LiverReference;
  noiseCov: number;
  acquisition: Study['acquisition'];
  parameters: Study['parameters'];
}

/** Summarises the study's truth: lesions, liver, PERCIST reference, acquisition and parameters. */
export function buildTruth(study: Study): Truth {
  const grid = study.petGrid;
  const sliceSize = grid.dimensions[0] * grid.dimensions[1];
  const voxelMl = voxelVolumeMl(grid);
  const lesions = study.lesions.map((lesion, n): TruthLesion => {
    let count = 0;
    let sum = 0;
    let max = 0;
    let first = Number.POSITIVE_INFINITY;
    let last = -1;
    study.lesionLabels.forEach((label, index) => {
      if (label !== lesion.id) return;
      const value = study.petSuv[index];
      count += 1;
      sum += value;
      max = Math.max(max, value);
      const slice = Math.floor(index / sliceSize);
      first = Math.min(first, slice);
      last = Math.max(last, slice);
    });
    const gold = study.goldLesions[n];
    return {
      id: lesion.id,
      centreLPS: lesion.centreLPS.map((v) => Math.round(v * 100) / 100) as Vec3,
      radiusMm: (lesion.semiAxesMm[0] + lesion.semiAxesMm[1] + lesion.semiAxesMm[2]) / 3,
      diameterMm: lesion.diameterMm,
      volumeMl: count * voxelMl,
      voxelCount: count,
      sliceRange: [first, last],
      trueSuv: lesion.suv,
      contrast: lesion.contrast,
      meanSuv: count ? sum / count : 0,
      maxSuv: max,
      nearThreshold: lesion.nearThreshold,
      aboveThreshold: gold.aboveThreshold,
      goldVoxelCount: gold.voxelCount,
    };
  });
  let liverCount = 0;
  let normalSum = 0;
  let normalSquares = 0;
  let normalCount = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  study.liverMask.forEach((inside, index) => {
    if (!inside) return;
    liverCount += 1;
    const slice = Math.floor(index / sliceSize);
    first = Math.min(first, slice);
    last = Math.max(last, slice);
    if (study.lesionLabels[index] === 0) {
      const value = study.petSuv[index];
      normalSum += value;
      normalSquares += value * value;
      normalCount += 1;
    }
  });
  const mean = normalCount ? normalSum / normalCount : 0;
  const sd = normalCount > 1 ? Math.sqrt(Math.max(0, normalSquares / normalCount - mean * mean)) : 0;
  return {
    seed: study.seed,
    lesions,
    liver: {
      volumeMl: liverCount * voxelMl,
      sliceRange: [first, last],
      sliceCount: last - first + 1,
      trueSuv: study.liverSuv,
      measuredSuvMean: mean,
      measuredCov: mean ? sd / mean : 0,
    },
    reference: study.reference,
    noiseCov: study.noiseCov,
    acquisition: study.acquisition,
    parameters: study.parameters,
  };
}
