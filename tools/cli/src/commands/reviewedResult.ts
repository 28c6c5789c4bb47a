/**
 * The reviewed result file of `dotatate-liver report`: detect's result.json where each lesion may
 * carry the reader's decision, and reader-added lesions are appended with their voxels.
 *
 *   lesions[n].decision: { "kind": "accepted" }
 *                      | { "kind": "rejected", "reason": "edge-slice" | "below-threshold" | "misregistration" | "physiologic-uptake" | "other", "note"?: "..." }
 *                      | { "kind": "added" }                (a lesion the reader drew: needs "region")
 *     or just the string "accepted" / "added".  No decision = pending (listed as undecided).
 *   lesions[n].region?: { "dimensions": [columns, rows, slices], "runs": [start, length, ...] }
 *     linear IJK voxel indices (i + j·columns + k·columns·rows) on the PET grid: the voxels of an
 *     added lesion, or the reader's edited boundary of a detected one (statistics are recomputed).
 */
import { readFileSync } from 'node:fs';
import type { DetectionJson } from 'ohif-extension-dotatate-liver/src/core';
import { describeInvalidRegion, REJECTION_REASONS, type CandidateDecision, type RejectionReason, type VoxelRegion } from 'ohif-extension-dotatate-liver/src/state';
import { UsageError } from '../command';

export type ReviewedLesion = DetectionJson['lesions'][number] & { decision: CandidateDecision; region: VoxelRegion | null };

export interface ReviewedResult extends Omit<DetectionJson, 'lesions'> {
  lesions: ReviewedLesion[];
}

function parseDecision(raw: unknown, where: string): CandidateDecision {
  if (raw === undefined || raw === null || raw === 'pending') return { kind: 'pending' };
  const value = typeof raw === 'string' ? { kind: raw } : (raw as Record<string, unknown>);
  const kind = typeof value === 'object' && value !== null ? value.kind : undefined;
  if (kind === 'accepted' || kind === 'added' || kind === 'pending') return { kind };
  if (kind === 'rejected') {
    const reason = value.reason;
    if (typeof reason !== 'string' || !REJECTION_REASONS.includes(reason as RejectionReason)) {
      throw new UsageError(`${where}: a rejection needs a "reason", one of ${REJECTION_REASONS.join(', ')}`);
    }
    const note = typeof value.note === 'string' ? value.note : '';
    if (reason === 'other' && !note.trim()) throw new UsageError(`${where}: the reason "other" needs a "note" saying why`);
    return { kind: 'rejected', reason: reason as RejectionReason, note };
  }
  throw new UsageError(`${where}: "decision" must be accepted, rejected (with a reason), added or pending, not ${JSON.stringify(raw)}`);
}

/** Reads and checks the reviewed result; every problem names the lesion and the field. */
export function readReviewedResult(path: string): ReviewedResult {
  let json: Omit<DetectionJson, 'lesions'> & { lesions: Array<Record<string, unknown>> };
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as typeof json;
  } catch (error) {
    throw new UsageError(`cannot read the result file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== 'object' || json === null || !Array.isArray(json.lesions) || typeof json.petSeries?.seriesInstanceUID !== 'string') {
    throw new UsageError(`${path} is not a result file of "dotatate-liver detect" (no lesions or petSeries)`);
  }
  const seen = new Set<number>();
  const lesions = json.lesions.map((lesion, index): ReviewedLesion => {
    const where = `${path}: lesions[${index}]${Number.isInteger(lesion.id) ? ` (id ${String(lesion.id)})` : ''}`;
    if (!Number.isInteger(lesion.id) || (lesion.id as number) < 1) throw new UsageError(`${where}: "id" must be a whole number ≥ 1`);
    if (seen.has(lesion.id as number)) throw new UsageError(`${where}: id ${String(lesion.id)} appears twice`);
    seen.add(lesion.id as number);
    const decision = parseDecision(lesion.decision, where);
    let region: VoxelRegion | null = null;
    if (lesion.region !== undefined) {
      const problem = describeInvalidRegion(lesion.region);
      if (problem) throw new UsageError(`${where}: "region" is unusable: ${problem}`);
      region = lesion.region as VoxelRegion;
    }
    if (decision.kind === 'added' && !region) throw new UsageError(`${where}: a lesion added by the reader needs its "region" (voxels on the PET grid)`);
    return { ...(lesion as unknown as DetectionJson['lesions'][number]), decision, region };
  });
  return { ...json, lesions };
}
