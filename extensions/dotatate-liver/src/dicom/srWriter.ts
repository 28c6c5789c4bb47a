/**
 * TID 1500 Imaging Measurement Report of the confirmed liver lesions, as a Comprehensive SR (the
 * IOD dcmqi uses for TID 1500 with volumetric groups: Referenced Segment is an IMAGE item, no
 * 3D spatial coordinates are needed). Structure:
 *
 *   Imaging Measurement Report (TID 1500)
 *     language, device observer (algorithm name / version), optional person observer,
 *     procedure reported
 *     Image Library (TID 1600): the PET instances
 *     Imaging Measurements: one TID 1411 volumetric group per lesion + one TID 1501 group for the
 *       liver reference (mean, SD, threshold)
 *     Qualitative Evaluations: each candidate's reader decision (and reason), the algorithm's
 *       settings, cautions (Comment, e.g. a tracer the detector is not validated for), or the
 *       statement that no lesions were confirmed
 */
import type { LesionStatistics, LiverReference, PetUnits } from '../core/types';
import { CODES, DEVICE_OBSERVER_UID, PRIVATE_SCHEME, PRIVATE_SCHEME_NAME, SOP_CLASS, UNITS, type Code } from './codes';
import { dicomDateTime, DicomInputError, writePart10, type NaturalizedDataset } from './dataset';
import type { ReferencedPetSeries } from './petSeries';
import {
  codeValue,
  container,
  derivation,
  imageReference,
  measurementMethod,
  numeric,
  personName,
  textValue,
  uidValue,
  type ContentItem,
} from './srContent';
import { defaultPatientStudy, SEGMENT_TRACKING_PREFIX } from './segWriter';
import { newUid } from './uid';

export type CandidateDecisionKind = 'accepted' | 'rejected' | 'added';

export interface CandidateDecision {
  /** The candidate's (or reader-added lesion's) id in the review. */
  candidateId: number;
  decision: CandidateDecisionKind;
  /** Required for 'rejected'. */
  reason?: string;
  /** Detector score in [0, 1] (absent for reader-added lesions). */
  score?: number;
}

export interface ReportAlgorithm {
  name: string;
  version: string;
  manufacturer?: string;
  /** Detector, pixel filter, model version, ...: recorded as "key=value" text items. */
  settings: Record<string, string | number | boolean>;
}

/** The SEG the report refers to (a `LesionSegResult` fits). */
export interface ReferencedSeg {
  sopInstanceUID: string;
  seriesInstanceUID: string;
  segments: { segmentNumber: number; lesionId: number; trackingUid: string; trackingId: string }[];
}

export interface CreateMeasurementReportInput {
  pet: ReferencedPetSeries;
  /** Required when there are lesions. */
  seg?: ReferencedSeg;
  /** Statistics of each confirmed lesion; `id` matches the SEG segment's lesionId. */
  lesions: LesionStatistics[];
  /** SUVbw, or relative units when the PET could not be calibrated. */
  units: PetUnits;
  liverReference?: LiverReference | null;
  decisions: CandidateDecision[];
  algorithm: ReportAlgorithm;
  /** Cautions for whoever reads the report (e.g. `tracerCaution`), written as Comment text items. */
  cautions?: string[];
  readerName?: string;
  procedureReported?: Code;
  seriesNumber?: number;
  seriesDescription?: string;
  createdAt?: Date;
}

