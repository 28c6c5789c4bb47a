import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ModelUnavailableError } from '../../src/inference';
import { createCliUnetStep } from '../../../../tools/cli/src/inference/nodeRuntime';

describe('the command line U-Net step', () => {
  it('runs the shipped model on onnxruntime-node, resampling 2 mm pixels to the training spacing', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'runCliStepInChildProcess.ts')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const summary = JSON.parse(output);
    expect(summary.backend).toBe('node');
    expect(summary.resampled).toBe(true);
    expect(summary.warnings[0]).toMatch(/resampled/);
    expect(summary.dimensions).toEqual([90, 70, 6]);
    expect(summary.slicesRun).toBe(6);
    expect(summary.batches).toBe(2);
    expect(summary.insideMin).toBeGreaterThanOrEqual(0);
    expect(summary.insideMax).toBeLessThanOrEqual(1);
    expect(summary.outsideLiverMax).toBe(0);
  });

  it('says which manifest is missing and that the classical detector is offered', async () => {
    const attempt = createCliUnetStep({ manifest: '/no/such/folder/unet.manifest.json' });
    await expect(attempt).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(attempt).rejects.toThrow(/\/no\/such\/folder\/unet\.manifest\.json could not be read.*classical detector/);
  });
});
