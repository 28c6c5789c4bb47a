import type { LiverReference, MaskVolume, PetVolume, Vec3 } from './types';
import type { DetectInput, LiverResult, PipelineSteps, PostprocessOptions } from './pipeline';
import { automaticLiverMask } from './liver/automaticLiverMask';
import { growRegionFromSeed } from './liver/growRegionFromSeed';
import { LiverNotFoundError } from './liver/LiverNotFoundError';
import { checkedLiver, liverPlausibilityChecks } from './liver/liverPlausibility';
import { boundingBoxOfMask } from './volume/boundingBoxOfMask';
import { expandBox } from './volume/expandBox';
import { cropVolume } from './volume/cropVolume';
import { voxelVolumeMl } from './volume/voxelIndex';
import { placeReferenceSpheres } from './reference/placeReferenceSpheres';
import { liverReference } from './reference/liverReference';
import { percistDetector } from './detectors/percist';
import { binarise } from './postprocess/binarise';
import { connectedComponents2D } from './postprocess/connectedComponents2D';
import { filterComponentsByArea } from './postprocess/filterComponentsByArea';
import { linkComponentsAcrossSlices } from './postprocess/linkComponentsAcrossSlices';
import { lesionStatistics } from './stats/lesionStatistics';

/** Liver from a given mask, else grown from a seed, else found automatically. */
export function findLiver(input: DetectInput): LiverResult {
  let mask: MaskVolume;
  let source: LiverResult['source'];
  if (input.liverMask) {
    mask = input.liverMask;
    source = input.liverMaskSource ?? 'seg';
  } else if (input.liverSeedLPS) {
    mask = growRegionFromSeed(input.pet, input.liverSeedLPS);
    source = 'seed';
  } else {
    mask = automaticLiverMask(input.pet, { ctOnPetGrid: input.ctOnPetGrid });
    source = 'automatic';
  }
  let count = 0;
  for (let index = 0; index < mask.voxels.length; index++) if (mask.voxels[index]) count++;
  if (count === 0) throw new LiverNotFoundError(source === 'seg' ? 'the liver segmentation is empty' : source === 'edited' ? 'the edited liver mask is empty' : 'the liver mask is empty');
  return { mask, source, volumeMl: count * voxelVolumeMl(input.pet) };
}

/** Crops PET and liver to the liver's bounding box plus a margin (mm). */
export function cropToLiver(pet: PetVolume, liver: MaskVolume, marginMm: number) {
  const tight = boundingBoxOfMask(liver);
  if (!tight) throw new LiverNotFoundError('the liver mask is empty');
  const box = expandBox(tight, pet, marginMm);
  const petCrop = cropVolume(pet, box);
  return {
    box,
    pet: { ...petCrop, units: pet.units, seriesInstanceUID: pet.seriesInstanceUID },
    liver: cropVolume(liver, box),
  };
}

/** PERCIST reference at the given centres, or at automatically placed ones. */
export function measureReference(pet: PetVolume, liver: MaskVolume, centresLPS?: Vec3[]) {
  const placement = centresLPS ? { centresLPS, warnings: [] } : placeReferenceSpheres(pet, liver);
  if (placement.centresLPS.length === 0) throw new LiverNotFoundError('no place in the liver holds a reference sphere');
  return { reference: liverReference(pet, liver, placement.centresLPS), warnings: placement.warnings };
}

/** Plausibility checks of an automatic liver, with the reference spheres placed in it. */
export function checkLiver(pet: PetVolume, liver: LiverResult, reference: LiverReference) {
  return checkedLiver(liver.source, () => liverPlausibilityChecks(pet, liver.mask, reference.spheres.map((sphere) => sphere.centreLPS)));
}

/** Binarise → 2D components per slice → pixel-area filter → link across slices. */
export function postprocessMap(map: Float32Array, pet: PetVolume, options: PostprocessOptions) {
  const mask = binarise(map, options.binariseAt);
  const components = filterComponentsByArea(connectedComponents2D(mask, pet.dimensions, options.connectivity), options.filterPx);
  return linkComponentsAcrossSlices(components, pet.dimensions);
}

/** Lesion statistics with scores from the detector map, slices numbered as in the full PET. */
export function measureLesions(pet: PetVolume, labels: Uint16Array, scores: Float32Array, sliceOffset: number) {
  return lesionStatistics(pet, labels, { scores, sliceOffset });
}

/** The default pipeline: classical PERCIST detector. */
export function defaultSteps(): PipelineSteps {
  return {
    liver: findLiver,
    crop: cropToLiver,
    reference: measureReference,
    liverCheck: checkLiver,
    detector: percistDetector(),
    postprocess: postprocessMap,
    statistics: measureLesions,
  };
}
