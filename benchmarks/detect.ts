/**
 * Benchmark of the classical detection pipeline in Node: detect() on a PET whose liver spans
 * 71 axial slices (128 × 128 × 110 voxels, 4.69 × 4.69 × 1.69 mm), analytic abdomen with three
 * lesions and 8 % noise. Prints time and peak memory and writes benchmarks/reports/detect.md.
 * Run: npx tsx benchmarks/detect.ts
 * Before/after: npx tsx benchmarks/detect.ts --compare <git-commit> also times the core of that
 * commit (extracted with `git archive` into a temporary folder) in the same process, runs
 * interleaved, and writes both columns.
 */
import { writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as current from '../extensions/dotatate-liver/src/core';
import { analyticStudy } from '../extensions/dotatate-liver/test/core/helpers/analyticVolumes';

type Core = typeof current;

const REPEATS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeIt(run: () => Promise<unknown> | unknown): Promise<{ medianMs: number; minMs: number; runs: number[] }> {
  await run(); // warm-up: JIT
  const runs: number[] = [];
  for (let n = 0; n < REPEATS; n++) {
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  return { medianMs: median(runs), minMs: Math.min(...runs), runs };
}

/** The core of another commit, extracted from git into a temporary folder. */
function coreAtCommit(commit: string): { core: Core; label: string; cleanUp: () => void } {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const label = execFileSync('git', ['rev-parse', '--short', commit], { cwd: root, encoding: 'utf8' }).trim();
  // Inside node_modules/.cache, so the extracted core resolves its dependencies from the workspace.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'detect-benchmark-'));
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'extensions/dotatate-liver/src/core'], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  const core = require(join(folder, 'extensions/dotatate-liver/src/core')) as Core;
  return { core, label, cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}

interface Timings {
  withMask: Awaited<ReturnType<typeof timeIt>>;
  automaticLiver: Awaited<ReturnType<typeof timeIt>>;
  endToEnd: Awaited<ReturnType<typeof timeIt>>;
  lesions: number;
  detectorVersion: string;
}

async function timeCore(core: Core, study: ReturnType<typeof analyticStudy>): Promise<Timings> {
  const withMask = await timeIt(() => core.detect({ pet: study.pet, liverMask: study.liver }));
  const result = await core.detect({ pet: study.pet, liverMask: study.liver });
  const automaticLiver = await timeIt(() => core.automaticLiverMask(study.pet));
  const endToEnd = await timeIt(() => core.detect({ pet: study.pet }));
  return { withMask, automaticLiver, endToEnd, lesions: result.lesions.length, detectorVersion: result.detector.version };
}

async function main(): Promise<void> {
  const compareIndex = process.argv.indexOf('--compare');
  const baseline = compareIndex > 0 ? coreAtCommit(process.argv[compareIndex + 1] ?? 'HEAD') : undefined;
  const study = analyticStudy({ dimensions: [128, 128, 110], spacing: [4.6875, 4.6875, 1.69], seed: 4 });
  const box = current.boundingBoxOfMask(study.liver);
  const liverSlices = box ? box.max[2] - box.min[2] + 1 : 0;
  const rssBefore = process.memoryUsage().rss;

  const columns: { label: string; timings: Timings }[] = [];
  try {
    if (baseline) columns.push({ label: `before (${baseline.label})`, timings: await timeCore(baseline.core, study) });
    columns.push({ label: baseline ? 'after (working tree)' : 'median (ms)', timings: await timeCore(current, study) });
  } finally {
    baseline?.cleanUp();
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const cell = (t: Awaited<ReturnType<typeof timeIt>>) => `${t.medianMs.toFixed(0)} (fastest ${t.minMs.toFixed(0)})`;
  const row = (name: string, pick: (t: Timings) => Awaited<ReturnType<typeof timeIt>>) => `| ${name} | ${columns.map((c) => cell(pick(c.timings))).join(' | ')} |`;
  const latest = columns[columns.length - 1].timings;

  const lines = [
    '# detect() benchmark',
    '',
    `Command: \`npx tsx benchmarks/detect.ts${baseline ? ` --compare ${baseline.label}` : ''}\` (Node ${process.version}, ${os.cpus().length} CPU(s): ${os.cpus()[0]?.model ?? 'unknown'}; load average at the end ${os.loadavg()[0].toFixed(1)}).`,
    '',
    `Volume: ${study.pet.dimensions.join(' × ')} voxels (${study.pet.spacing.join(' × ')} mm), liver over ${liverSlices} axial slices, ${study.lesions.length} lesions (found: ${columns.map((c) => `${c.timings.lesions} by detector ${c.timings.detectorVersion}`).join(', ')}). Median of ${REPEATS} runs after one warm-up, in ms.`,
    '',
    `| step | ${columns.map((c) => c.label).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    row('detect(), liver mask given (crop → reference → PERCIST detector → post-process → statistics)', (t) => t.withMask),
    row('automatic liver mask alone', (t) => t.automaticLiver),
    row('detect(), automatic liver (whole pipeline)', (t) => t.endToEnd),
    '',
    `Peak resident memory of the process: ${peakRssMb.toFixed(0)} MB (RSS before the runs: ${(rssBefore / 1048576).toFixed(0)} MB; the PET alone is ${(study.pet.voxels.byteLength / 1048576).toFixed(1)} MB).`,
    '',
    `Targets: under 1 s for the classical detector with the liver given — ${latest.withMask.medianMs < 1000 ? 'met' : 'NOT met'}; under 500 ms for the automatic liver mask — ${latest.automaticLiver.medianMs < 500 ? 'met' : 'NOT met'}.`,
    '',
  ];
  const report = lines.join('\n');
  console.log(report);
  const folder = join(__dirname, 'reports');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'detect.md'), report);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
