/**
 * What the detection worker does with one request, as a plain async function (so it is tested in
 * Node without a Worker): rebuild the PET volume, run the core's detect() with the chosen detector
 * (classical, U-Net, or both fused by voxel-wise maximum), and return candidates as voxel regions
 * on the full PET grid, with the backend the U-Net ran on and why.
 */
import { detect } from '../core/detect';
import { defaultSteps } from '../core/defaultSteps';
import type { DetectorStep } from '../core/detectors/DetectorStep';
import { pasteIntoVolume } from '../core/volume/pasteIntoVolume';
import type { LabelVolume, MaskVolume, PetVolume } from '../core/types';
import { asCoreDetectorStep, fusedDetectorStep } from '../inference/coreDetectorStep';
import type { UnetDetectorStep, UnetProbabilityMap } from '../inference/unetDetectorStep';
import { describeInvalidRegion, paintRegion, regionFromMask, regionsFromLabelVolume, type VoxelRegion } from '../state/voxelRegion';
import type { DetectRequest, InferenceSummary, ModelLocation, WorkerDetection } from './protocol';

/** Gives the worker's (cached) U-Net step for a model; rejects with ModelUnavailableError. */
export type UnetStepProvider = (location: ModelLocation) => Promise<UnetDetectorStep>;

export interface RunDetectionServices {
  now?: () => number;
  /** Needed for 'unet' and 'both' (the worker passes its cache of openUnetInWorker). */
  unet?: UnetStepProvider;
}

function summarise(step: UnetDetectorStep, result: UnetProbabilityMap | null): InferenceSummary {
  const { backend } = step;
  return {
    backend: backend.backend,
    detail: backend.detail,
    reason: backend.reason,
    attempts: backend.attempts.map((attempt) => ({ ...attempt })),
    model: { name: step.model.name, version: step.model.version, sha256: step.model.sha256 },
    slicesRun: result?.slicesRun ?? 0,
    milliseconds: result?.milliseconds ?? 0,
  };
}

async function chooseDetector(
  request: DetectRequest,
  services: RunDetectionServices,
): Promise<{ detector?: DetectorStep; unet?: UnetDetectorStep; lastResult: () => UnetProbabilityMap | null }> {
  const choice = request.options.detector;
  if (choice === 'percist') return { lastResult: () => null };
  if (!request.model) throw new Error('The U-Net was chosen but the request names no model (the viewer did not configure the model location).');
  if (!services.unet) throw new Error('This detection worker cannot run the U-Net.');
  const unet = await services.unet(request.model);
  let result: UnetProbabilityMap | null = null;
  const unetDetector = asCoreDetectorStep(unet, (map) => {
    result = map;
  });
  const detector = choice === 'unet' ? unetDetector : fusedDetectorStep(unetDetector, defaultSteps().detector);
  return { detector, unet, lastResult: () => result };
}

/** PERCIST measures the reference in three spheres; an edited liver must hold all three. */
export const REFERENCE_SPHERE_COUNT = 3;

/** The reader's edited liver as a mask on the PET grid; throws, saying why, when it does not fit the PET. */
function givenLiverMask(region: VoxelRegion, pet: PetVolume): MaskVolume {
  const problem = describeInvalidRegion(region);
  if (problem) throw new Error(`The edited liver mask cannot be used: ${problem}.`);
  if (region.dimensions.some((size, axis) => size !== pet.dimensions[axis])) {
    throw new Error(`The edited liver mask is on a ${region.dimensions.join(' × ')} grid, the PET on ${pet.dimensions.join(' × ')}.`);
  }
  const voxels = new Uint8Array(pet.voxels.length);
  paintRegion(region, voxels, 1);
  return { dimensions: [...pet.dimensions], spacing: [...pet.spacing], origin: [...pet.origin], direction: [...pet.direction], voxels };
}

export async function runDetection(
  request: DetectRequest,
  onProgress: (stage: string, fraction: number) => void,
  services: RunDetectionServices = {},
): Promise<WorkerDetection> {
  const now = services.now ?? (() => performance.now());
  const pet: PetVolume = { ...request.pet };
  const started = now();
  const { detector, unet, lastResult } = await chooseDetector(request, services);
  const { liverSeedLPS, referenceCentresLPS, liverMask } = request.options;
  const liverInput = liverMask ? { liverMask: givenLiverMask(liverMask, pet), liverMaskSource: 'edited' as const } : liverSeedLPS ? { liverSeedLPS } : {};
  const result = await detect({ pet, ...liverInput }, { filterPx: request.options.filterPx, referenceCentresLPS, onProgress, steps: detector ? { detector } : undefined });
  if (liverMask && result.reference.spheres.length < REFERENCE_SPHERE_COUNT) {
    // The core relaxes its rules and measures fewer spheres; for a mask the reader drew, say so instead.
    throw new Error(
      `The edited liver mask is too small for the reference: only ${result.reference.spheres.length} of ${REFERENCE_SPHERE_COUNT} 3 cm spheres fit in it without overlapping. Paint more of the liver, or cancel the edit.`,
    );
  }
  const labels: LabelVolume = { ...pet, voxels: new Uint16Array(pet.voxels.length) };
  pasteIntoVolume({ ...result.cropGeometry, direction: pet.direction, voxels: result.lesionLabels }, result.crop, labels);
  const regions = regionsFromLabelVolume(labels);
  const candidates = result.lesions.map((statistics) => {
    const region = regions.get(statistics.id);
    if (!region) throw new Error(`Lesion ${statistics.id} has statistics but no voxel on the label volume.`);
    return { statistics, region };
  });
  const unetResult = lastResult();
  return {
    units: result.units,
    seriesInstanceUID: result.seriesInstanceUID,
    candidates,
    reference: result.reference,
    liver: { source: result.liver.source, volumeMl: result.liver.volumeMl, region: regionFromMask(result.liver.mask) },
    liverCheck: result.liverCheck,
    detector: { ...result.detector, parameters: { ...result.detector.parameters } },
    parameters: { ...result.parameters },
    coreVersion: result.coreVersion,
    warnings: [...result.warnings, ...(unetResult?.warnings ?? [])],
    elapsedMs: now() - started,
    ...(unet ? { inference: summarise(unet, unetResult) } : {}),
  };
}
