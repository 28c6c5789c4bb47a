import { detect, CancelledError, CORE_VERSION, percistDetector } from '../../src/core';
import type { DetectorStep } from '../../src/core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyticStudy } from './helpers/analyticVolumes';

const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('detect(): the whole pipeline on an analytic study', () => {
  const study = analyticStudy({ seed: 21 });

  it('finds every lesion, with centroids within one voxel and volumes within 20 %', async () => {
    const result = await detect({ pet: study.pet });
    expect(result.liver.source).toBe('automatic');
    expect(result.units).toBe('SUVbw');
    expect(result.lesions).toHaveLength(study.lesions.length);
    for (const lesion of study.lesions) {
      const found = result.lesions.find((l) => distance(l.centroidLPS, lesion.centre) < 4);
      expect(found).toBeDefined();
      const trueMl = ((4 / 3) * Math.PI * lesion.radiusMm ** 3) / 1000;
      expect(Math.abs((found?.volumeMl ?? 0) - trueMl) / trueMl).toBeLessThan(0.2);
      expect(found?.suvMax).toBeGreaterThan(lesion.suv * 0.9);
    }
    expect(result.detector).toMatchObject({ name: 'percist', version: percistDetector().version });
    expect(result.parameters).toMatchObject({ binariseAt: 0.05, filterPx: 5, connectivity: 8, cropMarginMm: 10 });
    expect(result.coreVersion).toBe(CORE_VERSION);
  });

  it('reports the stages in pipeline order and honours cancellation', async () => {
    const stages: string[] = [];
    const mask = study.liver;
    await detect({ pet: study.pet, liverMask: mask }, { onProgress: (stage) => stages.at(-1) !== stage && stages.push(stage) });
    expect(stages).toEqual(['liver', 'crop', 'reference', 'liverCheck', 'detector', 'postprocess', 'statistics', 'done']);
    await expect(detect({ pet: study.pet, liverMask: mask }, { isCancelled: () => stages.push('x') > 9 })).rejects.toBeInstanceOf(CancelledError);
  });

  it("takes an asynchronous detector step (as a U-Net would be) and the reader's sphere centres", async () => {
    const seen: number[] = [];
    const network: DetectorStep = {
      name: 'unet-stub',
      version: '0.0.1',
      parameters: { channels: 1 },
      run: async ({ pet, reference }) => {
        seen.push(reference.spheres.length);
        return Float32Array.from(pet.voxels, (v) => (v > 15 ? 0.9 : 0.01));
      },
    };
    const centres: [number, number, number][] = [[-55, 0, 0]];
    const result = await detect({ pet: study.pet, liverMask: study.liver }, { steps: { detector: network }, referenceCentresLPS: centres, filterMm2: 160 });
    expect(seen).toEqual([1]);
    expect(result.reference.spheres[0].centreLPS).toEqual([-55, 0, 0]);
    expect(result.detector.name).toBe('unet-stub');
    expect(result.parameters.filterPx).toBe(10);
    expect(result.lesions.length).toBeGreaterThanOrEqual(2);
  });

  it('flags relative units in its warnings', async () => {
    const result = await detect({ pet: { ...study.pet, units: 'relative' }, liverMask: study.liver });
    expect(result.units).toBe('relative');
    expect(result.warnings.join(' ')).toMatch(/relative units/);
  });

  it('keeps the core free of Node built-ins and viewer libraries', () => {
    const root = path.resolve(__dirname, '../../src/core');
    const files = fs.readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      expect(source).not.toMatch(/from ['"](node:|fs|path|react|@ohif|@cornerstonejs\/(core|tools))/);
    }
  });
});
