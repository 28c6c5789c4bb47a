/**
 * Turns a review snapshot into the two DICOM objects of a report: the lesion SEG (one segment per
 * accepted or reader-added lesion, painted from the candidates' voxel regions) and the TID 1500
 * measurement report carrying the very statistics the panel shows. Runs in the browser and in Node;
 * the caller supplies the PET series' instance headers (no pixel data is needed).
 */
import {
  createLesionSeg,
  createMeasurementReport,
  DicomInputError,
  petSeriesFromDatasets,
  writePart10,
  type CandidateDecision,
  type LesionOrigin,
  type LesionSegResult,
  type MeasurementReportResult,
  type NaturalizedDataset,
  type ReferencedPetSeries,
} from '../../dicom';
import type { BuiltReport, ConfirmedLesion, ReviewSnapshot } from '../../state/reportTypes';
import { REJECTION_REASON_LABELS, type ReviewCandidate, type SegmentAlgorithmType } from '../../state/reviewTypes';
import { radiopharmaceuticalFromDataset, tracerCaution } from '../../core/suv/radiopharmaceutical';
import { lesionLabelVolume } from './lesionLabelVolume';

/** An earlier report instance the new SR supersedes, as the PACS knows it. */
export interface PredecessorInstance {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopClassUID: string;
  sopInstanceUID: string;
}

export interface ReportBuildContext {
  /** Naturalized headers of every instance of the PET series the review ran on (any order). */
  petInstances: readonly NaturalizedDataset[];
  /**
   * Where an earlier report instance lives (from the viewer's metadata or this session's records);
   * null when unknown, in which case it is named in the SR's settings instead of the predecessor list.
   */
  findPredecessor?: (sopInstanceUID: string) => PredecessorInstance | null;
  readerName?: string;
  createdAt?: Date;
}

/** The written objects with their datasets, for callers that need more than the bytes. */
export interface ReportObjects {
  built: BuiltReport;
  pet: ReferencedPetSeries;
  seg: LesionSegResult | null;
  sr: MeasurementReportResult;
  /** Earlier reports listed in the SR's PredecessorDocumentsSequence. */
  predecessors: PredecessorInstance[];
}

const ORIGIN_OF: Record<SegmentAlgorithmType, LesionOrigin> = { AUTOMATIC: 'automatic', SEMIAUTOMATIC: 'edited', MANUAL: 'manual' };

/** The reader's decision on a candidate, as the SR records it; null while it is pending. */
export function decisionForReport(candidate: ReviewCandidate): CandidateDecision | null {
  const { decision } = candidate;
  // Reader-added lesions have no detector score; detected ones keep theirs.
  const score = decision.kind !== 'added' && Number.isFinite(candidate.statistics.score) ? candidate.statistics.score : undefined;
  switch (decision.kind) {
    case 'pending':
      return null;
    case 'rejected': {
      const label = REJECTION_REASON_LABELS[decision.reason];
      const note = decision.note.trim();
      return { candidateId: candidate.id, decision: 'rejected', reason: note ? `${label}: ${note}` : label, score };
    }
    case 'accepted':
      return { candidateId: candidate.id, decision: 'accepted', ...(candidate.edited ? { reason: 'Boundary edited by the reader' } : {}), score };
    case 'added':
      return { candidateId: candidate.id, decision: 'added' };
  }
}

function segmentInput(lesion: ConfirmedLesion) {
  return {
    labelValue: lesion.segmentNumber,
    lesionId: lesion.candidate.id,
    label: `Lesion ${lesion.candidate.id}`,
    origin: ORIGIN_OF[lesion.algorithmType],
  };
}

/** Adds the SR Document General Module's PredecessorDocumentsSequence (one item per study). */
function withPredecessors(dataset: NaturalizedDataset, predecessors: PredecessorInstance[]): NaturalizedDataset {
  const byStudy = new Map<string, Map<string, PredecessorInstance[]>>();
  for (const predecessor of predecessors) {
    const series = byStudy.get(predecessor.studyInstanceUID) ?? new Map<string, PredecessorInstance[]>();
    byStudy.set(predecessor.studyInstanceUID, series);
    series.set(predecessor.seriesInstanceUID, [...(series.get(predecessor.seriesInstanceUID) ?? []), predecessor]);
  }
  return {
    ...dataset,
    PredecessorDocumentsSequence: [...byStudy].map(([studyInstanceUID, series]) => ({
      StudyInstanceUID: studyInstanceUID,
      ReferencedSeriesSequence: [...series].map(([seriesInstanceUID, instances]) => ({
        SeriesInstanceUID: seriesInstanceUID,
        ReferencedSOPSequence: instances.map((instance) => ({
          ReferencedSOPClassUID: instance.sopClassUID,
          ReferencedSOPInstanceUID: instance.sopInstanceUID,
        })),
      })),
    })),
  };
}