export interface MeasurementReportResult {
  arrayBuffer: ArrayBuffer;
  dataset: NaturalizedDataset;
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

const DECISION_CODE: Record<CandidateDecisionKind, Code> = { accepted: CODES.accepted, rejected: CODES.rejected, added: CODES.added };

export function createMeasurementReport(input: CreateMeasurementReportInput): MeasurementReportResult {
  const { pet, seg, lesions } = input;
  if (lesions.length > 0 && !seg) {
    throw new DicomInputError('The report has lesions but no SEG to refer to: write the SEG first.');
  }
  for (const decision of input.decisions) {
    if (decision.decision === 'rejected' && !decision.reason?.trim()) {
      throw new DicomInputError(`Candidate ${decision.candidateId} was rejected without a reason.`);
    }
  }
  const segmentOf = (lesion: LesionStatistics) => {
    const segment = seg?.segments.find((s) => s.lesionId === lesion.id);
    if (!segment) throw new DicomInputError(`Lesion ${lesion.id} has no segment in the SEG; the report would not match it.`);
    return segment;
  };
  const groups = lesions.map((lesion) => lesionGroup(lesion, segmentOf(lesion), input));
  if (input.liverReference) groups.push(liverReferenceGroup(input.liverReference, input.units));

  const root = container('CONTAINS', CODES.imagingMeasurementReport, [
    codeValue('HAS CONCEPT MOD', CODES.languageOfContent, CODES.english),
    codeValue('HAS OBS CONTEXT', CODES.observerType, CODES.device),
    uidValue('HAS OBS CONTEXT', CODES.deviceObserverUid, DEVICE_OBSERVER_UID),
    textValue('HAS OBS CONTEXT', CODES.deviceObserverName, input.algorithm.name),
    textValue('HAS OBS CONTEXT', CODES.deviceObserverManufacturer, input.algorithm.manufacturer ?? input.algorithm.name),
    textValue('HAS OBS CONTEXT', CODES.deviceObserverModelName, `${input.algorithm.name} ${input.algorithm.version}`),
    ...(input.readerName
      ? [codeValue('HAS OBS CONTEXT', CODES.observerType, CODES.person), personName('HAS OBS CONTEXT', CODES.personObserverName, input.readerName)]
      : []),
    codeValue('HAS CONCEPT MOD', CODES.procedureReported, input.procedureReported ?? CODES.petWholeBody),
    imageLibrary(pet),
    ...(groups.length > 0 ? [container('CONTAINS', CODES.imagingMeasurements, groups)] : []),
    container('CONTAINS', CODES.qualitativeEvaluations, qualitativeEvaluations(input)),
  ], '1500');
  const { RelationshipType: _rootHasNoRelationship, ...rootContent } = root;

  const createdAt = input.createdAt ?? new Date();
  const { date, time } = dicomDateTime(createdAt);
  const sopInstanceUID = newUid();
  const seriesInstanceUID = newUid();
  const dataset: NaturalizedDataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SOP_CLASS.comprehensiveSr,
    SOPInstanceUID: sopInstanceUID,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    ...defaultPatientStudy(pet),
    Modality: 'SR',
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: input.seriesNumber ?? 902,
    SeriesDescription: input.seriesDescription ?? 'Liver lesion measurements',
    SeriesDate: date,
    SeriesTime: time,
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: input.algorithm.manufacturer ?? input.algorithm.name,
    SoftwareVersions: input.algorithm.version,
    InstanceNumber: 1,
    ContentDate: date,
    ContentTime: time,
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: [evidence(pet, seg)],
    CodingSchemeIdentificationSequence: [{ CodingSchemeDesignator: PRIVATE_SCHEME, CodingSchemeName: PRIVATE_SCHEME_NAME }],
    ...rootContent,
  };
  return { arrayBuffer: writePart10(dataset), dataset, sopInstanceUID, seriesInstanceUID };
}

function imageLibrary(pet: ReferencedPetSeries): ContentItem {
  const group = container('CONTAINS', CODES.imageLibraryGroup, [
    codeValue('HAS ACQ CONTEXT', CODES.modality, CODES.positronEmissionTomography),
    uidValue('HAS ACQ CONTEXT', CODES.frameOfReferenceUid, pet.frameOfReferenceUID),
    ...pet.instances.map((instance) => imageReference('CONTAINS', undefined, pet.sopClassUID, instance.sopInstanceUID)),
  ]);
  return container('CONTAINS', CODES.imageLibrary, [group], '1600');
}

/** SUV items: SUVbw with its UCUM unit, or the private relative-uptake concept without units. */
function uptake(units: PetUnits, value: number, which: Code): ContentItem {
  return units === 'SUVbw'
    ? numeric(CODES.suvbw, value, UNITS.suvbw, [derivation(which)])
    : numeric(CODES.relativeUptake, value, UNITS.noUnits, [derivation(which)]);
}

