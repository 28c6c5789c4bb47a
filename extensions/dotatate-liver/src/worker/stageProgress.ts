/**
 * Maps the core's stage names to the reader's five stages (volume, liver, reference, inference,
 * post-processing) and to one fraction over the whole run, for the staged progress bar.
 */
import type { RunStage } from '../state/reviewTypes';

const CORE_TO_RUN_STAGE: Readonly<Record<string, RunStage>> = {
  volume: 'volume',
  liver: 'liver',
  crop: 'liver',
  reference: 'reference',
  liverCheck: 'reference',
  detector: 'inference',
  postprocess: 'post-processing',
  statistics: 'post-processing',
  done: 'post-processing',
};

/** Where each reader stage starts and ends on the overall bar (rough share of the run's time). */
export const STAGE_SPANS: Readonly<Record<RunStage, readonly [number, number]>> = {
  volume: [0, 0.05],
  liver: [0.05, 0.35],
  reference: [0.35, 0.45],
  inference: [0.45, 0.9],
  'post-processing': [0.9, 1],
};

/** The reader stage and overall fraction in [0, 1] for a core progress report; null for an unknown stage. */
export function runProgressOf(coreStage: string, stageFraction: number): { stage: RunStage; fraction: number } | null {
  const stage = CORE_TO_RUN_STAGE[coreStage];
  if (!stage) return null;
  const [start, end] = STAGE_SPANS[stage];
  const within = coreStage === 'done' ? 1 : Math.min(1, Math.max(0, Number.isFinite(stageFraction) ? stageFraction : 0));
  return { stage, fraction: start + (end - start) * within };
}
