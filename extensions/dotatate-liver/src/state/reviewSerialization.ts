/**
 * The review as JSON, so it survives a page reload (the adapter keeps it in sessionStorage) and
 * can be restored after checking every field. The undo history is not saved: it would repeat every
 * candidate's voxels per step; the decisions themselves are.
 * Version 2 adds the liver of the last run (its region, source, volume, and the reader's committed
 * seed and sphere centres), so the liver controls work after a reload without a new run; a
 * version 1 save still restores, without a liver.
 */
import type { LiverMaskSource, Vec3 } from '../core/types';
import { describeInvalidStatistics } from './detectionValidation';
import { createInitialReviewState } from './reviewState';
import type { CandidateDecision, ReviewCandidate, ReviewState, SortDirection, SortKey, StoredReportRecord } from './reviewTypes';
import { REJECTION_REASONS } from './reviewTypes';
import { describeInvalidRegion, type VoxelRegion } from './voxelRegion';

export const REVIEW_FORMAT = 'dotatate-liver-review';
export const REVIEW_FORMAT_VERSION = 2;
/** Versions this viewer reads: 1 (no liver) and 2. */
const READABLE_VERSIONS: readonly number[] = [1, 2];

/**
 * The liver of the last successful run as the review session keeps it: the mask on the PET grid
 * (linear IJK runs), where it came from and its volume (ml), and what the reader committed for the
 * next runs: the liver seed and moved sphere centres (LPS mm; null: automatic). When the source is
 * 'edited' the region is the reader's edited mask, which later runs use.
 */
export interface SavedLiver {
  region: VoxelRegion;
  source: LiverMaskSource;
  volumeMl: number;
  seedLPS: Vec3 | null;
  referenceCentresLPS: Vec3[] | null;
}

const LIVER_SOURCES: readonly LiverMaskSource[] = ['seg', 'automatic', 'seed', 'edited'];

/** A saved review that cannot be restored; the message says why. */
export class ReviewRestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewRestoreError';
  }
}

/** The review (and the liver of its last run, when the session has one) as JSON. */
export function serializeReview(state: ReviewState, liver: SavedLiver | null = null): string {
  const run = state.run.status === 'running' ? { status: 'idle' as const } : state.run;
  return JSON.stringify({
    format: REVIEW_FORMAT,
    version: REVIEW_FORMAT_VERSION,
    candidates: state.candidates,
    runInfo: state.runInfo,
    run,
    revision: state.revision,
    lastRevisionIssued: state.lastRevisionIssued,
    nextCandidateId: state.nextCandidateId,
    lastRunId: state.lastRunId,
    sort: state.sort,
    selectedId: state.selectedId,
    storedReports: state.storedReports,
    liver,
  });
}

