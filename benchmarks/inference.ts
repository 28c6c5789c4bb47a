/**
 * Speed of the shipped U-Net on each runtime available in Node, side by side in one run:
 * onnxruntime-node (1 thread), onnxruntime-web WASM (1 and 2 threads). Each runtime runs in its own
 * child process (onnxruntime-web fixes its WASM thread count at its first session). Reports ms per
 * 128² slice (batch 8, after a warm-up) and the whole-liver time of the U-Net detector step on a
 * synthetic 45-slice liver crop. Browser backends (WebGL, WebGPU in headless Chromium) are not
 * measured here yet.
 *
 *   npx tsx benchmarks/inference.ts [--repeats 5]
 * writes benchmarks/reports/inference.md
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ortNode from 'onnxruntime-node';
import type { MaskVolume, ScalarVolume, Vec3 } from '../extensions/dotatate-liver/src/core/types';
import {
  DeviceProbe,
  OrtRuntimeLike,
  SessionOpener,
  createOrtSessionOpener,
  createOrtWasmOpener,
  createUnetDetectorStep,
  importOnnxRuntimeWeb,
  loadModel,
} from '../extensions/dotatate-liver/src/inference';

const MANIFEST = path.resolve(__dirname, '../extensions/dotatate-liver/models/unet-2d.manifest.json');
const REPORT = path.resolve(__dirname, 'reports/inference.md');
const RUNS = ['node:1', 'wasm:1', 'wasm:2'];
const BATCH = 8;

interface Measurement {
  run: string;
  openMs: number;
  msPerSlice: number[];
  wholeLiverMs: number;
  liverSlices: number;
  backend: string;
}

/** A 128 × 128 × 60 crop at 4.6875 mm (the phantom's PET grid) with a liver over 45 slices. */
function syntheticLiverCrop(): { pet: ScalarVolume; liver: MaskVolume } {
  const dimensions: Vec3 = [128, 128, 60];
  const spacing: Vec3 = [4.6875, 4.6875, 3.27];
  const count = dimensions[0] * dimensions[1] * dimensions[2];
  const pet = new Float32Array(count);
  const liver = new Uint8Array(count);
  for (let k = 0, index = 0; k < dimensions[2]; k++) {
    for (let j = 0; j < dimensions[1]; j++) {
      for (let i = 0; i < dimensions[0]; i++, index++) {
        const inside = ((i - 64) / 35) ** 2 + ((j - 64) / 28) ** 2 + ((k - 30) / 22.5) ** 2 < 1;
        liver[index] = inside ? 1 : 0;
        pet[index] = inside ? 7 + Math.sin(i * 0.7 + j * 1.3 + k) : 1;
      }
    }
  }
  const geometry = { dimensions, spacing, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as ScalarVolume['direction'] };
  return { pet: { ...geometry, voxels: pet }, liver: { ...geometry, voxels: liver } };
}

async function measure(run: string, repeats: number): Promise<Measurement> {
  const [runtime, threadText] = run.split(':');
  const threads = Number(threadText);
  const { readFile } = await import('node:fs/promises');
  const model = await loadModel(MANIFEST, async (location) => new Uint8Array(await readFile(location)));
  const opener: SessionOpener =
    runtime === 'node'
      ? createOrtSessionOpener(ortNode as unknown as OrtRuntimeLike, 'node', { executionProviders: ['cpu'], intraOpNumThreads: threads, graphOptimizationLevel: 'all' }, `${threads} thread(s)`)
      : createOrtWasmOpener(await importOnnxRuntimeWeb(), threads);
  const { channels, width, height } = model.manifest.input;
  const input = new Float32Array(BATCH * channels * width * height).map((_, n) => 0.6 + 0.2 * Math.sin(n));
  const opened = performance.now();
  const session = await opener(model.modelBytes, model.manifest);
  const openMs = performance.now() - opened;
  await session.run(input, BATCH);
  const msPerSlice: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    await session.run(input, BATCH);
    msPerSlice.push((performance.now() - started) / BATCH);
  }
  await session.release();
  const probe: DeviceProbe = {
    webgpu: { available: false, software: false, description: 'Node' },
    webgl: { available: false, software: false, renderer: 'Node' },
    crossOriginIsolated: true,
    hardwareConcurrency: threads,
    wasmThreads: threads,
  };
  const step = await createUnetDetectorStep({ model, openers: { [runtime]: opener }, device: probe, batchSize: BATCH });
  const result = await step.run(syntheticLiverCrop());
  await step.release();
  return { run, openMs, msPerSlice, wholeLiverMs: result.milliseconds, liverSlices: result.slicesRun, backend: `${result.backend.backend} (${result.backend.detail})` };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const repeatsAt = args.indexOf('--repeats');
  const repeats = repeatsAt >= 0 ? Number(args[repeatsAt + 1]) : 5;
  const childAt = args.indexOf('--child');
  if (childAt >= 0) {
    process.stdout.write(JSON.stringify(await measure(args[childAt + 1], repeats)));
    return;
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { name: string; version: string; sha256: string };
  const results: Measurement[] = RUNS.map((run) => {
    console.error(`measuring ${run} …`);
    const output = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child', run, '--repeats', String(repeats)], { encoding: 'utf8' });
    return JSON.parse(output) as Measurement;
  });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# U-Net inference speed (Node runtimes)',
    '',
    `Model ${manifest.name} ${manifest.version} (sha256 ${manifest.sha256.slice(0, 12)}…), 128² input, batch ${BATCH}.`,
    `Machine: ${cpu}, ${os.cpus().length} logical CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the start of the report; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`,
    `ms per slice: median (min–max) of ${repeats} timed batches after one warm-up batch. Whole liver: the U-Net detector step on a synthetic 128 × 128 × 60 crop with liver on 45 slices, including window sampling and mapping back.`,
    '',
    '| runtime | session open (ms) | ms per slice | whole liver (ms) | liver slices |',
    '|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.backend} | ${r.openMs.toFixed(0)} | ${median(r.msPerSlice).toFixed(1)} (${Math.min(...r.msPerSlice).toFixed(1)}–${Math.max(...r.msPerSlice).toFixed(1)}) | ${r.wholeLiverMs.toFixed(0)} | ${r.liverSlices} |`,
    ),
    '',
    'Not measured here yet: WebGL (TF.js) and WebGPU (onnxruntime-web) in headless Chromium, and CUDA.',
    'The machine is shared; a busy neighbour inflates every column alike, so compare rows within one run.',
    '',
  ];
  mkdirSync(path.dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
