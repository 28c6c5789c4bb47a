/**
 * What the detection worker does with one request, as a plain async function (so it is tested in
 * Node without a Worker): rebuild the PET volume, run the core's detect(), and return candidates
 * as voxel regions on the full PET grid.
 */
import { detect } from '../core/detect';
import { pasteIntoVolume } from '../core/volume/pasteIntoVolume';
import type { LabelVolume, PetVolume } from '../core/types';
import { regionFromMask, regionsFromLabelVolume } from '../state/voxelRegion';
import type { DetectRequest, WorkerDetection } from './protocol';

/** The detector choices this build can run; the others say why not. */
export function unsupportedDetectorReason(choice: DetectRequest['options']['detector']): string | null {
  return choice === 'percist'
    ? null
    : 'The U-Net detector is not available in the viewer yet; the classical PERCIST detector runs instead.';
}

export async function runDetection(
  request: DetectRequest,
  onProgress: (stage: string, fraction: number) => void,
  now: () => number = () => performance.now(),
): Promise<WorkerDetection> {
  const reason = unsupportedDetectorReason(request.options.detector);
  if (reason) throw new Error(reason);
  const pet: PetVolume = { ...request.pet };
  const started = now();
  const result = await detect({ pet }, { filterPx: request.options.filterPx, onProgress });
  const labels: LabelVolume = { ...pet, voxels: new Uint16Array(pet.voxels.length) };
  pasteIntoVolume({ ...result.cropGeometry, direction: pet.direction, voxels: result.lesionLabels }, result.crop, labels);
  const regions = regionsFromLabelVolume(labels);
  const candidates = result.lesions.map((statistics) => {
    const region = regions.get(statistics.id);
    if (!region) throw new Error(`Lesion ${statistics.id} has statistics but no voxel on the label volume.`);
    return { statistics, region };
  });
  return {
    units: result.units,
    seriesInstanceUID: result.seriesInstanceUID,
    candidates,
    reference: result.reference,
    liver: { source: result.liver.source, volumeMl: result.liver.volumeMl, region: regionFromMask(result.liver.mask) },
    detector: { ...result.detector, parameters: { ...result.detector.parameters } },
    parameters: { ...result.parameters },
    coreVersion: result.coreVersion,
    warnings: result.warnings,
    elapsedMs: now() - started,
  };
}
