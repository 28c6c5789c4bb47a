import type { InstanceMetadata } from '@cornerstonejs/calculate-suv';

/** A DICOM data set in dcmjs's naturalized form (keywords as keys). */
export type NaturalizedDataset = Record<string, unknown>;

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function asNumber(value: unknown): number | undefined {
  const single = first(value);
  if (single === undefined || single === null || single === '') return undefined;
  const number = typeof single === 'number' ? single : Number(single);
  return Number.isFinite(number) ? number : undefined;
}

function asString(value: unknown): string | undefined {
  const single = first(value);
  return single === undefined || single === null ? undefined : String(single);
}

/** A private tag as dcmjs leaves it when it does not know the keyword: "7053xxxx" → { Value }. */
function privateNumber(dataset: NaturalizedDataset, tag: string): number | undefined {
  const element = dataset[tag];
  if (element && typeof element === 'object' && 'Value' in element) {
    return asNumber((element as { Value: unknown }).Value);
  }
  return asNumber(element);
}

/**
 * The header fields @cornerstonejs/calculate-suv needs, read from one naturalized PET
 * instance (radiopharmaceutical fields from the first item of
 * RadiopharmaceuticalInformationSequence; Philips SUV factors from (7053,1000) and
 * (7053,1009); GE post-injection time from (0009,100D)). Missing values stay undefined, so
 * the SUV step can say what was missing.
 */
export function instanceMetadataFromDataset(dataset: NaturalizedDataset): InstanceMetadata {
  const radiopharmaceutical = (first(dataset.RadiopharmaceuticalInformationSequence) ?? {}) as NaturalizedDataset;
  const corrected = dataset.CorrectedImage;
  const suvScaleFactor = privateNumber(dataset, '70531000');
  const activityScaleFactor = privateNumber(dataset, '70531009');
  const metadata: InstanceMetadata = {
    CorrectedImage: Array.isArray(corrected) ? corrected.map(String) : (asString(corrected) ?? '').split('\\'),
    Units: asString(dataset.Units) ?? '',
    RadionuclideHalfLife: asNumber(radiopharmaceutical.RadionuclideHalfLife) as number,
    RadionuclideTotalDose: asNumber(radiopharmaceutical.RadionuclideTotalDose) as number,
    DecayCorrection: asString(dataset.DecayCorrection) ?? '',
    PatientWeight: asNumber(dataset.PatientWeight) as number,
    SeriesDate: asString(dataset.SeriesDate) ?? '',
    SeriesTime: asString(dataset.SeriesTime) ?? '',
    AcquisitionDate: asString(dataset.AcquisitionDate) ?? '',
    AcquisitionTime: asString(dataset.AcquisitionTime) ?? '',
    RadiopharmaceuticalStartTime: asString(radiopharmaceutical.RadiopharmaceuticalStartTime),
    RadiopharmaceuticalStartDateTime: asString(radiopharmaceutical.RadiopharmaceuticalStartDateTime),
    FrameReferenceTime: asNumber(dataset.FrameReferenceTime),
    ActualFrameDuration: asNumber(dataset.ActualFrameDuration),
    PatientSize: asNumber(dataset.PatientSize),
    PatientSex: asString(dataset.PatientSex),
  };
  if (suvScaleFactor !== undefined || activityScaleFactor !== undefined) {
    metadata.PhilipsPETPrivateGroup = { SUVScaleFactor: suvScaleFactor, ActivityConcentrationScaleFactor: activityScaleFactor };
  }
  const postInjection = asString(dataset['0009100D'] && typeof dataset['0009100D'] === 'object' ? (dataset['0009100D'] as { Value?: unknown }).Value : dataset['0009100D']);
  if (postInjection) metadata.GEPrivatePostInjectionDateTime = postInjection;
  return metadata;
}
