/**
 * Reads a TID 1500 report written by {@link createMeasurementReport} back into plain values, for
 * round trips and for reloading a report. SUV values are in the units the report states.
 */
import { CODES } from './codes';
import { DicomInputError, itemsOf, numberOf, readPart10, textOf, type NaturalizedDataset } from './dataset';
import type { CandidateDecisionKind } from './srWriter';
import { childNamed, childrenNamed, childrenOf, conceptOf, numericOf, sameCode, textValueOf, uidValueOf, valueCodeOf, type SrItem } from './srTree';
import type { Code } from './codes';

export interface ReportedLesion {
  trackingId: string;
  trackingUid: string;
  /** Parsed from the tracking identifier "Lesion <id>". */
  lesionId: number | undefined;
  segSopInstanceUID: string | undefined;
  segmentNumber: number | undefined;
  sourceSeriesInstanceUID: string | undefined;
  finding: Code | undefined;
  findingSite: Code | undefined;
  units: 'SUVbw' | 'relative';
  suvMax: number | undefined;
  suvMean: number | undefined;
  suvPeak: number | undefined;
  volumeMl: number | undefined;
  totalLesionActivity: number | undefined;
}

export interface ReportedDecision {
  candidateId: number;
  decision: CandidateDecisionKind;
  reason: string | undefined;
  score: number | undefined;
}

export interface ReadMeasurementReportResult {
  sopInstanceUID: string;
  procedureReported: Code | undefined;
  lesions: ReportedLesion[];
  liverReference: { mean: number | undefined; sd: number | undefined; threshold: number | undefined } | null;
  decisions: ReportedDecision[];
  noLesionsConfirmed: boolean;
  /** Comment items of the qualitative evaluations (e.g. the tracer caution). */
  cautions: string[];
  algorithm: { name: string | undefined; modelName: string | undefined; settings: Record<string, string> };
  dataset: NaturalizedDataset;
}

const DECISIONS: [Code, CandidateDecisionKind][] = [
  [CODES.accepted, 'accepted'],
  [CODES.rejected, 'rejected'],
  [CODES.added, 'added'],
];

export function readMeasurementReport(buffer: ArrayBuffer | Uint8Array): ReadMeasurementReportResult {
  const dataset = readPart10(buffer, 'DICOM SR');
  if (textOf(dataset, 'Modality') !== 'SR' || !sameCode(conceptOf(dataset), CODES.imagingMeasurementReport)) {
    throw new DicomInputError('The file is not a TID 1500 Imaging Measurement Report (DICOM SR).');
  }
  const measurements = childNamed(dataset, CODES.imagingMeasurements);
  const groups = measurements ? childrenNamed(measurements, CODES.measurementGroup) : [];
  const lesions: ReportedLesion[] = [];
  let liverReference: ReadMeasurementReportResult['liverReference'] = null;
  for (const group of groups) {
    if (sameCode(valueCodeOf(childNamed(group, CODES.finding) ?? {}), CODES.liverReferenceRegion)) {
      liverReference = {
        mean: uptakeWith(group, CODES.mean),
        sd: uptakeWith(group, CODES.standardDeviation),
        threshold: numericOf(childNamed(group, CODES.percistThreshold) ?? {})?.value,
      };
    } else {
      lesions.push(readLesionGroup(group));
    }
  }
  const evaluations = childNamed(dataset, CODES.qualitativeEvaluations);
  const decisions: ReportedDecision[] = (evaluations ? childrenNamed(evaluations, CODES.readerDecision) : []).map((item) => {
    const decision = DECISIONS.find(([code]) => sameCode(valueCodeOf(item), code))?.[1];
    const candidate = Number(textValueOf(childNamed(item, CODES.candidateIdentifier) ?? {}));
    if (!decision || !Number.isFinite(candidate)) throw new DicomInputError('A reader decision in the report lacks its decision or candidate.');
    return {
      candidateId: candidate,
      decision,
      reason: textValueOf(childNamed(item, CODES.decisionReason) ?? {}),
      score: numericOf(childNamed(item, CODES.detectorScore) ?? {})?.value,
    };
  });
  const settings: Record<string, string> = {};
  for (const item of evaluations ? childrenNamed(evaluations, CODES.algorithmSetting) : []) {
    const text = textValueOf(item) ?? '';
    const split = text.indexOf('=');
    if (split > 0) settings[text.slice(0, split)] = text.slice(split + 1);
  }
  const noLesionsConfirmed = (evaluations ? childrenNamed(evaluations, CODES.finding) : []).some((item) =>
    sameCode(valueCodeOf(item), CODES.noLesionsConfirmed),
  );
  const cautions = (evaluations ? childrenNamed(evaluations, CODES.comment) : []).map((item) => textValueOf(item) ?? '');
  return {
    sopInstanceUID: textOf(dataset, 'SOPInstanceUID') ?? '',
    procedureReported: valueCodeOf(childNamed(dataset, CODES.procedureReported) ?? {}),
    lesions,
    liverReference,
    decisions,
    noLesionsConfirmed,
    cautions,
    algorithm: {
      name: textValueOf(childNamed(dataset, CODES.deviceObserverName) ?? {}),
      modelName: textValueOf(childNamed(dataset, CODES.deviceObserverModelName) ?? {}),
      settings,
    },
    dataset,
  };
}

/** The value of the SUVbw (or relative uptake) item with the given derivation. */
function uptakeWith(group: SrItem, which: Code): number | undefined {
  const item = childrenOf(group).find(
    (child) =>
      (sameCode(conceptOf(child), CODES.suvbw) || sameCode(conceptOf(child), CODES.relativeUptake)) &&
      sameCode(valueCodeOf(childNamed(child, CODES.derivation) ?? {}), which),
  );
  return item ? numericOf(item)?.value : undefined;
}

function readLesionGroup(group: SrItem): ReportedLesion {
  const trackingId = textValueOf(childNamed(group, CODES.trackingIdentifier) ?? {}) ?? '';
  const idMatch = /^Lesion (-?\d+)$/.exec(trackingId);
  const reference = itemsOf(childNamed(group, CODES.referencedSegment) ?? {}, 'ReferencedSOPSequence')[0];
  return {
    trackingId,
    trackingUid: uidValueOf(childNamed(group, CODES.trackingUniqueIdentifier) ?? {}) ?? '',
    lesionId: idMatch ? Number(idMatch[1]) : undefined,
    segSopInstanceUID: reference ? textOf(reference, 'ReferencedSOPInstanceUID') : undefined,
    segmentNumber: reference ? numberOf(reference, 'ReferencedSegmentNumber') : undefined,
    sourceSeriesInstanceUID: uidValueOf(childNamed(group, CODES.sourceSeriesForSegmentation) ?? {}),
    finding: valueCodeOf(childNamed(group, CODES.finding) ?? {}),
    findingSite: valueCodeOf(childNamed(group, CODES.findingSite) ?? {}),
    units: childNamed(group, CODES.suvbw) ? 'SUVbw' : 'relative',
    suvMax: uptakeWith(group, CODES.maximum),
    suvMean: uptakeWith(group, CODES.mean),
    suvPeak: uptakeWith(group, CODES.peakValueWithinRoi),
    volumeMl: numericOf(childNamed(group, CODES.volume) ?? {})?.value,
    totalLesionActivity: numericOf(childNamed(group, CODES.totalLesionActivity) ?? {})?.value,
  };
}
