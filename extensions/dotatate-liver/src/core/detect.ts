import type { DetectInput, DetectionResult, DetectOptions, PipelineSteps, PostprocessOptions } from './pipeline';
import { defaultSteps } from './defaultSteps';
import { pixelsForAreaMm2 } from './postprocess/filterComponentsByArea';
import { CancelledError } from './CancelledError';
import { CORE_VERSION } from './version';
import { tracerCaution } from './suv/radiopharmaceutical';

/** The paper's smallest pixel filter; the default for every detector. */
export const DEFAULT_FILTER_PX = 5;

/**
 * Finds liver lesion candidates on a PET volume (SUVbw or relative units), in the steps of
 * the design: liver → crop → reference → liver check → detector → post-process → statistics. Each
 * step can be replaced through `options.steps` (a U-Net detector is a DetectorStep like the PERCIST
 * one). An automatic liver that fails its plausibility checks stops the run before the detector:
 * the result then lists no candidates and `liverCheck` says which check failed (a wrong organ's
 * "lesions" would look like findings). A tracer other than an SSTR ligand adds a caution.
 * Progress is reported per stage; `isCancelled` is asked between stages and throws a
 * CancelledError. The result records the parameters, detector version and core version.
 * Geometry: maps and labels are on the crop (see `crop`, an IJK box of the full PET); lesion
 * centroids are LPS mm and slice ranges are slices of the full PET.
 */
export async function detect(input: DetectInput, options: DetectOptions = {}): Promise<DetectionResult> {
  const steps: PipelineSteps = { ...defaultSteps(), ...options.steps };
  const warnings: string[] = [];
  const cropMarginMm = options.cropMarginMm ?? 10;
  const postprocessOptions: PostprocessOptions = {
    binariseAt: options.binariseAt ?? 0.05,
    filterPx: options.filterMm2 !== undefined ? pixelsForAreaMm2(options.filterMm2, input.pet.spacing) : (options.filterPx ?? DEFAULT_FILTER_PX),
    connectivity: options.connectivity ?? 8,
  };
  const stage = (name: string, fraction = 0) => {
    if (options.isCancelled?.()) throw new CancelledError(name);
    options.onProgress?.(name, fraction);
  };
  if (input.pet.units === 'relative') warnings.push('PET values are in relative units: SUV could not be computed from the headers.');
  const caution = input.radiopharmaceutical ? tracerCaution(input.radiopharmaceutical) : null;
  if (caution) warnings.push(caution);

  stage('liver');
  const liver = steps.liver(input);

  stage('crop');
  const crop = steps.crop(input.pet, liver.mask, cropMarginMm);

  stage('reference');
  const { reference, warnings: referenceWarnings } = steps.reference(crop.pet, crop.liver, options.referenceCentresLPS);
  warnings.push(...referenceWarnings);

  stage('liverCheck');
  const liverCheck = steps.liverCheck(input.pet, liver, reference);
  const cropVoxels = crop.pet.voxels.length;
  let scoreMap: Float32Array = new Float32Array(cropVoxels);
  let labels: Uint16Array = new Uint16Array(cropVoxels);
  let lesions: DetectionResult['lesions'] = [];
  if (liverCheck.status !== 'failed') {
    stage('detector');
    scoreMap = await steps.detector.run(
      { pet: crop.pet, liver: crop.liver, reference },
      { onProgress: (fraction) => options.onProgress?.('detector', fraction), isCancelled: options.isCancelled },
    );

    stage('postprocess');
    labels = steps.postprocess(scoreMap, crop.pet, postprocessOptions).labels;

    stage('statistics');
    lesions = steps.statistics(crop.pet, labels, scoreMap, crop.box.min[2]);
  }

  options.onProgress?.('done', 1);
  return {
    units: input.pet.units,
    seriesInstanceUID: input.pet.seriesInstanceUID,
    liver,
    liverCheck,
    radiopharmaceutical: input.radiopharmaceutical ?? null,
    crop: crop.box,
    reference,
    scoreMap,
    lesionLabels: labels,
    cropGeometry: { dimensions: crop.pet.dimensions, spacing: crop.pet.spacing, origin: crop.pet.origin },
    lesions,
    detector: { name: steps.detector.name, version: steps.detector.version, parameters: steps.detector.parameters },
    parameters: { ...postprocessOptions, cropMarginMm, referenceCentresGiven: Boolean(options.referenceCentresLPS) },
    coreVersion: CORE_VERSION,
    warnings,
  };
}
