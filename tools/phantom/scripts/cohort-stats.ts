/**
 * Summarises a generated cohort against the paper's cohort and prints a Markdown table (also
 * written to DIR/cohort-stats.md). Usage: npx tsx tools/phantom/scripts/cohort-stats.ts DIR
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Truth } from '../src';

function summary(values: number[]): { mean: number; sd: number; min: number; max: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { mean, sd, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 };
}

const folder = process.argv[2];
if (!folder || !existsSync(join(folder, 'split.json'))) {
  console.error('Usage: npx tsx tools/phantom/scripts/cohort-stats.ts COHORT_DIR (a folder written by `dotatate-liver cohort`)');
  process.exit(2);
}
const truths: Truth[] = readdirSync(folder)
  .filter((name) => existsSync(join(folder, name, 'truth.json')))
  .map((name) => JSON.parse(readFileSync(join(folder, name, 'truth.json'), 'utf8')) as Truth);
const abnormal = truths.filter((truth) => truth.lesions.length > 0);
const lesions = abnormal.flatMap((truth) => truth.lesions);
const perStudy = summary(abnormal.map((truth) => truth.lesions.length));
const slicesPerLesion = summary(lesions.map((lesion) => lesion.sliceRange[1] - lesion.sliceRange[0] + 1));
const liverSlices = summary(truths.map((truth) => truth.liver.sliceCount));
const liverSuv = summary(truths.map((truth) => truth.liver.measuredSuvMean));
const liverCov = summary(truths.map((truth) => truth.liver.measuredCov));
const diameter = summary(lesions.map((lesion) => lesion.diameterMm));
const above = lesions.filter((lesion) => lesion.aboveThreshold).length;
const f = (value: number, digits = 1): string => value.toFixed(digits);

const table = [
  '| statistic | paper (Wehrend et al. 2021) | generated cohort |',
  '|---|---|---|',
  `| studies (abnormal / normal) | 125 (58 / 67) | ${truths.length} (${abnormal.length} / ${truths.length - abnormal.length}) |`,
  `| lesions in total | 233 | ${lesions.length} |`,
  `| lesions per abnormal study, mean ± SD (range) | 4.0 ± 2.75 (1–9) | ${f(perStudy.mean, 2)} ± ${f(perStudy.sd, 2)} (${perStudy.min}–${perStudy.max}) |`,
  `| axial slices per lesion, median (mean ± SD, range) | typically 4–5 | ${slicesPerLesion.median} (${f(slicesPerLesion.mean)} ± ${f(slicesPerLesion.sd)}, ${slicesPerLesion.min}–${slicesPerLesion.max}) |`,
  `| axial slices through the liver, range (mean) | 23–71 | ${liverSlices.min}–${liverSlices.max} (${f(liverSlices.mean)}) |`,
  `| normal-liver SUVmean, mean ± SD (range) | not reported | ${f(liverSuv.mean, 2)} ± ${f(liverSuv.sd, 2)} (${f(liverSuv.min, 2)}–${f(liverSuv.max, 2)}) |`,
  `| normal-liver voxel CoV, mean ± SD (range) | not reported ("noisy" analog PET) | ${f(liverCov.mean, 3)} ± ${f(liverCov.sd, 3)} (${f(liverCov.min, 3)}–${f(liverCov.max, 3)}) |`,
  `| lesion diameter (mm), median (range) | not reported | ${f(diameter.median)} (${f(diameter.min)}–${f(diameter.max)}) |`,
  `| lesions above the PERCIST threshold (in the gold standard) | all gold-standard lesions | ${above} of ${lesions.length} (${f((100 * above) / Math.max(1, lesions.length))} %) |`,
].join('\n');
console.log(table);
writeFileSync(join(folder, 'cohort-stats.md'), `${table}\n`);
