import type { LiverMaskSource, PetUnits, Vec3 } from './types';
import type { DetectionResult } from './pipeline';
import type { LiverCheckResult } from './liver/liverPlausibility';
import type { Radiopharmaceutical } from './suv/radiopharmaceutical';

export const DETECTION_SCHEMA = 'dotatate-liver-detection-v1';

/**
 * The stable JSON form of a detection (`result.json` of the CLI), documented in the detection
 * docs. Positions are LPS mm, volumes ml, uptake in `units`; slice indices count from the first
 * slice of the PET volume as ordered along its normal (0-based).
 */
export interface DetectionJson {
  schema: typeof DETECTION_SCHEMA;
  units: PetUnits;
  /** Why SUVbw could not be computed; null in SUVbw. */
  unitsReason: string | null;
  petSeries: { seriesInstanceUID: string; slices: number; dimensions: Vec3; spacing: Vec3 };
  liver: { volumeMl: number; source: LiverMaskSource };
  /** Plausibility checks of an automatic liver ('not-checked' for a SEG or a seed). */
  liverCheck: LiverCheckResult;
  /** The tracer named in the PET headers; null when not read. */
  radiopharmaceutical: Radiopharmaceutical | null;
  reference: { mean: number; sd: number; threshold: number; sphereRadiusMm: number; sphereCentresLPS: Vec3[] };
  lesions: {
    id: number;
    centroidLPS: Vec3;
    voxels: number;
    volumeMl: number;
    suvMax: number;
    suvMean: number;
    suvPeak: number;
    totalLesionActivity: number;
    longestAxialDiameterMm: number;
    sliceRange: [number, number];
    score: number;
  }[];
  detector: { name: string; version: string; filterPx: number; parameters: Readonly<Record<string, number | string | boolean>> };
  parameters: DetectionResult['parameters'];
  coreVersion: string;
  warnings: string[];
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));
const roundVec = (value: Vec3, digits = 2): Vec3 => [round(value[0], digits), round(value[1], digits), round(value[2], digits)];

/** Converts a detection result into its stable JSON form (numbers rounded for reading). */
export function toDetectionJson(result: DetectionResult, pet: { dimensions: Vec3; spacing: Vec3 }, unitsReason: string | null): DetectionJson {
  return {
    schema: DETECTION_SCHEMA,
    units: result.units,
    unitsReason,
    petSeries: { seriesInstanceUID: result.seriesInstanceUID, slices: pet.dimensions[2], dimensions: [...pet.dimensions], spacing: roundVec(pet.spacing, 4) },
    liver: { volumeMl: round(result.liver.volumeMl, 2), source: result.liver.source },
    liverCheck: result.liverCheck,
    radiopharmaceutical: result.radiopharmaceutical,
    reference: {
      mean: round(result.reference.mean),
      sd: round(result.reference.sd),
      threshold: round(result.reference.threshold),
      sphereRadiusMm: result.reference.spheres[0]?.radiusMm ?? 15,
      sphereCentresLPS: result.reference.spheres.map((sphere) => roundVec(sphere.centreLPS)),
    },
    lesions: result.lesions.map((lesion) => ({
      id: lesion.id,
      centroidLPS: roundVec(lesion.centroidLPS),
      voxels: lesion.voxels,
      volumeMl: round(lesion.volumeMl),
      suvMax: round(lesion.suvMax),
      suvMean: round(lesion.suvMean),
      suvPeak: round(lesion.suvPeak),
      totalLesionActivity: round(lesion.totalLesionActivity),
      longestAxialDiameterMm: round(lesion.longestAxialDiameterMm, 2),
      sliceRange: lesion.sliceRange,
      score: round(lesion.score),
    })),
    detector: { name: result.detector.name, version: result.detector.version, filterPx: result.parameters.filterPx, parameters: result.detector.parameters },
    parameters: result.parameters,
    coreVersion: result.coreVersion,
    warnings: result.warnings,
  };
}
