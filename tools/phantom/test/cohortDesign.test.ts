import { LESION_COUNT_HISTOGRAM, planCohort } from '../src';

describe('cohort plan', () => {
  const plan = planCohort(125, 1);

  it('mirrors the paper: 58 abnormal studies with 1-9 lesions, 4.0 per abnormal study', () => {
    const abnormal = plan.filter((entry) => entry.lesionCount > 0);
    expect(abnormal).toHaveLength(58);
    for (const entry of abnormal) {
      expect(entry.lesionCount).toBeGreaterThanOrEqual(1);
      expect(entry.lesionCount).toBeLessThanOrEqual(9);
    }
    const counts = abnormal.map((entry) => entry.lesionCount);
    const mean = counts.reduce((sum, n) => sum + n, 0) / counts.length;
    const sd = Math.sqrt(counts.reduce((sum, n) => sum + (n - mean) ** 2, 0) / (counts.length - 1));
    expect(mean).toBeGreaterThan(3.7);
    expect(mean).toBeLessThan(4.3);
    expect(sd).toBeGreaterThan(2.4);
    expect(sd).toBeLessThan(3.1);
    expect(LESION_COUNT_HISTOGRAM.reduce((sum, n) => sum + n, 0)).toBe(58);
  });

  it('splits 75/25/25 keeping the abnormal/normal ratio (36/39, 11/14, 11/14)', () => {
    const tally = (split: string) => {
      const part = plan.filter((entry) => entry.split === split);
      return [part.filter((entry) => entry.lesionCount > 0).length, part.filter((entry) => entry.lesionCount === 0).length];
    };
    expect(tally('train')).toEqual([36, 39]);
    expect(tally('validation')).toEqual([11, 14]);
    expect(tally('test')).toEqual([11, 14]);
  });

  it('is reproducible from its seed and gives every study its own seed and name', () => {
    expect(planCohort(125, 1)).toEqual(plan);
    expect(new Set(plan.map((entry) => entry.seed)).size).toBe(125);
    expect(new Set(plan.map((entry) => entry.name)).size).toBe(125);
    expect(planCohort(125, 2).map((entry) => entry.lesionCount)).not.toEqual(plan.map((entry) => entry.lesionCount));
  });
});
