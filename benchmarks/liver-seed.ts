/**
 * Benchmark of the liver grown from a reader's click (growRegionFromSeed) against the phantom's
 * true liver, beside the automatic liver mask, on phantom studies FROM..TO (default 1–20, default
 * generator parameters, generated in-process; spleen, kidneys and the other organs are painted
 * from the same anatomy the generator drew). Seeds per study, chosen deterministically:
 * - `interior` ×5: liver voxels at least 15 mm from the liver's surface and from every lesion,
 *   spread out (the first nearest the liver's centre, each next one the candidate farthest from
 *   those already chosen);
 * - `lesion`: the centre voxel of the largest lesion (when the study has one);
 * - `sphere 2`: the centre of the second reference sphere placed on the automatic mask (where the
 *   viewer's e2e test clicks).
 * Per mask: Dice, extra and missed volume (ml), spleen and kidney volume taken (ml), lesion voxels
 * left out, time. Writes benchmarks/reports/liver-seed.md.
 * Run: npx tsx benchmarks/liver-seed.ts [FROM TO] [--compare <git-commit>]
 * With --compare, the core of that commit (extracted with `git archive`) runs beside the working
 * tree on the same seeds, automatic mask included, and the report has both.
 */
import { writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as current from '../extensions/dotatate-liver/src/core';
import type { MaskVolume, ScalarVolume, Vec3 } from '../extensions/dotatate-liver/src/core';
import { generateStudy } from '../tools/phantom/src';
import { drawAnatomy } from '../tools/phantom/src/anatomy/anatomy';
import { Tissue } from '../tools/phantom/src/anatomy/tissues';
import { paintTissues } from '../tools/phantom/src/raster';
import { Random } from '../tools/phantom/src/random';

type Core = typeof current;

/** Minimum distance (mm) of an interior seed from the liver's surface and from every lesion. */
const INTERIOR_MARGIN_MM = 15;
const INTERIOR_SEEDS = 5;

interface Scores {
  dice: number;
  extraMl: number;
  missedMl: number;
  spleenMl: number;
  kidneyMl: number;
  lesionVoxelsOut: number;
  ms: number;
  error?: string;
}

interface Row {
  study: number;
  kind: 'automatic' | 'interior' | 'lesion' | 'sphere 2';
  core: string;
  scores: Scores;
}

/** The core of another commit, extracted from git into a temporary folder. */
function coreAtCommit(commit: string): { core: Core; label: string; cleanUp: () => void } {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const label = execFileSync('git', ['rev-parse', '--short', commit], { cwd: root, encoding: 'utf8' }).trim();
  // Inside node_modules/.cache, so the extracted core resolves its dependencies from the workspace.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'liver-seed-benchmark-'));
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'extensions/dotatate-liver/src/core'], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  const core = require(join(folder, 'extensions/dotatate-liver/src/core')) as Core;
  return { core, label, cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Interior seeds (IJK): far from the surface and from lesions, spread by farthest-point sampling. */
function interiorSeeds(liver: MaskVolume, lesionLabels: Uint16Array): Vec3[] {
  const [nx, ny] = liver.dimensions;
  const depth = current.distanceTransformMm(current.invertMask(liver));
  const lesionMask: MaskVolume = { ...liver, voxels: Uint8Array.from(lesionLabels, (label) => (label ? 1 : 0)) };
  const fromLesion = current.distanceTransformMm(lesionMask);
  const ijkOf = (index: number): Vec3 => [index % nx, Math.floor(index / nx) % ny, Math.floor(index / (nx * ny))];
  const mm = (a: Vec3, b: Vec3) => Math.hypot(...[0, 1, 2].map((axis) => (a[axis] - b[axis]) * liver.spacing[axis]));
  const candidates: Vec3[] = [];
  for (let index = 0; index < liver.voxels.length; index++) {
    if (liver.voxels[index] && depth[index] >= INTERIOR_MARGIN_MM && fromLesion[index] >= INTERIOR_MARGIN_MM) candidates.push(ijkOf(index));
  }
  if (!candidates.length) return [];
  const centre = [0, 1, 2].map((axis) => candidates.reduce((sum, c) => sum + c[axis], 0) / candidates.length) as Vec3;
  let first = candidates[0];
  for (const candidate of candidates) if (mm(candidate, centre) < mm(first, centre)) first = candidate;
  const chosen = [first];
  const nearest = candidates.map((candidate) => mm(candidate, first));
  while (chosen.length < INTERIOR_SEEDS) {
    let best = 0;
    for (let n = 1; n < candidates.length; n++) if (nearest[n] > nearest[best]) best = n;
    if (nearest[best] === 0) break;
    chosen.push(candidates[best]);
    for (let n = 0; n < candidates.length; n++) nearest[n] = Math.min(nearest[n], mm(candidates[n], candidates[best]));
  }
  return chosen;
}

/** Centre voxel (IJK, rounded mean) of the largest lesion, or undefined without lesions. */
function largestLesionCentre(lesionLabels: Uint16Array, dimensions: Vec3): Vec3 | undefined {
  const [nx, ny] = dimensions;
  const counts = new Map<number, { n: number; sum: Vec3 }>();
  for (let index = 0; index < lesionLabels.length; index++) {
    const label = lesionLabels[index];
    if (!label) continue;
    const entry = counts.get(label) ?? { n: 0, sum: [0, 0, 0] };
    entry.n++;
    entry.sum[0] += index % nx;
    entry.sum[1] += Math.floor(index / nx) % ny;
    entry.sum[2] += Math.floor(index / (nx * ny));
    counts.set(label, entry);
  }
  let largest: { n: number; sum: Vec3 } | undefined;
  for (const entry of counts.values()) if (!largest || entry.n > largest.n) largest = entry;
  return largest && (largest.sum.map((value) => Math.round(value / largest.n)) as Vec3);
}

function score(mask: Uint8Array, truth: Uint8Array, tissues: Uint8Array, lesionLabels: Uint16Array, voxelMl: number, ms: number): Scores {
  let both = 0;
  let found = 0;
  let real = 0;
  let spleen = 0;
  let kidney = 0;
  let lesionVoxelsOut = 0;
  for (let index = 0; index < mask.length; index++) {
    found += mask[index];
    real += truth[index];
    if (mask[index] && truth[index]) both++;
    if (mask[index] && tissues[index] === Tissue.Spleen) spleen++;
    if (mask[index] && tissues[index] === Tissue.Kidney) kidney++;
    if (lesionLabels[index] && !mask[index]) lesionVoxelsOut++;
  }
  return {
    dice: found + real ? (2 * both) / (found + real) : 0,
    extraMl: (found - both) * voxelMl,
    missedMl: (real - both) * voxelMl,
    spleenMl: spleen * voxelMl,
    kidneyMl: kidney * voxelMl,
    lesionVoxelsOut,
    ms,
  };
}

function timed(run: () => MaskVolume, empty: number): { voxels: Uint8Array; ms: number; error?: string } {
  const start = performance.now();
  try {
    const voxels = run().voxels;
    return { voxels, ms: performance.now() - start };
  } catch (error) {
    return { voxels: new Uint8Array(empty), ms: performance.now() - start, error: (error as Error).message };
  }
}

function evaluateStudy(seed: number, cores: { label: string; core: Core }[]): Row[] {
  const study = generateStudy({ seed });
  const anatomy = drawAnatomy(study.parameters, Random.derive(seed, 'anatomy'));
  const tissues = paintTissues(study.petGrid, anatomy.organs);
  const pet: ScalarVolume = { ...study.petGrid, voxels: study.petSuv };
  const truth: MaskVolume = { ...study.petGrid, voxels: study.liverMask };
  const voxelMl = current.voxelVolumeMl(pet);
  const rows: Row[] = [];
  const seeds: { kind: Row['kind']; ijk: Vec3 }[] = interiorSeeds(truth, study.lesionLabels).map((ijk) => ({ kind: 'interior', ijk }));
  const lesionCentre = largestLesionCentre(study.lesionLabels, study.petGrid.dimensions);
  if (lesionCentre) seeds.push({ kind: 'lesion', ijk: lesionCentre });
  for (const { label, core } of cores) {
    const automatic = timed(() => core.automaticLiverMask(pet), pet.voxels.length);
    rows.push({ study: seed, kind: 'automatic', core: label, scores: { ...score(automatic.voxels, truth.voxels, tissues, study.lesionLabels, voxelMl, automatic.ms), error: automatic.error } });
    const sphereSeeds: { kind: Row['kind']; lps: Vec3 }[] = [];
    if (!automatic.error) {
      const spheres = current.placeReferenceSpheres(pet, { ...study.petGrid, voxels: automatic.voxels }).centresLPS;
      if (spheres[1]) sphereSeeds.push({ kind: 'sphere 2', lps: spheres[1] });
    }
    for (const { kind, lps } of [...seeds.map(({ kind, ijk }) => ({ kind, lps: current.ijkToLps(pet, ijk) })), ...sphereSeeds]) {
      const grown = timed(() => core.growRegionFromSeed(pet, lps), pet.voxels.length);
      rows.push({ study: seed, kind, core: label, scores: { ...score(grown.voxels, truth.voxels, tissues, study.lesionLabels, voxelMl, grown.ms), error: grown.error } });
    }
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

function summaryRow(name: string, rows: Row[], automaticByStudy: Map<number, number>): string {
  if (!rows.length) return `| ${name} | 0 | – | – | – | – | – | – | – | – |`;
  const dices = rows.map((row) => row.scores.dice);
  const belowAutomatic = rows.filter((row) => row.scores.dice < (automaticByStudy.get(row.study) ?? 0) - 0.005).length;
  const sum = (pick: (s: Scores) => number) => rows.reduce((total, row) => total + pick(row.scores), 0);
  const count = (test: (s: Scores) => boolean) => rows.filter((row) => test(row.scores)).length;
  return [
    name,
    rows.length,
    `${(dices.reduce((a, b) => a + b, 0) / dices.length).toFixed(3)} (${Math.min(...dices).toFixed(3)})`,
    `${belowAutomatic}`,
    `${median(rows.map((row) => row.scores.extraMl)).toFixed(0)} (${Math.max(...rows.map((row) => row.scores.extraMl)).toFixed(0)})`,
    `${median(rows.map((row) => row.scores.missedMl)).toFixed(0)} (${Math.max(...rows.map((row) => row.scores.missedMl)).toFixed(0)})`,
    `${sum((s) => s.spleenMl).toFixed(0)} (${count((s) => s.spleenMl > 5)})`,
    `${sum((s) => s.kidneyMl).toFixed(0)} (${count((s) => s.kidneyMl > 50)})`,
    `${sum((s) => s.lesionVoxelsOut)} (${count((s) => s.lesionVoxelsOut > 0)})`,
    `${median(rows.map((row) => row.scores.ms)).toFixed(0)}`,
  ].join(' | ').replace(/^/, '| ').concat(' |');
}

function main(): void {
  const positional = process.argv.slice(2).filter((arg, n, all) => !arg.startsWith('--') && all[n - 1] !== '--compare');
  const [from, to] = [Number(positional[0] ?? 1), Number(positional[1] ?? 20)];
  const compareIndex = process.argv.indexOf('--compare');
  const baseline = compareIndex > 0 ? coreAtCommit(process.argv[compareIndex + 1] ?? 'HEAD') : undefined;
  const cores = [...(baseline ? [{ label: `before (${baseline.label})`, core: baseline.core }] : []), { label: baseline ? 'after (working tree)' : 'working tree', core: current }];
  const rows: Row[] = [];
  try {
    for (let seed = from; seed <= to; seed++) {
      const studyRows = evaluateStudy(seed, cores);
      rows.push(...studyRows);
      for (const row of studyRows) {
        const s = row.scores;
        console.log(
          `study ${row.study} ${row.core} ${row.kind}: Dice ${s.dice.toFixed(3)} extra ${s.extraMl.toFixed(0)} ml missed ${s.missedMl.toFixed(0)} ml spleen ${s.spleenMl.toFixed(0)} ml kidney ${s.kidneyMl.toFixed(0)} ml lesion out ${s.lesionVoxelsOut} ${s.ms.toFixed(0)} ms${s.error ? ` [${s.error}]` : ''}`,
        );
      }
    }
  } finally {
    baseline?.cleanUp();
  }

  const header = [
    '| mask | masks | Dice mean (min) | below the automatic Dice | extra ml, median (max) | missed ml, median (max) | spleen ml taken, all (masks > 5 ml) | kidney ml taken, all (masks > 50 ml) | lesion voxels left out, all (masks) | ms, median |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const lines = [
    '# Liver grown from a click vs the automatic liver mask (phantom)',
    '',
    `Command: \`npx tsx benchmarks/liver-seed.ts ${from} ${to}${baseline ? ` --compare ${baseline.label}` : ''}\` (Node ${process.version}, ${os.cpus().length} CPU(s); load average at the end ${os.loadavg()[0].toFixed(1)}).`,
    '',
    `Phantom studies ${from}–${to} (default parameters), against the true liver. Seeds per study: ${INTERIOR_SEEDS} interior liver voxels at least ${INTERIOR_MARGIN_MM} mm from the liver surface and every lesion (spread out), the largest lesion's centre, and the second reference sphere's centre on the automatic mask. "Below the automatic Dice": grown masks whose Dice is more than 0.005 under the automatic mask's on the same study (same core).`,
    '',
  ];
  for (const { label } of cores) {
    const mine = rows.filter((row) => row.core === label);
    const automaticByStudy = new Map(mine.filter((row) => row.kind === 'automatic').map((row) => [row.study, row.scores.dice]));
    lines.push(`## ${label}`, '', ...header);
    lines.push(summaryRow('automatic', mine.filter((row) => row.kind === 'automatic'), automaticByStudy));
    for (const kind of ['interior', 'lesion', 'sphere 2'] as const) lines.push(summaryRow(`seed: ${kind}`, mine.filter((row) => row.kind === kind), automaticByStudy));
    lines.push(summaryRow('seed: all', mine.filter((row) => row.kind !== 'automatic'), automaticByStudy), '');
  }
  lines.push('## Per study (Dice; extra ml)', '', `| study | ${cores.map((c) => `${c.label}: automatic | ${c.label}: seeds, min Dice (max extra ml)`).join(' | ')} |`, `|---|${cores.map(() => '---|---').join('|')}|`);
  for (let seed = from; seed <= to; seed++) {
    const cells = cores.flatMap(({ label }) => {
      const mine = rows.filter((row) => row.core === label && row.study === seed);
      const automatic = mine.find((row) => row.kind === 'automatic');
      const grown = mine.filter((row) => row.kind !== 'automatic');
      return [
        automatic ? `${automatic.scores.dice.toFixed(3)}; ${automatic.scores.extraMl.toFixed(0)}` : '–',
        grown.length ? `${Math.min(...grown.map((row) => row.scores.dice)).toFixed(3)} (${Math.max(...grown.map((row) => row.scores.extraMl)).toFixed(0)})` : '–',
      ];
    });
    lines.push(`| ${seed} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  const report = lines.join('\n');
  console.log(report);
  const folder = join(__dirname, 'reports');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'liver-seed.md'), report);
}

main();
