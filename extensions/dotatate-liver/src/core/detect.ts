import type { DetectInput, DetectionResult, DetectOptions, PipelineSteps, PostprocessOptions } from './pipeline';
import { defaultSteps } from './defaultSteps';
import { pixelsForAreaMm2 } from './postprocess/filterComponentsByArea';
import { CancelledError } from './CancelledError';
import { CORE_VERSION } from './version';

/** The paper's smallest pixel filter; the default for every detector. */
export const DEFAULT_FILTER_PX = 5;

/**
 * Finds liver lesion candidates on a PET volume (SUVbw or relative units), in the steps of
 * the design: liver → crop → reference → detector → post-process → statistics. Each step can be
 * replaced through `options.steps` (a U-Net detector is a DetectorStep like the PERCIST one).
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

  stage('liver');
  const liver = steps.liver(input);

  stage('crop');
  const crop = steps.crop(input.pet, liver.mask, cropMarginMm);

  stage('reference');
  const { reference, warnings: referenceWarnings } = steps.reference(crop.pet, crop.liver, options.referenceCentresLPS);
  warnings.push(...referenceWarnings);

  stage('detector');
  const scoreMap = await steps.detector.run(
    { pet: crop.pet, liver: crop.liver, reference },
    { onProgress: (fraction) => options.onProgress?.('detector', fraction), isCancelled: options.isCancelled },
  );

  stage('postprocess');
  const { labels } = steps.postprocess(scoreMap, crop.pet, postprocessOptions);

  stage('statistics');
  const lesions = steps.statistics(crop.pet, labels, scoreMap, crop.box.min[2]);

  options.onProgress?.('done', 1);
  return {
    units: input.pet.units,
    seriesInstanceUID: input.pet.seriesInstanceUID,
    liver,
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
