/**
 * Runs the shipped model on one runtime in a plain Node process. Jest's module sandbox cannot
 * follow onnxruntime-web's dynamic import of its WASM loader, and onnxruntime-node's native arrays
 * fail Jest's realm checks, so the parity test runs this file with `node --import tsx`:
 *   runRuntimeInChildProcess.ts MODEL_PATH MANIFEST_PATH INPUT.f32 BATCH OUTPUT_PREFIX node:1 wasm:1 ...
 * writes OUTPUT_PREFIX<runtime>-<threads>.f32 per runtime. onnxruntime-web fixes its WASM thread
 * count at its first session, so one process can run only one WASM thread count.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as ortNode from 'onnxruntime-node';
import {
  OrtRuntimeLike,
  createOrtSessionOpener,
  createOrtWasmOpener,
  importOnnxRuntimeWeb,
  parseModelManifest,
} from '../../src/inference';

async function main(): Promise<void> {
  const [modelPath, manifestPath, inputPath, batch, outputPrefix, ...runs] = process.argv.slice(2);
  const manifest = parseModelManifest(JSON.parse(readFileSync(manifestPath, 'utf8')), manifestPath);
  const input = new Float32Array(new Uint8Array(readFileSync(inputPath)).buffer);
  const modelBytes = new Uint8Array(readFileSync(modelPath));
  for (const run of runs) {
    const [runtime, threads] = run.split(':');
    const opener =
      runtime === 'node'
        ? createOrtSessionOpener(ortNode as unknown as OrtRuntimeLike, 'node', { executionProviders: ['cpu'], intraOpNumThreads: Number(threads) })
        : createOrtWasmOpener(await importOnnxRuntimeWeb(), Number(threads));
    const session = await opener(modelBytes, manifest);
    const output = await session.run(input, Number(batch));
    writeFileSync(`${outputPrefix}${runtime}-${threads}.f32`, new Uint8Array(output.buffer, output.byteOffset, output.byteLength));
    await session.release();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
