import { radiopharmaceuticalFromDataset, tracerCaution } from '../core/suv/radiopharmaceutical';
import type { OhifDisplaySet, OhifInstance } from './ohifTypes';
import { radiopharmaceuticalItem, suvScalingStatus } from './suvScalingStatus';

/** Plain description of a display set, as the panel shows it. */
export interface PetDisplaySetDescription {
  displaySetInstanceUID: string;
  modality: string;
  isPet: boolean;
  seriesDescription: string;
  /** Axial slices (image frames) in the display set. */
  numberOfSlices: number;
  /** Radiopharmaceutical name, else the radionuclide's code meaning; null when the headers have neither. */
  radiopharmaceutical: string | null;
  /** Why to review with care: the tracer is not an SSTR ligand, or not named; null for an SSTR ligand or a series that is not PET. */
  tracerCaution: string | null;
  suvScalingAvailable: boolean;
  suvScalingReason: string;
  /** Multiplies rescaled stored values to give SUVbw (g/ml), when available. */
  suvBodyWeightFactor?: number;
}

function instancesOf(displaySet: OhifDisplaySet): OhifInstance[] {
  if (Array.isArray(displaySet.instances) && displaySet.instances.length > 0) {
    return displaySet.instances;
  }
  if (Array.isArray(displaySet.images) && displaySet.images.length > 0) {
    return displaySet.images;
  }
  return displaySet.instance ? [displaySet.instance] : [];
}

function codeMeaning(sequence: unknown): string | undefined {
  const item = Array.isArray(sequence) ? sequence[0] : sequence;
  if (item && typeof item === 'object') {
    const meaning = (item as Record<string, unknown>).CodeMeaning;
    return typeof meaning === 'string' && meaning.trim() !== '' ? meaning.trim() : undefined;
  }
  return undefined;
}

/** Radiopharmaceutical from RadiopharmaceuticalInformationSequence (name, then code meanings). */
export function radiopharmaceuticalName(instance: OhifInstance | undefined): string | null {
  const item = instance ? radiopharmaceuticalItem(instance) : undefined;
  if (!item) {
    return null;
  }
  const name = typeof item.Radiopharmaceutical === 'string' ? item.Radiopharmaceutical.trim() : '';
  return (
    (name !== '' ? name : undefined) ??
    codeMeaning(item.RadiopharmaceuticalCodeSequence) ??
    codeMeaning(item.RadionuclideCodeSequence) ??
    null
  );
}

function numberOfSlices(displaySet: OhifDisplaySet, instances: OhifInstance[]): number {
  if (typeof displaySet.numImageFrames === 'number' && displaySet.numImageFrames > 0) {
    return displaySet.numImageFrames;
  }
  if (instances.length === 1) {
    const frames = Number(instances[0].NumberOfFrames);
    return Number.isFinite(frames) && frames > 0 ? frames : 1;
  }
  return instances.length;
}

/**
 * Describes an OHIF display set in plain data: modality, series description, slice count,
 * radiopharmaceutical and whether SUVbw scaling is available (decided by
 * @cornerstonejs/calculate-suv on the first instance's headers, as OHIF decides pre-scaling).
 */
export function describePetDisplaySet(displaySet: OhifDisplaySet): PetDisplaySetDescription {
  const instances = instancesOf(displaySet);
  const first = instances[0];
  const modality = String(displaySet.Modality ?? first?.Modality ?? '').toUpperCase();
  const isPet = modality === 'PT';
  const suv = isPet
    ? suvScalingStatus(first)
    : { available: false, reason: `${modality || 'This'} series is not PET; SUV does not apply.` };
  const seriesDescription = String(displaySet.SeriesDescription ?? first?.SeriesDescription ?? '').trim();
  return {
    displaySetInstanceUID: displaySet.displaySetInstanceUID,
    modality: modality || 'unknown',
    isPet,
    seriesDescription: seriesDescription || '(no series description)',
    numberOfSlices: numberOfSlices(displaySet, instances),
    radiopharmaceutical: radiopharmaceuticalName(first),
    tracerCaution: isPet ? tracerCaution(radiopharmaceuticalFromDataset(first ?? {})) : null,
    suvScalingAvailable: suv.available,
    suvScalingReason: suv.reason,
    ...(suv.available && 'suvBodyWeightFactor' in suv ? { suvBodyWeightFactor: suv.suvBodyWeightFactor } : {}),
  };
}
