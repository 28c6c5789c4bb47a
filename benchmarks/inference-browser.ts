/**
 * Speed of the shipped U-Net on each browser backend in headless Chromium, side by side in one run:
 * onnxruntime-web WASM on 1 and 2 threads (each on a fresh page: the thread count is fixed at a
 * page's first session), onnxruntime-web WebGPU on SwiftShader's Vulkan adapter, and TF.js WebGL on
 * SwiftShader (forced: the viewer's automatic choice skips software renderers). SwiftShader emulates
 * the GPU on the CPU, so its figures say nothing about a real GPU. The Node figures come from
 * benchmarks/inference.ts (its last report, or a fresh run with --with-node).
 *
 *   npm run build -w ohif-extension-dotatate-liver
 *   npx tsx benchmarks/inference-browser.ts [--repeats 3] [--backend-limit-s 300] [--with-node]
 * writes benchmarks/reports/inference-browser.md
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { Browser } from 'playwright-core';

import { launchProbeChromium, openProbePage, startProbeServer, type ProbeBackend, type ProbeServer } from '../test/e2e/support/unetProbePage';

const REPORT = path.resolve(__dirname, 'reports/inference-browser.md');
const NODE_REPORT = path.resolve(__dirname, 'reports/inference.md');
const SIZE = 128;
const BATCH = 8;
/** Above this warm-up time per slice, the whole liver is estimated (slices × ms per slice), not run. */
const WHOLE_LIVER_LIMIT_MS_PER_SLICE = 1500;
const LIVER_SLICES = 45;

interface Run {
  label: string;
  backend: ProbeBackend;
  threads: number;
  webgpuFlags: boolean;
}

const RUNS: Run[] = [
  { label: 'onnxruntime-web WASM, 1 thread', backend: 'wasm', threads: 1, webgpuFlags: false },
  { label: 'onnxruntime-web WASM, 2 threads', backend: 'wasm', threads: 2, webgpuFlags: false },
  { label: 'onnxruntime-web WebGPU (SwiftShader adapter)', backend: 'webgpu', threads: 1, webgpuFlags: true },
  { label: 'TF.js WebGL (SwiftShader, forced)', backend: 'webgl', threads: 1, webgpuFlags: false },
];

/** A backend that has not finished its measurements by then is reported as such (SwiftShader's WebGPU can take many minutes). */
const DEFAULT_BACKEND_LIMIT_S = 300;

type Outcome =
  | { run: Run; started: true; detail: string; openMs: number; warmUpMsPerSlice: number; msPerSlice: number[]; wholeLiverMs: number; wholeLiverMeasured: boolean; device: string }
  | { run: Run; started: false; reason: string };

/** Deterministic liver-like input in the normalised range (0.6–0.8, a few hot pixels). */
function fixedInput(count: number): number[] {
  let state = 20240601;
  return Array.from({ length: count }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    const u = state / 2 ** 32;
    return u > 0.97 ? 2.5 * u : 0.6 + 0.2 * u;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(browser: Browser, server: ProbeServer, run: Run, repeats: number, limitS: number): Promise<Outcome> {
  const { page, probe } = await openProbePage(browser, server);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ run, started: false, reason: `started, but did not finish a warm-up and ${repeats} timed batches of ${BATCH} within ${limitS} s` }), limitS * 1000);
  });
  try {
    return await Promise.race([measureOnPage(probe, run, repeats), deadline]);
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => undefined);
  }
}

async function measureOnPage(probe: Awaited<ReturnType<typeof openProbePage>>['probe'], run: Run, repeats: number): Promise<Outcome> {
  const device = await probe.device();
  const deviceText =
    run.backend === 'webgpu' ? `adapter: ${device.webgpu.description}` : run.backend === 'webgl' ? `renderer: ${device.webgl.renderer}` : `cross-origin isolated: ${device.crossOriginIsolated}`;
  let opened: { detail: string; openMs: number };
  try {
    opened = await probe.open(run.backend, run.threads, SIZE);
  } catch (error) {
    return { run, started: false, reason: `did not start: ${error instanceof Error ? error.message : String(error)}` };
  }
  const input = fixedInput(BATCH * SIZE * SIZE);
  const warmUp = await probe.run(input, BATCH);
  const msPerSlice: number[] = [];
  for (let r = 0; r < repeats; r++) msPerSlice.push((await probe.run(input, BATCH)).ms / BATCH);
  const warmUpMsPerSlice = warmUp.ms / BATCH;
  const measured = median(msPerSlice) <= WHOLE_LIVER_LIMIT_MS_PER_SLICE;
  const wholeLiverMs = measured ? (await probe.wholeLiver(BATCH)).ms : median(msPerSlice) * LIVER_SLICES;
  return { run, started: true, detail: opened.detail, openMs: opened.openMs, warmUpMsPerSlice, msPerSlice, wholeLiverMs, wholeLiverMeasured: measured, device: deviceText };
}