/**
 * Builds the SEG and SR of a snapshot. Lesion statistics go into the SR unchanged (they are the
 * panel's numbers: SUV in the PET's units, volume in ml); the SEG's segment n is the snapshot's
 * lesion with segmentNumber n. Without confirmed lesions (after the reader confirmed) only the SR
 * is written, and it says that none were confirmed.
 *
 * @throws DicomInputError naming the problem (headers of another series, a lesion off the grid,
 *   overlapping lesions, a report without lesions the reader did not confirm).
 */
export function buildReportObjects(snapshot: ReviewSnapshot, context: ReportBuildContext): ReportObjects {
  const pet = petSeriesFromDatasets([...context.petInstances]);
  if (pet.seriesInstanceUID !== snapshot.runInfo.petSeriesInstanceUID) {
    throw new DicomInputError(
      `The review was made on PET series ${snapshot.runInfo.petSeriesInstanceUID}, but the headers given are of series ${pet.seriesInstanceUID}.`,
    );
  }
  if (snapshot.lesions.length === 0 && !snapshot.zeroLesionsConfirmed) {
    throw new DicomInputError('No lesion is confirmed and the reader has not confirmed a report without lesions.');
  }
  const { algorithm, units, reference } = snapshot.runInfo;
  const createdAt = context.createdAt ?? new Date();

  let seg: LesionSegResult | null = null;
  if (snapshot.lesions.length > 0) {
    seg = createLesionSeg({
      pet,
      labels: lesionLabelVolume(pet, snapshot.lesions),
      segments: snapshot.lesions.map(segmentInput),
      algorithm: { name: algorithm.name, version: algorithm.version },
      createdAt,
    });
  }

  const predecessors: PredecessorInstance[] = [];
  const unresolved: string[] = [];
  for (const uid of snapshot.predecessorSopInstanceUIDs) {
    const found = context.findPredecessor?.(uid) ?? null;
    if (found) predecessors.push(found);
    else unresolved.push(uid);
  }
  const settings: Record<string, string | number | boolean> = { ...algorithm.settings, reviewRevision: snapshot.revision };
  const pending = snapshot.candidates.filter((candidate) => candidate.decision.kind === 'pending').map((candidate) => candidate.id);
  if (pending.length > 0) settings.undecidedCandidates = pending.join(',');
  if (unresolved.length > 0) settings.supersedes = unresolved.join(',');

  // The tracer comes from the same headers the SR refers to, so every report states its caution.
  const caution = tracerCaution(radiopharmaceuticalFromDataset(context.petInstances[0] ?? {}));
  const sr = createMeasurementReport({
    pet,
    seg: seg ?? undefined,
    lesions: snapshot.lesions.map((lesion) => ({ ...lesion.candidate.statistics, id: lesion.candidate.id })),
    units,
    liverReference: reference,
    decisions: snapshot.candidates.map(decisionForReport).filter((decision): decision is CandidateDecision => decision !== null),
    algorithm: { name: algorithm.name, version: algorithm.version, settings },
    ...(caution ? { cautions: [caution] } : {}),
    readerName: context.readerName,
    createdAt,
  });
  const srWithHistory: MeasurementReportResult =
    predecessors.length > 0
      ? (() => {
          const dataset = withPredecessors(sr.dataset, predecessors);
          return { ...sr, dataset, arrayBuffer: writePart10(dataset) };
        })()
      : sr;

  return {
    built: {
      ...(seg ? { seg: seg.arrayBuffer, segSopInstanceUID: seg.sopInstanceUID } : {}),
      sr: srWithHistory.arrayBuffer,
      srSopInstanceUID: srWithHistory.sopInstanceUID,
    },
    pet,
    seg,
    sr: srWithHistory,
    predecessors,
  };
}
