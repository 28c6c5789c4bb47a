/**
 * Runs the CLI's U-Net step (onnxruntime-node, shipped model) on a synthetic liver crop with 2 mm
 * pixels, in a plain Node process (onnxruntime-node's arrays fail Jest's realm checks), and prints
 * a JSON summary for cliUnetStep.test.ts.
 */
import { createCliUnetStep } from '../../../../tools/cli/src/inference/nodeRuntime';
import { syntheticCrop } from './fixtures';

async function main(): Promise<void> {
  const step = await createCliUnetStep({ batchSize: 4 });
  const { pet, liver } = syntheticCrop([90, 70, 6], [2, 2, 3.27]);
  const result = await step.run({ pet, liver });
  await step.release();
  let outsideLiverMax = 0;
  let insideMin = 1;
  let insideMax = 0;
  result.probability.voxels.forEach((value, index) => {
    if (liver.voxels[index]) {
      insideMin = Math.min(insideMin, value);
      insideMax = Math.max(insideMax, value);
    } else outsideLiverMax = Math.max(outsideLiverMax, value);
  });
  const summary = {
    backend: result.backend.backend,
    attempts: result.backend.attempts,
    resampled: result.resampling.resampled,
    warnings: result.warnings,
    slicesRun: result.slicesRun,
    batches: result.batches,
    dimensions: result.probability.dimensions,
    insideMin,
    insideMax,
    outsideLiverMax,
  };
  process.stdout.write(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
