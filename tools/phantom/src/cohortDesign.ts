import { Random } from './random';

/**
 * The paper's cohort (Wehrend et al., EJNMMI Res 2021;11:98): 125 studies, 58 with 1–9 liver
 * lesions (233 lesions, 4.0 ± 2.75 per abnormal study), split 75 / 25 / 25 with 36/39, 11/14 and
 * 11/14 abnormal/normal studies.
 */
export const PAPER_COHORT = {
  studies: 125,
  abnormal: 58,
  lesionsPerAbnormalMean: 4.0,
  lesionsPerAbnormalSd: 2.75,
  split: { train: 75, validation: 25, test: 25 },
} as const;

/**
 * How many abnormal studies have 1, 2, … 9 lesions, for 58 abnormal studies: 232 lesions,
 * 4.0 ± 2.84 per study, close to the paper's 233 and 4.0 ± 2.75 (a 1–9 range with that SD needs
 * many single-lesion and many nine-lesion studies).
 */
export const LESION_COUNT_HISTOGRAM: readonly number[] = [14, 11, 7, 5, 4, 3, 3, 3, 8];

/** Lesion count for quantile q in [0, 1) of the histogram. */
export function lesionCountAtQuantile(q: number): number {
  const total = LESION_COUNT_HISTOGRAM.reduce((sum, n) => sum + n, 0);
  let cumulative = 0;
  for (let n = 0; n < LESION_COUNT_HISTOGRAM.length; n++) {
    cumulative += LESION_COUNT_HISTOGRAM[n];
    if (q * total < cumulative) return n + 1;
  }
  return LESION_COUNT_HISTOGRAM.length;
}

/** A random lesion count from the histogram (for a single study). */
export function drawLesionCount(random: Random): number {
  return lesionCountAtQuantile(random.next());
}

export type SplitName = 'train' | 'validation' | 'test';

export interface CohortEntry {
  index: number;
  /** Folder name of the study, e.g. "study-007". */
  name: string;
  seed: number;
  lesionCount: number;
  split: SplitName;
}

/**
 * Plans a cohort of `count` studies: the paper's abnormal fraction (58/125), lesion counts spread
 * over the histogram by stratified quantiles (so small cohorts keep its mean and spread), and a
 * 60/20/20 split (75/25/25 for 125) that keeps the abnormal/normal ratio in every part.
 */
export function planCohort(count: number, cohortSeed: number): CohortEntry[] {
  const random = Random.derive(cohortSeed, 'cohort-plan');
  const abnormal = Math.round((count * PAPER_COHORT.abnormal) / PAPER_COHORT.studies);
  const lesionCounts = Array.from({ length: abnormal }, (_, n) => lesionCountAtQuantile((n + 0.5) / abnormal));
  random.shuffle(lesionCounts);
  const counts = [...lesionCounts, ...Array.from({ length: count - abnormal }, () => 0)];
  random.shuffle(counts);

  // Validation and test each take a fifth of the studies: a fifth (rounded down) of the abnormal
  // ones, the rest normal; for 125 studies that is the paper's 11 + 14 each and 36 + 39 to train.
  const partSize = Math.round(count / 5);
  const abnormalPart = Math.min(partSize, Math.floor(abnormal / 5));
  const splits = new Array<SplitName>(count);
  const assign = (indices: number[], perPart: number): void => {
    indices.forEach((studyIndex, n) => {
      splits[studyIndex] = n < perPart ? 'validation' : n < 2 * perPart ? 'test' : 'train';
    });
  };
  const abnormalIndices = counts.map((c, n) => (c > 0 ? n : -1)).filter((n) => n >= 0);
  const normalIndices = counts.map((c, n) => (c === 0 ? n : -1)).filter((n) => n >= 0);
  assign(random.shuffle(abnormalIndices), abnormalPart);
  assign(random.shuffle(normalIndices), Math.min(partSize - abnormalPart, Math.floor(normalIndices.length / 2)));

  const width = Math.max(3, String(count).length);
  return counts.map((lesionCount, index) => ({
    index,
    name: `study-${String(index + 1).padStart(width, '0')}`,
    seed: (cohortSeed * 100003 + index + 1) >>> 0,
    lesionCount,
    split: splits[index],
  }));
}
