/**
 * Writes the phantom cohort in the layout train.py reads, straight from the phantom generator's
 * library: DIR/cohort.json ({studies: [{name, seed, lesionCount, split}]}) and, per study,
 * DIR/<name>/training/meta.json + pet_suv.f32 (SUVbw), liver.u8, lesions.u16, gold.u16, all stored
 * x fastest, then y, then z, little-endian. Used until the phantom's own `cohort` command exports
 * the same files.
 *
 * `--varied N` adds N more training studies ("varied-001" …) whose scanner and patient parameters
 * are drawn per study over what real scanners vary (pixels 3.5-5.5 mm, slices 2-5 mm, resolution
 * 5-9 mm FWHM, noise CoV 10-30 %, liver SUV 3-12, more lesions near the PERCIST threshold), for the
 * better model; the paper's 125-study plan and its test split are untouched.
 *
 *   npx tsx training/generate_cohort.ts --out DIR [--count 125] [--cohort-seed 1] [--splits train,validation] [--varied 0]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drawLesionCount, planCohort } from '../tools/phantom/src/cohortDesign';
import type { PhantomParameters } from '../tools/phantom/src/parameters';
import { Random } from '../tools/phantom/src/random';
import { generateStudy } from '../tools/phantom/src/study';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

function bytesOf(array: Float32Array | Uint8Array | Uint16Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

const out = option('out', '');
if (!out) {
  console.error('Usage: npx tsx training/generate_cohort.ts --out DIR [--count 125] [--cohort-seed 1] [--splits train,validation]');
  process.exit(2);
}
const count = Number(option('count', '125'));
const cohortSeed = Number(option('cohort-seed', '1'));
const wanted = new Set(option('splits', 'train,validation,test').split(','));
const plan = planCohort(count, cohortSeed);
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'cohort.json'), JSON.stringify({ cohortSeed, count, studies: plan }, null, 2));

interface PlannedStudy {
  name: string;
  seed: number;
  split: string;
  lesionCount: number;
  parameters?: Partial<PhantomParameters>;
}

/** One varied study's scanner and patient: each range is what the better model must cover. */
function variedParameters(random: Random): Partial<PhantomParameters> {
  const noiseCov = random.uniform(0.1, 0.3);
  return {
    fieldOfViewMm: 128 * random.uniform(3.5, 5.5),
    sliceThicknessMm: random.uniform(2, 5),
    psfFwhmMm: random.uniform(5, 9),
    noiseCovMin: noiseCov,
    noiseCovMax: noiseCov,
    liverSuvMean: random.uniform(3, 12),
    liverSuvSd: 0,
    nearThresholdFraction: 0.4,
  };
}

const variedCount = Number(option('varied', '0'));
const variedRandom = Random.derive(cohortSeed, 'varied-training');
const varied: PlannedStudy[] = Array.from({ length: variedCount }, (_, n) => ({
  name: `varied-${String(n + 1).padStart(3, '0')}`,
  seed: 100_000 + n,
  split: 'train',
  // Four in five varied studies hold lesions: the model learns lesions, the paper's plan keeps its normals.
  lesionCount: variedRandom.next() < 0.8 ? drawLesionCount(variedRandom) : 0,
  parameters: variedParameters(variedRandom),
}));
if (varied.length > 0) {
  writeFileSync(path.join(out, 'varied.json'), JSON.stringify({ cohortSeed, studies: varied }, null, 2));
}

const planned: PlannedStudy[] = [...plan.filter((e) => wanted.has(e.split)), ...varied];
for (const entry of planned) {
  const started = Date.now();
  const study = generateStudy({ seed: entry.seed, lesionCount: entry.lesionCount, parameters: entry.parameters });
  const folder = path.join(out, entry.name, 'training');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'pet_suv.f32'), bytesOf(study.petSuv));
  writeFileSync(path.join(folder, 'liver.u8'), bytesOf(study.liverMask));
  writeFileSync(path.join(folder, 'lesions.u16'), bytesOf(study.lesionLabels));
  writeFileSync(path.join(folder, 'gold.u16'), bytesOf(study.goldLabels));
  const meta = {
    name: entry.name,
    seed: entry.seed,
    split: entry.split,
    lesionCount: entry.lesionCount,
    parameters: entry.parameters ?? {},
    goldLesionCount: study.goldLesions.length,
    dimensions: study.petGrid.dimensions,
    spacing: study.petGrid.spacing,
    origin: study.petGrid.origin,
    liverReference: { mean: study.reference.mean, sd: study.reference.sd, threshold: study.reference.threshold },
  };
  writeFileSync(path.join(folder, 'meta.json'), JSON.stringify(meta, null, 2));
  console.log(`${entry.name} ${entry.split} lesions ${entry.lesionCount} ${Date.now() - started} ms`);
}
