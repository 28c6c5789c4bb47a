/**
 * Writes the phantom cohort in the layout train.py reads, straight from the phantom generator's
 * library: DIR/cohort.json ({studies: [{name, seed, lesionCount, split}]}) and, per study,
 * DIR/<name>/training/meta.json + pet_suv.f32 (SUVbw), liver.u8, lesions.u16, gold.u16, all stored
 * x fastest, then y, then z, little-endian. Used until the phantom's own `cohort` command exports
 * the same files.
 *
 *   npx tsx training/generate_cohort.ts --out DIR [--count 125] [--cohort-seed 1] [--splits train,validation]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { planCohort } from '../tools/phantom/src/cohortDesign';
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
for (const entry of plan.filter((e) => wanted.has(e.split))) {
  const started = Date.now();
  const study = generateStudy({ seed: entry.seed, lesionCount: entry.lesionCount });
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
    goldLesionCount: study.goldLesions.length,
    dimensions: study.petGrid.dimensions,
    spacing: study.petGrid.spacing,
    origin: study.petGrid.origin,
    liverReference: { mean: study.reference.mean, sd: study.reference.sd, threshold: study.reference.threshold },
  };
  writeFileSync(path.join(folder, 'meta.json'), JSON.stringify(meta, null, 2));
  console.log(`${entry.name} ${entry.split} lesions ${entry.lesionCount} ${Date.now() - started} ms`);
}
