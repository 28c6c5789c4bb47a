/**
 * Benchmark of the classical detection pipeline in Node: detect() on a PET whose liver spans
 * 71 axial slices (128 × 128 × 110 voxels, 4.69 × 4.69 × 1.69 mm), analytic abdomen with three
 * lesions and 8 % noise. Prints time and peak memory and writes benchmarks/reports/detect.md.
 * Run: npx tsx benchmarks/detect.ts
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as os from 'node:os';
import { detect, boundingBoxOfMask, automaticLiverMask } from '../extensions/dotatate-liver/src/core';
import { analyticStudy } from '../extensions/dotatate-liver/test/core/helpers/analyticVolumes';

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

async function main(): Promise<void> {
  const study = analyticStudy({ dimensions: [128, 128, 110], spacing: [4.6875, 4.6875, 1.69], seed: 4 });
  const box = boundingBoxOfMask(study.liver);
  const liverSlices = box ? box.max[2] - box.min[2] + 1 : 0;
  const rssBefore = process.memoryUsage().rss;

  const withMask = await timeIt(() => detect({ pet: study.pet, liverMask: study.liver }));
  const lesions = (await detect({ pet: study.pet, liverMask: study.liver })).lesions.length;
  const automaticLiver = await timeIt(() => automaticLiverMask(study.pet));
  const endToEnd = await timeIt(() => detect({ pet: study.pet }));
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const lines = [
    '# detect() benchmark',
    '',
    `Command: \`npx tsx benchmarks/detect.ts\` (Node ${process.version}, ${os.cpus().length} CPU(s): ${os.cpus()[0]?.model ?? 'unknown'}).`,
    '',
    `Volume: ${study.pet.dimensions.join(' × ')} voxels (${study.pet.spacing.join(' × ')} mm), liver over ${liverSlices} axial slices, ${study.lesions.length} lesions (${lesions} found). Median of ${REPEATS} runs after one warm-up.`,
    '',
    '| step | median (ms) | fastest (ms) |',
    '|---|---|---|',
    `| detect(), liver mask given (crop → reference → PERCIST detector → post-process → statistics) | ${withMask.medianMs.toFixed(0)} | ${withMask.minMs.toFixed(0)} |`,
    `| automatic liver mask alone | ${automaticLiver.medianMs.toFixed(0)} | ${automaticLiver.minMs.toFixed(0)} |`,
    `| detect(), automatic liver (whole pipeline) | ${endToEnd.medianMs.toFixed(0)} | ${endToEnd.minMs.toFixed(0)} |`,
    '',
    `Peak resident memory of the process: ${peakRssMb.toFixed(0)} MB (RSS before the runs: ${(rssBefore / 1048576).toFixed(0)} MB; the PET alone is ${((study.pet.voxels.byteLength) / 1048576).toFixed(1)} MB).`,
    '',
    `Target: under 1 s for the classical detector with the liver given — ${withMask.medianMs < 1000 ? 'met' : 'NOT met'}.`,
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