/** The table rows of the Node report (benchmarks/inference.ts), and its date line. */
function nodeFigures(): { rows: string[]; machine: string } {
  try {
    const text = readFileSync(NODE_REPORT, 'utf8');
    return {
      rows: text.split('\n').filter((line) => /^\| (node|wasm) /.test(line)),
      machine: text.split('\n').find((line) => line.startsWith('Machine:')) ?? '',
    };
  } catch {
    return { rows: [], machine: 'benchmarks/reports/inference.md not found: run `npx tsx benchmarks/inference.ts`.' };
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const repeatsAt = args.indexOf('--repeats');
  const repeats = repeatsAt >= 0 ? Number(args[repeatsAt + 1]) : 3;
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats takes a whole number ≥ 1');
  const limitAt = args.indexOf('--backend-limit-s');
  const limitS = limitAt >= 0 ? Number(args[limitAt + 1]) : DEFAULT_BACKEND_LIMIT_S;
  if (!(limitS > 0)) throw new Error('--backend-limit-s takes a number of seconds > 0');
  const loadAtStart = os.loadavg();
  if (args.includes('--with-node')) {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'inference.ts'), '--repeats', String(repeats)], { stdio: 'inherit' });
  }
  const server = await startProbeServer();
  const outcomes: Outcome[] = [];
  try {
    for (const webgpuFlags of [false, true]) {
      const browser = await launchProbeChromium({ webgpu: webgpuFlags });
      try {
        for (const run of RUNS.filter((candidate) => candidate.webgpuFlags === webgpuFlags)) {
          process.stderr.write(`${run.label} ...\n`);
          const outcome = await measure(browser, server, run, repeats, limitS);
          outcomes.push(outcome);
          process.stderr.write(`  ${outcome.started ? `${median(outcome.msPerSlice).toFixed(1)} ms per slice, whole liver ${Math.round(outcome.wholeLiverMs)} ms` : outcome.reason}\n`);
        }
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  const ordered = RUNS.map((run) => outcomes.find((outcome) => outcome.run === run)).filter((outcome): outcome is Outcome => Boolean(outcome));
  const node = nodeFigures();
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../extensions/dotatate-liver/models/unet-2d.manifest.json'), 'utf8')) as { name: string; version: string; sha256: string };
  const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  const lines = [
    '# U-Net inference speed in headless Chromium',
    '',
    `Model ${manifest.name} ${manifest.version} (sha256 ${manifest.sha256.slice(0, 12)}…), ${SIZE}² input, batch ${BATCH}.`,
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} logical CPUs, no GPU; load average ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} at the start; ${chromium}, headless, page cross-origin isolated; ${new Date().toISOString().slice(0, 10)}.`,
    '**SwiftShader emulates the GPU on the CPU**: the WebGPU and WebGL rows measure that emulation on this 2-core machine, not a GPU. The viewer skips both on a software renderer and runs WASM; they are forced here to be measured.',
    `ms per slice: median (min–max) of ${repeats} timed batches after one warm-up batch (warm-up shown: it includes shader compilation on GPU backends). Whole liver: the U-Net detector step on the synthetic 128 × 128 × 60 crop with liver on ${LIVER_SLICES} slices that benchmarks/inference.ts uses, including window sampling and mapping back; marked "est." where a backend is too slow to run it (ms per slice × ${LIVER_SLICES}).`,
    '',
    '| runtime | where | session open (ms) | warm-up ms per slice | ms per slice | whole liver (ms) |',
    '|---|---|---|---|---|---|',
    ...ordered.map((outcome) =>
      outcome.started
        ? `| ${outcome.run.label} | Chromium, ${outcome.device} | ${Math.round(outcome.openMs)} | ${outcome.warmUpMsPerSlice.toFixed(1)} | ${median(outcome.msPerSlice).toFixed(1)} (${Math.min(...outcome.msPerSlice).toFixed(1)}–${Math.max(...outcome.msPerSlice).toFixed(1)}) | ${Math.round(outcome.wholeLiverMs)}${outcome.wholeLiverMeasured ? '' : ' est.'} |`
        : `| ${outcome.run.label} | Chromium | ${outcome.reason.replace(/\|/g, '/').slice(0, 200)} | | | |`,
    ),
    '',
    '## Node, from benchmarks/inference.ts',
    '',
    node.machine,
    '',
    '| runtime | session open (ms) | ms per slice | whole liver (ms) | liver slices |',
    '|---|---|---|---|---|',
    ...node.rows,
    '',
    'The machine is shared; a busy neighbour inflates every row alike, so compare rows within one run. Not measured: a real GPU (none here) and CUDA.',
    '',
  ];
  mkdirSync(path.dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, lines.join('\n'));
  process.stdout.write(`${lines.join('\n')}\nwrote ${path.relative(process.cwd(), REPORT)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
