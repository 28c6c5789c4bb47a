import type { LiverReference } from 'ohif-extension-dotatate-liver/src/core/types';
import { drawAnatomy } from './anatomy/anatomy';
import { Tissue, drawTissueSuv } from './anatomy/tissues';
import { drawLesionCount, PAPER_COHORT } from './cohortDesign';
import { synthesizeCt } from './ct';
import { delineateGoldStandard, GoldLesion, measureLiverReference } from './goldStandard';
import { axialGrid, Grid, voxelCount } from './grid';
import { Lesion, placeLesions } from './lesions';
import { PhantomParameters, resolveParameters } from './parameters';
import { addCorrelatedNoise, applyPointSpread, downsampleInPlane, trueActivity } from './pet';
import { Random } from './random';
import { forEachVoxelInside, paintTissues } from './raster';

/** PET matrix (the paper's 2D net works on 128 × 128 slices); CT has twice the in-plane sampling. */
export const PET_MATRIX = 128;
export const CT_MATRIX = 256;

/** The patient and acquisition behind one study; times are local clock times on `studyDate`. */
export interface Acquisition {
  patientName: string;
  patientId: string;
  patientSex: 'F' | 'M';
  patientAgeYears: number;
  weightKg: number;
  heightM: number;
  /** YYYYMMDD. */
  studyDate: string;
  /** Seconds after midnight of the injection and of the PET series start. */
  injectionSeconds: number;
  seriesStartSeconds: number;
  /** Injected 68Ga activity at injection time (Bq). */
  injectedBq: number;
}

export interface StudyOptions {
  seed: number;
  /** Lesion count (0 = normal study); drawn from the paper's distribution when absent. */
  lesionCount?: number;
  parameters?: Partial<PhantomParameters>;
  /** Also synthesise the CT (needed for DICOM output; the training export does not use it). */
  withCt?: boolean;
}

/** One generated study: volumes on the PET grid (and CT grid), and their truth. */
export interface Study {
  seed: number;
  parameters: PhantomParameters;
  acquisition: Acquisition;
  petGrid: Grid;
  ctGrid: Grid;
  /** Noisy PET in SUVbw on the PET grid: what the scanner shows. */
  petSuv: Float32Array;
  /** CT in HU on the CT grid (absent when not requested). */
  ctHu?: Int16Array;
  /** 1 inside the liver (PET grid). */
  liverMask: Uint8Array;
  /** True lesions: 0 background, lesion id 1..n (PET grid, voxel centre inside the lesion). */
  lesionLabels: Uint16Array;
  /** Paper-style gold standard: lesion id of each lesion above the PERCIST threshold (PET grid). */
  goldLabels: Uint16Array;
  lesions: Lesion[];
  goldLesions: GoldLesion[];
  reference: LiverReference;
  /** This patient's true normal-liver SUV and voxel noise CoV. */
  liverSuv: number;
  noiseCov: number;
}

const FIRST_NAMES_F = ['Anna', 'Berit', 'Clara', 'Dora', 'Eva', 'Frida', 'Greta', 'Hanna'];
const FIRST_NAMES_M = ['Anton', 'Bruno', 'Carl', 'David', 'Emil', 'Felix', 'Georg', 'Hugo'];

function drawAcquisition(seed: number, params: PhantomParameters, random: Random): Acquisition {
  const patientSex = random.next() < 68 / 125 ? 'F' : 'M';
  const names = patientSex === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M;
  const day = new Date(Date.UTC(2019, 0, 1) + random.integer(0, 729) * 86400000);
  const studyDate = day.toISOString().slice(0, 10).replace(/-/g, '');
  const injectionSeconds = random.integer(8 * 3600, 14 * 3600);
  const uptakeSeconds = Math.round(random.uniform(params.uptakeMinutesMin, params.uptakeMinutesMax) * 60);
  return {
    patientName: `Phantom^${names[random.integer(0, names.length - 1)]}`,
    patientId: `PHANTOM-${String(seed).padStart(4, '0')}`,
    patientSex,
    patientAgeYears: Math.round(random.truncatedNormal(61.2, 13.4, 25, 90)),
    weightKg: Math.round(random.uniform(params.patientWeightKgMin, params.patientWeightKgMax) * 10) / 10,
    heightM: Math.round(random.uniform(1.55, 1.9) * 100) / 100,
    studyDate,
    injectionSeconds,
    seriesStartSeconds: injectionSeconds + uptakeSeconds,
    injectedBq: Math.round(random.uniform(params.injectedMBqMin, params.injectedMBqMax) * 10) * 1e5,
  };
}

