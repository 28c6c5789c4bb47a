import type { DetectorInput, DetectorStep } from '../../src/core/detectors/DetectorStep';
import { DeviceProbe, LoadedModel, asCoreDetectorStep, createUnetDetectorStep, fusedDetectorStep } from '../../src/inference';
import { syntheticCrop, testManifest } from './fixtures';

const cpuOnly: DeviceProbe = {
  webgpu: { available: false, software: false, description: 'none' },
  webgl: { available: false, software: false, renderer: 'none' },
  crossOriginIsolated: false,
  hardwareConcurrency: 1,
  wasmThreads: 1,
};

function constantDetector(name: string, values: number[]): DetectorStep {
  return { name, version: '1', parameters: { level: 1 }, run: () => Float32Array.from(values) };
}

function detectorInput(): DetectorInput {
  const { pet, liver } = syntheticCrop([24, 24, 3], [4, 4, 3]);
  return {
    pet: { ...pet, units: 'SUVbw', seriesInstanceUID: '1.2.3' },
    liver,
    reference: { spheres: [], mean: 6, sd: 1, threshold: 11 },
  };
}

describe('the U-Net as a core detector step', () => {
  it('returns the probability map, reports the model and backend, and hands the full result over', async () => {
    const model: LoadedModel = { manifest: testManifest(), manifestLocation: 'm', modelLocation: 'w', modelBytes: new Uint8Array() };
    const constantHalf = async () => ({
      backend: 'wasm' as const,
      detail: '1 thread',
      run: async (_input: Float32Array, batch: number) => new Float32Array(batch * 32 * 32).fill(0.5),
      release: async () => undefined,
    });
    const unet = await createUnetDetectorStep({ model, openers: { wasm: constantHalf }, device: cpuOnly });
    const progress: number[] = [];
    const results: string[] = [];
    const step = asCoreDetectorStep(unet, (result) => results.push(result.backend.backend));
    const input = detectorInput();
    const map = await step.run(input, { onProgress: (fraction) => progress.push(fraction) });

    expect(step.name).toBe('unet');
    expect(step.parameters).toMatchObject({ model: 'test-net', backend: 'wasm', variant: '2d' });
    expect(results).toEqual(['wasm']);
    expect(progress[progress.length - 1]).toBe(1);
    let insideLiver = 0;
    map.forEach((value, index) => {
      expect(value).toBe(input.liver.voxels[index] ? 0.5 : 0);
      insideLiver += input.liver.voxels[index];
    });
    expect(insideLiver).toBeGreaterThan(0);
  });
});

describe('fusedDetectorStep', () => {
  it('keeps the larger score of the two detectors per voxel and records both', async () => {
    const fused = fusedDetectorStep(constantDetector('unet', [0.9, 0.1, 0, 0.3]), constantDetector('percist', [0.2, 0.6, 0, 0.3]));
    expect(Array.from(await fused.run(detectorInput(), {}))).toEqual([0.9, 0.6, 0, 0.3].map(Math.fround));
    expect(fused.name).toBe('fusion(unet,percist)');
    expect(fused.parameters).toMatchObject({ combine: 'max', 'unet.level': 1, 'percist.level': 1 });
  });
});
