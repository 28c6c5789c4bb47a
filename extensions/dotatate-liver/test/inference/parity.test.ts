import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createTfjsGraphRunner } from '../../src/inference';
import { SHIPPED_MODEL_PATH, SHIPPED_REFERENCE_PATH, seededValues, shippedManifest } from './fixtures';

function largestDifference(a: Float32Array, b: Float32Array): number {
  let largest = 0;
  for (let n = 0; n < a.length; n++) largest = Math.max(largest, Math.abs(a[n] - b[n]));
  return largest;
}

/**
 * Largest difference of log-odds where the reference's log-odds lie within ±`range`. The shipped
 * weights are under-trained and give probabilities far below 1e-3, where an absolute probability
 * check says little; log-odds compare the whole graph and its weights. (onnxruntime's fast logistic
 * is approximate in the far tails, so its log-odds are not compared this way.)
 */
function largestLogOddsDifference(reference: Float32Array, other: Float32Array): number {
  const logOdds = (p: number) => Math.log(p / (1 - p));
  let difference = 0;
  for (let n = 0; n < reference.length; n++) difference = Math.max(difference, Math.abs(logOdds(reference[n]) - logOdds(other[n])));
  return difference;
}

/**
 * Every runtime available in Node must give the shipped model's probabilities to within 1e-3 on
 * the same fixed input: two slices of deterministic, liver-like values in the normalised range.
 * Each runtime runs in its own Node process (see runRuntimeInChildProcess.ts for why).
 */
/** Deterministic liver-like input: mostly SUV 6–8 (0.6–0.8 normalised) with a few hot pixels. */
function fixedInput(count: number): Float32Array {
  const input = seededValues(count, 20240601);
  for (let n = 0; n < input.length; n++) input[n] = input[n] > 0.97 ? 2.5 * input[n] : 0.6 + 0.2 * input[n];
  return input;
}

describe('backend parity on the shipped model', () => {
  const manifest = shippedManifest();
  const workDir = mkdtempSync(path.join(tmpdir(), 'unet-parity-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  /** Runs the given runtime:threads list in one child process on `input` (NCHW); returns each output. */
  function runIn(runs: string[], input: Float32Array, batch: number, size: number): Float32Array[] {
    const inputPath = path.join(workDir, `input-${size}.f32`);
    writeFileSync(inputPath, new Uint8Array(input.buffer));
    const manifestPath = path.join(workDir, `manifest-${size}.json`);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, input: { ...manifest.input, width: size, height: size } }));
    const prefix = path.join(workDir, `out-${size}-`);
    execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'runRuntimeInChildProcess.ts'), SHIPPED_MODEL_PATH, manifestPath, inputPath, String(batch), prefix, ...runs],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return runs.map((run) => new Float32Array(new Uint8Array(readFileSync(`${prefix}${run.replace(':', '-')}.f32`)).buffer));
  }

  it('onnxruntime-node and onnxruntime-web WASM agree within 1e-3 on two 128² slices', () => {
    const { channels, width, height } = manifest.input;
    const batch = 2;
    const [fromNode, fromWasm] = runIn(['node:1', 'wasm:1'], fixedInput(batch * channels * width * height), batch, width);
    expect(fromNode.length).toBe(batch * width * height);
    // Probabilities, and not a constant map.
    expect(Math.min(...fromNode)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...fromNode)).toBeLessThanOrEqual(1);
    expect(Math.max(...fromNode)).toBeGreaterThan(Math.min(...fromNode));
    expect(fromWasm.length).toBe(fromNode.length);
    expect(largestDifference(fromNode, fromWasm)).toBeLessThan(1e-3);
  });

  it('onnxruntime-node and TF.js (CPU backend, same graph and weights) reproduce PyTorch within 1e-3 on its 32² reference', async () => {
    // export.py stores PyTorch's output on a small fixed input beside the weights. Pure-JS TF.js
    // takes over a second per 128² slice, so this check uses the small input: the net is fully
    // convolutional and the ONNX file has free spatial axes.
    const reference = JSON.parse(readFileSync(SHIPPED_REFERENCE_PATH, 'utf8')) as { inputShape: number[]; input: number[]; output: number[] };
    const [, channels, size] = reference.inputShape;
    const input = Float32Array.from(reference.input);
    const fromTorch = Float32Array.from(reference.output);
    const [fromNode] = runIn(['node:1'], input, 1, size);
    tf.env().set('IS_TEST', true); // silences the hint to install the native Node backend
    await tf.setBackend('cpu');
    const runner = createTfjsGraphRunner(tf, new Uint8Array(readFileSync(SHIPPED_MODEL_PATH)));
    const fromTfjs = await runner.run(input, [1, channels, size, size]);
    runner.dispose();
    expect(fromNode.length).toBe(size * size);
    expect(fromTfjs.length).toBe(size * size);
    expect(largestDifference(fromTorch, fromNode)).toBeLessThan(1e-3);
    expect(largestDifference(fromTorch, fromTfjs)).toBeLessThan(1e-3);
    expect(largestLogOddsDifference(fromTorch, fromTfjs)).toBeLessThan(1e-3);
  });
});