/**
 * Generates one study from its seed. Steps: anatomy → tissue labels on the fine (CT) grid → true
 * SUV with lesions → point-spread blur → average onto the PET grid → correlated noise → liver mask
 * and truth labels → PERCIST reference and gradient-edge gold standard → CT.
 */
export function generateStudy(options: StudyOptions): Study {
  const params = resolveParameters(options.parameters);
  const { seed } = options;
  const random = (purpose: string): Random => Random.derive(seed, purpose);

  const anatomy = drawAnatomy(params, random('anatomy'));
  const lesionCount =
    options.lesionCount ?? (random('abnormal').next() < PAPER_COHORT.abnormal / PAPER_COHORT.studies ? drawLesionCount(random('lesion-count')) : 0);
  const sliceCount = Math.ceil((anatomy.zMaxMm - anatomy.zMinMm) / params.sliceThicknessMm) + 1;
  const petGrid = axialGrid(PET_MATRIX, params.fieldOfViewMm, sliceCount, params.sliceThicknessMm, anatomy.zMinMm);
  const ctGrid = axialGrid(CT_MATRIX, params.fieldOfViewMm, sliceCount, params.sliceThicknessMm, anatomy.zMinMm);

  const tissueSuv = drawTissueSuv(params, random('uptake'));
  const liverSuv = tissueSuv[Tissue.Liver];
  const noiseRandom = random('noise-level');
  const noiseCov = noiseRandom.uniform(params.noiseCovMin, params.noiseCovMax);
  const lesions = placeLesions(lesionCount, anatomy.liver, liverSuv, noiseCov, params, random('lesions'));

  const fineTissues = paintTissues(ctGrid, anatomy.organs);
  const activity = trueActivity(ctGrid, fineTissues, tissueSuv, lesions, params.liverHeterogeneity, random('heterogeneity'));
  const blurred = applyPointSpread(ctGrid, activity, params.psfFwhmMm);
  const clean = downsampleInPlane(ctGrid, blurred, CT_MATRIX / PET_MATRIX);
  const petSuv = addCorrelatedNoise(petGrid, clean, noiseCov, liverSuv, params.noiseCorrelationFwhmMm, random('noise'));

  const petTissues = paintTissues(petGrid, anatomy.organs);
  const liverMask = new Uint8Array(voxelCount(petGrid));
  for (let n = 0; n < liverMask.length; n++) liverMask[n] = petTissues[n] === Tissue.Liver ? 1 : 0;
  const lesionLabels = labelLesions(petGrid, lesions, liverMask);

  const reference = measureLiverReference(petGrid, petSuv, liverMask, lesions, random('reference'));
  const goldLabels = new Uint16Array(voxelCount(petGrid));
  const goldLesions = delineateGoldStandard(petGrid, petSuv, liverMask, lesions, reference.threshold, params.psfFwhmMm, goldLabels);

  const ctHu = options.withCt ? synthesizeCt(ctGrid, fineTissues, lesions, params.ctNoiseHu, random('ct')) : undefined;
  return {
    seed,
    parameters: params,
    acquisition: drawAcquisition(seed, params, random('acquisition')),
    petGrid,
    ctGrid,
    petSuv,
    ctHu,
    liverMask,
    lesionLabels,
    goldLabels,
    lesions,
    goldLesions,
    reference,
    liverSuv,
    noiseCov,
  };
}

/** Lesion id at every PET voxel whose centre lies in the lesion (and the liver); at least its centre voxel. */
function labelLesions(grid: Grid, lesions: Lesion[], liverMask: Uint8Array): Uint16Array {
  const labels = new Uint16Array(voxelCount(grid));
  const [nx, ny] = grid.dimensions;
  for (const lesion of lesions) {
    let count = 0;
    forEachVoxelInside(grid, lesion.shape, (index) => {
      if (!liverMask[index]) return;
      labels[index] = lesion.id;
      count += 1;
    });
    if (count === 0) {
      const [i, j, k] = [0, 1, 2].map((a) => Math.round((lesion.centreLPS[a] - grid.origin[a]) / grid.spacing[a]));
      labels[i + j * nx + k * nx * ny] = lesion.id;
    }
  }
  return labels;
}
