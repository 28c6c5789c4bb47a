import {
  DeviceProbe,
  LoadedModel,
  ModelManifest,
  SessionOpener,
  createUnetDetectorStep,
} from '../../src/inference';
import { syntheticCrop, testManifest } from './fixtures';

const cpuOnly: DeviceProbe = {
  webgpu: { available: false, software: false, description: 'none' },
  webgl: { available: false, software: false, renderer: 'none' },
  crossOriginIsolated: false,
  hardwareConcurrency: 1,
  wasmThreads: 1,
};

/** A stand-in net that returns its first input channel, so the map shows exactly what the net saw. */
function echoOpener(batchSizes: number[]): SessionOpener {
  return async (_bytes, manifest) => ({
    backend: 'wasm',
    detail: 'echo',
    async run(input, batch) {
      batchSizes.push(batch);
      const { channels, width, height } = manifest.input;
      const pixels = width * height;
      const out = new Float32Array(batch * pixels);
      for (let b = 0; b < batch; b++) out.set(input.subarray(b * channels * pixels, b * channels * pixels + pixels), b * pixels);
      return out;
    },
    release: async () => undefined,
  });
}

function loaded(manifest: ModelManifest): LoadedModel {
  return { manifest, manifestLocation: 'test.json', modelLocation: 'test.onnx', modelBytes: new Uint8Array() };
}

describe('createUnetDetectorStep', () => {
  it('feeds liver-masked, normalised slices in batches and maps the output back to the crop grid', async () => {
    const manifest = testManifest({ width: 64, height: 64, spacingMm: [4, 4] });
    const batches: number[] = [];
    const step = await createUnetDetectorStep({ model: loaded(manifest), openers: { wasm: echoOpener(batches) }, device: cpuOnly, batchSize: 4 });
    const { pet, liver } = syntheticCrop([50, 40, 10], [4, 4, 3]);
    const result = await step.run({ pet, liver });

    expect(result.backend.backend).toBe('wasm');
    expect(result.resampling.resampled).toBe(false);
    expect(result.warnings).toEqual([]);
    const liverSlices = new Set<number>();
    let largestDifference = 0;
    for (let index = 0; index < liver.voxels.length; index++) {
      const expected = liver.voxels[index] ? Math.min(pet.voxels[index], 40) / 10 : 0;
      if (liver.voxels[index]) liverSlices.add(Math.floor(index / 2000));
      largestDifference = Math.max(largestDifference, Math.abs(result.probability.voxels[index] - expected));
    }
    expect(largestDifference).toBeLessThan(1e-6);
    expect(result.slicesRun).toBe(liverSlices.size);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(liverSlices.size);
    expect(Math.max(...batches)).toBe(4);
    expect(result.probability.dimensions).toEqual(pet.dimensions);
  });

  it('resamples a crop whose spacing differs from the training spacing, and says so', async () => {
    const manifest = testManifest({ width: 64, height: 64, spacingMm: [4, 4] });
    const step = await createUnetDetectorStep({ model: loaded(manifest), openers: { wasm: echoOpener([]) }, device: cpuOnly });
    // 2 mm pixels: twice as many as the model was trained on, covering the same anatomy.
    const { pet, liver } = syntheticCrop([100, 80, 6], [2, 2, 3]);
    const result = await step.run({ pet, liver });

    expect(result.resampling).toMatchObject({ resampled: true, fromSpacingMm: [2, 2], toSpacingMm: [4, 4] });
    expect(result.resampling.message).toContain('resampled');
    expect(result.warnings).toContain(result.resampling.message);
    expect(result.probability.spacing).toEqual(pet.spacing);
    // Inside the liver, away from edges, the echoed map still reads the liver's normalised SUV (6 / 10).
    const centre = 50 + 40 * 100 + 3 * 100 * 80 - 30;
    expect(liver.voxels[centre]).toBe(1);
    expect(result.probability.voxels[centre]).toBeCloseTo(0.6, 3);
    expect(result.probability.voxels[0]).toBe(0);
  });

  it('warns when the liver is wider than the model window', async () => {
    const manifest = testManifest({ width: 16, height: 16, spacingMm: [4, 4] });
    const step = await createUnetDetectorStep({ model: loaded(manifest), openers: { wasm: echoOpener([]) }, device: cpuOnly });
    const { pet, liver } = syntheticCrop([50, 40, 4], [4, 4, 3]);
    const result = await step.run({ pet, liver });
    expect(result.warnings.join(' ')).toMatch(/liver voxels lie outside the model's 16×16 px window/);
  });

  it('feeds neighbouring slices as channels for a 2.5D model', async () => {
    const manifest = { ...testManifest({ channels: 3, sliceOffsets: [-1, 0, 1] }), variant: '2.5d' as const };
    const seen: Float32Array[] = [];
    const opener: SessionOpener = async () => ({
      backend: 'wasm',
      detail: '',
      async run(input, batch) {
        seen.push(input.slice());
        return new Float32Array(batch * 32 * 32);
      },
      release: async () => undefined,
    });
    const step = await createUnetDetectorStep({ model: loaded(manifest), openers: { wasm: opener }, device: cpuOnly, batchSize: 64 });
    const { pet, liver } = syntheticCrop([30, 30, 5], [4, 4, 3]);
    // Make each slice's liver SUV its slice number + 1 so channels can be told apart.
    for (let index = 0; index < pet.voxels.length; index++) if (liver.voxels[index]) pet.voxels[index] = Math.floor(index / 900) + 1;
    liver.voxels.fill(1);
    await step.run({ pet, liver });
    const pixels = 32 * 32;
    const centreOfChannel = (b: number, c: number) => seen[0][(b * 3 + c) * pixels + 16 * 32 + 16];
    // Slice 0: neighbours clamp to slice 0; slice 2 sees slices 1, 2, 3 (SUV 2, 3, 4 → 0.2, 0.3, 0.4).
    expect([0, 1, 2].map((c) => centreOfChannel(0, c))).toEqual([0.1, 0.1, 0.2].map(Math.fround));
    expect([0, 1, 2].map((c) => centreOfChannel(2, c))).toEqual([0.2, 0.3, 0.4].map(Math.fround));
  });

  it('refuses a liver mask on another grid with a clear message', async () => {
    const step = await createUnetDetectorStep({ model: loaded(testManifest()), openers: { wasm: echoOpener([]) }, device: cpuOnly });
    const { pet } = syntheticCrop([20, 20, 3], [4, 4, 3]);
    const { liver } = syntheticCrop([20, 20, 4], [4, 4, 3]);
    await expect(step.run({ pet, liver })).rejects.toThrow(/not on the PET crop's grid/);
  });
});
