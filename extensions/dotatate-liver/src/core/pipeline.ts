import type { IjkBox, LesionStatistics, LiverMaskSource, LiverReference, MaskVolume, PetVolume, ScalarVolume, Vec3 } from './types';
import type { DetectorStep, StepContext } from './detectors/DetectorStep';
import type { LiverCheckResult } from './liver/liverPlausibility';
import type { Radiopharmaceutical } from './suv/radiopharmaceutical';

/** What detect() starts from. Every volume is on the PET grid. */
export interface DetectInput {
  pet: PetVolume;
  /** CT in HU resampled onto the PET grid; helps the automatic liver mask. */
  ctOnPetGrid?: ScalarVolume;
  /** A liver mask the reader or a SEG provided (takes precedence). */
  liverMask?: MaskVolume;
  /** Where a given `liverMask` came from: a SEG (default) or the reader's brush edit. */
  liverMaskSource?: 'seg' | 'edited';
  /** A point inside the liver (LPS, mm) to grow the mask from when no mask is given. */
  liverSeedLPS?: Vec3;
  /** The tracer as the PET headers name it (`radiopharmaceuticalFromDataset`); absent: not read by the caller. */
  radiopharmaceutical?: Radiopharmaceutical;
}

/** The liver as the pipeline found it, on the full PET grid. */
export interface LiverResult {
  mask: MaskVolume;
  source: LiverMaskSource;
  volumeMl: number;
}

/** The replaceable steps of detect(); each is a plain function. */
export interface PipelineSteps {
  liver(input: DetectInput): LiverResult;
  crop(pet: PetVolume, liver: MaskVolume, marginMm: number): { box: IjkBox; pet: PetVolume; liver: MaskVolume };
  reference(pet: PetVolume, liver: MaskVolume, centresLPS?: Vec3[]): { reference: LiverReference; warnings: string[] };
  /** Plausibility of an automatic liver (full PET grid); a failure stops detect() before the detector. */
  liverCheck(pet: PetVolume, liver: LiverResult, reference: LiverReference): LiverCheckResult;
  detector: DetectorStep;
  postprocess(map: Float32Array, pet: PetVolume, options: PostprocessOptions): { labels: Uint16Array; count: number };
  statistics(pet: PetVolume, labels: Uint16Array, scores: Float32Array, sliceOffset: number): LesionStatistics[];
}

export interface PostprocessOptions {
  /** Binarisation threshold of the detector map (paper: 0.05). */
  binariseAt: number;
  /** Pixel-area filter: 2D regions smaller than this are dropped. */
  filterPx: number;
  connectivity: 4 | 8;
}

export interface DetectOptions extends Partial<PostprocessOptions> {
  /** Margin (mm) around the liver's bounding box for the crop. */
  cropMarginMm?: number;
  /** Reference sphere centres (LPS, mm), e.g. after the reader moved them. */
  referenceCentresLPS?: Vec3[];
  /** Pixel filter given as an area (mm²) instead of pixels; converted with the PET spacing. */
  filterMm2?: number;
  /** Replace any step (defaults: automatic/SEG/seed liver, PERCIST detector, ...). */
  steps?: Partial<PipelineSteps>;
  onProgress?: (stage: string, fraction: number) => void;
  isCancelled?: () => boolean;
}

/** Everything detect() found, with the exact parameters that made it. */
export interface DetectionResult {
  units: PetVolume['units'];
  seriesInstanceUID: string;
  liver: LiverResult;
  /** The automatic liver's plausibility checks; when 'failed', no candidates are listed (`lesions` is empty). */
  liverCheck: LiverCheckResult;
  /** The tracer the caller read from the headers; null when it was not given. */
  radiopharmaceutical: Radiopharmaceutical | null;
  crop: IjkBox;
  reference: LiverReference;
  /** Detector map in [0, 1] on the crop grid. */
  scoreMap: Float32Array;
  /** Lesion labels (1..n, matching lesion ids) on the crop grid. */
  lesionLabels: Uint16Array;
  cropGeometry: { dimensions: Vec3; spacing: Vec3; origin: Vec3 };
  lesions: LesionStatistics[];
  detector: { name: string; version: string; parameters: Readonly<Record<string, number | string | boolean>> };
  parameters: PostprocessOptions & { cropMarginMm: number; referenceCentresGiven: boolean };
  coreVersion: string;
  warnings: string[];
}

export type { StepContext };