function lesionGroup(lesion: LesionStatistics, segment: ReferencedSeg['segments'][number], input: CreateMeasurementReportInput): ContentItem {
  const seg = input.seg as ReferencedSeg;
  return container('CONTAINS', CODES.measurementGroup, [
    textValue('HAS OBS CONTEXT', CODES.trackingIdentifier, segment.trackingId),
    uidValue('HAS OBS CONTEXT', CODES.trackingUniqueIdentifier, segment.trackingUid),
    codeValue('CONTAINS', CODES.finding, CODES.metastaticNeoplasm),
    imageReference('CONTAINS', CODES.referencedSegment, SOP_CLASS.segmentation, seg.sopInstanceUID, segment.segmentNumber),
    uidValue('CONTAINS', CODES.sourceSeriesForSegmentation, input.pet.seriesInstanceUID),
    ...(input.units === 'SUVbw' ? [measurementMethod(CODES.suvBodyWeightMethod)] : []),
    codeValue('HAS CONCEPT MOD', CODES.findingSite, CODES.liver),
    uptake(input.units, lesion.suvMax, CODES.maximum),
    uptake(input.units, lesion.suvMean, CODES.mean),
    uptake(input.units, lesion.suvPeak, CODES.peakValueWithinRoi),
    numeric(CODES.volume, lesion.volumeMl, UNITS.millilitre, [measurementMethod(CODES.sumOfSegmentedVoxelVolumes)]),
    // SUVbw (g/ml) × volume (ml) is a mass in g; relative units give a unitless product.
    numeric(CODES.totalLesionActivity, lesion.totalLesionActivity, input.units === 'SUVbw' ? UNITS.gram : UNITS.noUnits),
  ], '1411');
}

function liverReferenceGroup(reference: LiverReference, units: PetUnits): ContentItem {
  const threshold =
    units === 'SUVbw' ? numeric(CODES.percistThreshold, reference.threshold, UNITS.suvbw) : numeric(CODES.percistThreshold, reference.threshold, UNITS.noUnits);
  return container('CONTAINS', CODES.measurementGroup, [
    textValue('HAS OBS CONTEXT', CODES.trackingIdentifier, 'Liver reference'),
    uidValue('HAS OBS CONTEXT', CODES.trackingUniqueIdentifier, newUid()),
    codeValue('CONTAINS', CODES.finding, CODES.liverReferenceRegion),
    ...(units === 'SUVbw' ? [measurementMethod(CODES.suvBodyWeightMethod)] : []),
    codeValue('HAS CONCEPT MOD', CODES.findingSite, CODES.liver),
    uptake(units, reference.mean, CODES.mean),
    uptake(units, reference.sd, CODES.standardDeviation),
    threshold,
  ], '1501');
}

function qualitativeEvaluations(input: CreateMeasurementReportInput): ContentItem[] {
  const items: ContentItem[] = [];
  if (input.lesions.length === 0) items.push(codeValue('CONTAINS', CODES.finding, CODES.noLesionsConfirmed));
  for (const decision of input.decisions) {
    const properties: ContentItem[] = [textValue('HAS PROPERTIES', CODES.candidateIdentifier, String(decision.candidateId))];
    if (decision.reason?.trim()) properties.push(textValue('HAS PROPERTIES', CODES.decisionReason, decision.reason.trim()));
    if (decision.decision !== 'rejected') {
      properties.push(textValue('HAS PROPERTIES', CODES.trackingIdentifier, `${SEGMENT_TRACKING_PREFIX}${decision.candidateId}`));
    }
    if (decision.score !== undefined) properties.push({ ...numeric(CODES.detectorScore, decision.score, UNITS.noUnits), RelationshipType: 'HAS PROPERTIES' });
    items.push(codeValue('CONTAINS', CODES.readerDecision, DECISION_CODE[decision.decision], properties));
  }
  for (const caution of input.cautions ?? []) items.push(textValue('CONTAINS', CODES.comment, caution));
  items.push(textValue('CONTAINS', CODES.algorithmSetting, `algorithmVersion=${input.algorithm.version}`));
  for (const [key, value] of Object.entries(input.algorithm.settings)) {
    items.push(textValue('CONTAINS', CODES.algorithmSetting, `${key}=${String(value)}`));
  }
  return items;
}

/** CurrentRequestedProcedureEvidenceSequence: every instance the report refers to. */
function evidence(pet: ReferencedPetSeries, seg: ReferencedSeg | undefined): NaturalizedDataset {
  const series: NaturalizedDataset[] = [
    {
      SeriesInstanceUID: pet.seriesInstanceUID,
      ReferencedSOPSequence: pet.instances.map((instance) => ({ ReferencedSOPClassUID: pet.sopClassUID, ReferencedSOPInstanceUID: instance.sopInstanceUID })),
    },
  ];
  if (seg && seg.segments.length > 0) {
    series.push({
      SeriesInstanceUID: seg.seriesInstanceUID,
      ReferencedSOPSequence: [{ ReferencedSOPClassUID: SOP_CLASS.segmentation, ReferencedSOPInstanceUID: seg.sopInstanceUID }],
    });
  }
  return { StudyInstanceUID: pet.studyInstanceUID, ReferencedSeriesSequence: series };
}
