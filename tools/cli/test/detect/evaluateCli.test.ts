import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main';
import { analyticStudy } from 'ohif-extension-dotatate-liver/test/core/helpers/analyticVolumes';

/** Writes an analytic study in the phantom's training-export layout. */
function writeExport(folder: string, seed: number, withLesions: boolean): void {
  const study = analyticStudy({ seed, lesions: withLesions ? undefined : [] });
  mkdirSync(join(folder, 'training'), { recursive: true });
  const bytes = (array: Float32Array | Uint8Array | Uint16Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  writeFileSync(join(folder, 'training', 'pet_suv.f32'), bytes(study.pet.voxels));
  writeFileSync(join(folder, 'training', 'liver.u8'), bytes(study.liver.voxels));
  writeFileSync(join(folder, 'training', 'lesions.u16'), bytes(study.lesionLabels));
  writeFileSync(join(folder, 'training', 'gold.u16'), bytes(study.lesionLabels));
  const meta = {
    format: 'dotatate-liver-training-v1',
    dimensions: study.pet.dimensions,
    spacing: study.pet.spacing,
    origin: study.pet.origin,
    direction: study.pet.direction,
    files: {
      pet: { file: 'pet_suv.f32', dtype: 'float32' },
      liver: { file: 'liver.u8', dtype: 'uint8' },
      lesions: { file: 'lesions.u16', dtype: 'uint16' },
      gold: { file: 'gold.u16', dtype: 'uint16' },
    },
    petUnits: 'SUVbw',
  };
  writeFileSync(join(folder, 'training', 'meta.json'), JSON.stringify(meta));
}

describe('dotatate-liver evaluate', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'evaluate-cli-'));
    writeExport(join(root, 'cohort', 's1'), 1, true);
    writeExport(join(root, 'cohort', 's2'), 2, false);
    writeFileSync(join(root, 'cohort', 'split.json'), JSON.stringify({ train: [], validation: [], test: ['s1', 's2'] }));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes Table-2-shaped Markdown and JSON for both references, and SVG curves', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(root, 'report');
    const code = await main(['evaluate', join(root, 'cohort'), '--split', 'test', '--out', out, '--filters', '5,20']);
    log.mockRestore();
    write.mockRestore();
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.studies).toBe(2);
    expect(report.results.truth.map((row: { filterPx: number }) => row.filterPx)).toEqual([5, 20]);
    const [f5] = report.results.truth;
    expect(f5.lesion.detected).toBe(3);
    expect(f5.lesion.references).toBe(3);
    expect(f5.slice.sensitivity).toBeGreaterThan(0.7);
    expect(f5.slice.ppv).toBeGreaterThan(0.9);
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toMatch(/\| noise filter \(px\) \| 5 \| 20 \|/);
    expect(markdown).toMatch(/\| PR-AUC \|/);
    for (const file of ['pr-truth.svg', 'pr-gold.svg', 'froc-truth.svg', 'froc-gold.svg']) expect(readFileSync(join(out, file), 'utf8')).toMatch(/^<svg[^>]*>[\s\S]*polyline/);
  });

  it('says how to make a cohort when split.json is missing', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const code = await main(['evaluate', join(root, 'nowhere'), '--out', join(root, 'x')]);
    expect(error.mock.calls.join(' ')).toMatch(/dotatate-liver cohort --out DIR/);
    error.mockRestore();
    expect(code).toBe(1);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});