function fail(message: string): never {
  throw new ReviewRestoreError(`The saved review cannot be restored: ${message}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonNegativeInteger(value: unknown, name: string): number {
  if (!Number.isInteger(value) || (value as number) < 0) fail(`${name} is not a non-negative integer`);
  return value as number;
}

function readDecision(value: unknown, id: number): CandidateDecision {
  if (!isRecord(value)) fail(`candidate ${id} has no decision`);
  switch (value.kind) {
    case 'pending':
    case 'accepted':
    case 'added':
      return { kind: value.kind };
    case 'rejected':
      if (!REJECTION_REASONS.includes(value.reason as (typeof REJECTION_REASONS)[number])) fail(`candidate ${id} has an unknown rejection reason`);
      return { kind: 'rejected', reason: value.reason as (typeof REJECTION_REASONS)[number], note: typeof value.note === 'string' ? value.note : '' };
    default:
      return fail(`candidate ${id} has an unknown decision`);
  }
}

function readCandidate(value: unknown, position: number): ReviewCandidate {
  if (!isRecord(value)) fail(`entry ${position + 1} of the candidates is not a candidate`);
  const id = value.id;
  if (!Number.isInteger(id) || (id as number) < 1) fail(`entry ${position + 1} of the candidates has no valid id`);
  const statisticsProblem = describeInvalidStatistics(value.statistics);
  if (statisticsProblem) fail(`candidate ${id}: ${statisticsProblem}`);
  const regionProblem = describeInvalidRegion(value.region);
  if (regionProblem) fail(`candidate ${id}: ${regionProblem}`);
  const label = value.detectionLabel;
  if (label !== null && !Number.isInteger(label)) fail(`candidate ${id} has an invalid detection label`);
  return {
    id: id as number,
    detectionLabel: label as number | null,
    statistics: { ...(value.statistics as ReviewCandidate['statistics']), id: id as number },
    region: value.region as ReviewCandidate['region'],
    decision: readDecision(value.decision, id as number),
    edited: value.edited === true,
    keptFromEarlierRun: value.keptFromEarlierRun === true,
  };
}

function readStoredReport(value: unknown): StoredReportRecord {
  if (!isRecord(value) || typeof value.srSopInstanceUID !== 'string' || typeof value.storedAt !== 'string') {
    fail('a stored report record is incomplete');
  }
  return {
    revision: nonNegativeInteger(value.revision, 'a stored report revision'),
    srSopInstanceUID: value.srSopInstanceUID,
    segSopInstanceUID: typeof value.segSopInstanceUID === 'string' ? value.segSopInstanceUID : null,
    storedAt: value.storedAt,
  };
}

const SORT_KEYS: readonly SortKey[] = ['id', 'suvMax', 'suvPeak', 'volume', 'slices', 'score'];
const SORT_DIRECTIONS: readonly SortDirection[] = ['ascending', 'descending'];

function isVec3(value: unknown): value is Vec3 {
  return Array.isArray(value) && value.length === 3 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function readLiver(value: unknown): SavedLiver | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) fail('the liver is not a liver record');
  const regionProblem = describeInvalidRegion(value.region);
  if (regionProblem) fail(`the liver: ${regionProblem}`);
  if (!LIVER_SOURCES.includes(value.source as LiverMaskSource)) fail('the liver has an unknown source');
  if (typeof value.volumeMl !== 'number' || !Number.isFinite(value.volumeMl) || value.volumeMl < 0) fail('the liver volume is not a number of ml');
  if (value.seedLPS !== null && !isVec3(value.seedLPS)) fail('the liver seed is not an LPS point');
  const centres = value.referenceCentresLPS;
  if (centres !== null && !(Array.isArray(centres) && centres.every(isVec3))) fail('the reference sphere centres are not LPS points');
  return {
    region: value.region as VoxelRegion,
    source: value.source as LiverMaskSource,
    volumeMl: value.volumeMl,
    seedLPS: value.seedLPS as Vec3 | null,
    referenceCentresLPS: centres as Vec3[] | null,
  };
}

/** Reads a review written by serializeReview; throws ReviewRestoreError naming the first problem. */
export function parseSerializedReview(json: string): ReviewState {
  return parseSavedReview(json).review;
}

/** Reads a saved review and the liver saved with it (null in a version 1 save or before any run). */
export function parseSavedReview(json: string): { review: ReviewState; liver: SavedLiver | null } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    fail('it is not valid JSON');
  }
  if (!isRecord(data) || data.format !== REVIEW_FORMAT) fail('it is not a saved review');
  if (!READABLE_VERSIONS.includes(data.version as number)) {
    fail(`it was saved in format version ${String(data.version)}, this viewer reads ${READABLE_VERSIONS.join(' and ')}`);
  }
  if (!Array.isArray(data.candidates)) fail('it has no list of candidates');
  const candidates = data.candidates.map(readCandidate);
  const ids = new Set(candidates.map((c) => c.id));
  if (ids.size !== candidates.length) fail('two candidates share an id');
  const nextCandidateId = nonNegativeInteger(data.nextCandidateId, 'the next candidate id');
  if (candidates.some((c) => c.id >= nextCandidateId)) fail('a candidate id is not below the next candidate id');
  const revision = nonNegativeInteger(data.revision, 'the revision');
  const lastRevisionIssued = nonNegativeInteger(data.lastRevisionIssued, 'the last revision');
  if (revision > lastRevisionIssued) fail('the revision is ahead of the last revision issued');
  if (data.runInfo !== null && !(isRecord(data.runInfo) && typeof data.runInfo.petSeriesInstanceUID === 'string')) {
    fail('the detection run information is incomplete');
  }
  const sort = isRecord(data.sort) ? data.sort : {};
  const storedReports = Array.isArray(data.storedReports) ? data.storedReports.map(readStoredReport) : fail('it has no list of stored reports');
  const selectedId = Number.isInteger(data.selectedId) && ids.has(data.selectedId as number) ? (data.selectedId as number) : null;
  const run = isRecord(data.run) && ['idle', 'done', 'cancelled', 'failed'].includes(data.run.status as string) ? data.run : { status: 'idle' };
  const liver = data.version === 1 ? null : readLiver(data.liver);
  const review: ReviewState = {
    ...createInitialReviewState(),
    candidates: candidates.sort((a, b) => a.id - b.id),
    runInfo: data.runInfo as ReviewState['runInfo'],
    run: run as ReviewState['run'],
    revision,
    lastRevisionIssued,
    nextCandidateId,
    lastRunId: nonNegativeInteger(data.lastRunId, 'the last run id'),
    sort: {
      key: SORT_KEYS.includes(sort.key as SortKey) ? (sort.key as SortKey) : 'id',
      direction: SORT_DIRECTIONS.includes(sort.direction as SortDirection) ? (sort.direction as SortDirection) : 'ascending',
    },
    selectedId,
    storedReports,
  };
  return { review, liver };
}
