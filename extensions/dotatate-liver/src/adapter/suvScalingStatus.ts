import { calculateSUVScalingFactors, type InstanceMetadata } from '@cornerstonejs/calculate-suv';
import type { OhifInstance } from './ohifTypes';

/**
 * Whether a PET instance's headers allow SUV body-weight scaling. OHIF pre-scales PT images to
 * SUVbw exactly when these headers are complete, so this answers "are the voxels SUVbw?".
 * `suvBodyWeightFactor` multiplies rescaled stored values (Bq/ml for BQML) to give SUVbw (g/ml).
 */
export interface SuvScalingStatus {
  available: boolean;
  /** Why scaling is or is not available, in words a reader understands. */
  reason: string;
  suvBodyWeightFactor?: number;
}

function firstItem(value: unknown): Record<string, unknown> | undefined {
  const item = Array.isArray(value) ? value[0] : value;
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : undefined;
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.trim() === '' ? undefined : value.trim();
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (Array.isArray(value) && value.length > 0) {
    return asString(value[0]);
  }
  return undefined;
}

function asNumber(value: unknown): number | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  const parsed = typeof single === 'string' ? Number(single) : single;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
}

function asStringList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    return value.map(item => String(item));
  }
  const text = asString(value);
  return text === undefined ? undefined : text.split('\\');
}

/** The radiopharmaceutical item of an instance (OHIF keeps sequences as arrays, sometimes as one object). */
export function radiopharmaceuticalItem(instance: OhifInstance): Record<string, unknown> | undefined {
  return firstItem(instance.RadiopharmaceuticalInformationSequence);
}

/**
 * Collects what @cornerstonejs/calculate-suv needs from a naturalized instance. Returns the names
 * of the attributes that are missing when the input is incomplete.
 */
export function toSuvInstanceMetadata(
  instance: OhifInstance,
): { metadata: InstanceMetadata; missing: [] } | { metadata?: undefined; missing: string[] } {
  const radiopharmaceutical = radiopharmaceuticalItem(instance) ?? {};
  const fields = {
    CorrectedImage: asStringList(instance.CorrectedImage),
    Units: asString(instance.Units),
    RadionuclideHalfLife: asNumber(radiopharmaceutical.RadionuclideHalfLife),
    RadionuclideTotalDose: asNumber(radiopharmaceutical.RadionuclideTotalDose),
    DecayCorrection: asString(instance.DecayCorrection),
    PatientWeight: asNumber(instance.PatientWeight),
    SeriesDate: asString(instance.SeriesDate),
    SeriesTime: asString(instance.SeriesTime),
    AcquisitionDate: asString(instance.AcquisitionDate),
    AcquisitionTime: asString(instance.AcquisitionTime),
  };
  const missing = Object.entries(fields)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  const startTime = asString(radiopharmaceutical.RadiopharmaceuticalStartTime);
  const startDateTime = asString(radiopharmaceutical.RadiopharmaceuticalStartDateTime);
  if (startTime === undefined && startDateTime === undefined) {
    missing.push('RadiopharmaceuticalStartTime');
  }
  if (missing.length > 0) {
    return { missing };
  }
  const metadata: InstanceMetadata = {
    // Every field was checked above, so none is undefined here.
    ...(fields as { [Key in keyof typeof fields]: Exclude<(typeof fields)[Key], undefined> }),
    RadiopharmaceuticalStartTime: startTime,
    RadiopharmaceuticalStartDateTime: startDateTime,
    FrameReferenceTime: asNumber(instance.FrameReferenceTime),
    ActualFrameDuration: asNumber(instance.ActualFrameDuration),
    PatientSize: asNumber(instance.PatientSize),
    PatientSex: asString(instance.PatientSex),
  };
  return { metadata, missing: [] };
}

/** Instance metadata objects do not change once loaded, so each is evaluated once (the panel asks often). */
const statusByInstance = new WeakMap<OhifInstance, SuvScalingStatus>();

/** Decides SUVbw availability for a PET instance with @cornerstonejs/calculate-suv. */
export function suvScalingStatus(instance: OhifInstance | undefined): SuvScalingStatus {
  if (!instance) {
    return { available: false, reason: 'The series has no instance metadata loaded yet.' };
  }
  const known = statusByInstance.get(instance);
  if (known) {
    return known;
  }
  const status = computeSuvScalingStatus(instance);
  statusByInstance.set(instance, status);
  return status;
}

function computeSuvScalingStatus(instance: OhifInstance): SuvScalingStatus {
  const collected = toSuvInstanceMetadata(instance);
  if (collected.metadata === undefined) {
    return {
      available: false,
      reason: `SUV headers are incomplete (missing ${collected.missing.join(', ')}); values stay in scanner units.`,
    };
  }
  try {
    const [factors] = calculateSUVScalingFactors([collected.metadata]);
    if (!factors || !Number.isFinite(factors.suvbw) || factors.suvbw <= 0) {
      return { available: false, reason: 'The SUV headers give no usable body-weight factor.' };
    }
    return {
      available: true,
      reason: `SUVbw from headers (Units ${collected.metadata.Units}, decay correction ${collected.metadata.DecayCorrection}).`,
      suvBodyWeightFactor: factors.suvbw,
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { available: false, reason: `SUV scaling is not possible from these headers: ${detail}` };
  }
}
