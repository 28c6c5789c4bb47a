import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePetSeries } from './writePetSeries';
import { runCli as run } from '../runCli';

describe('dotatate-liver detect', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'detect-cli-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes result.json in the documented schema, in SUVbw', async () => {
    writePetSeries(join(root, 'study'));
    const out = join(root, 'result.json');
    const { code, err } = await run(['detect', join(root, 'study'), '--out', out, '--quiet']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result).toMatchObject({ schema: 'dotatate-liver-detection-v1', units: 'SUVbw', unitsReason: null, liver: { source: 'automatic' }, detector: { name: 'percist', filterPx: 5 } });
    expect(result.petSeries).toMatchObject({ slices: 24, spacing: [5, 5, 5] });
    expect(result.reference.sphereCentresLPS.length).toBeGreaterThan(0);
    expect(result.reference.mean).toBeGreaterThan(5);
    expect(result.reference.mean).toBeLessThan(7);
    expect(result.lesions).toHaveLength(1);
    const [lesion] = result.lesions;
    expect(Math.hypot(lesion.centroidLPS[0] + 55, lesion.centroidLPS[1], lesion.centroidLPS[2])).toBeLessThan(5);
    for (const key of ['id', 'voxels', 'volumeMl', 'suvMax', 'suvMean', 'suvPeak', 'score']) expect(typeof lesion[key]).toBe('number');
    expect(lesion.sliceRange).toHaveLength(2);
  });

  it('refuses a folder with no PET, naming what it found', async () => {
    writePetSeries(join(root, 'ct'), { modality: 'CT', slices: [0, 1, 2] });
    const { code, err } = await run(['detect', join(root, 'ct'), '--out', join(root, 'r.json')]);
    expect(code).toBe(1);
    expect(err).toMatch(/No PET series.*CT \(3 files\)/);
  });

  it('lists several PET series and takes the one chosen by --series', async () => {
    const a = writePetSeries(join(root, 'two'), { prefix: 'a' });
    writePetSeries(join(root, 'two'), { prefix: 'b', slices: [0, 1, 2, 3] });
    const listed = await run(['detect', join(root, 'two'), '--out', join(root, 'r.json')]);
    expect(listed.code).toBe(1);
    expect(listed.err).toMatch(/2 PET series; choose one with --series/);
    expect(listed.err).toContain(a.seriesInstanceUID);
    const chosen = await run(['detect', join(root, 'two'), '--series', a.seriesInstanceUID, '--out', join(root, 'r.json'), '--quiet']);
    expect(chosen.code).toBe(0);
  });

  it('refuses a single slice', async () => {
    writePetSeries(join(root, 'one'), { slices: [5] });
    const { code, err } = await run(['detect', join(root, 'one'), '--out', join(root, 'r.json')]);
    expect(code).toBe(1);
    expect(err).toMatch(/single slice/);
  });

  it('runs in relative units, flagged, when SUV tags are missing', async () => {
    writePetSeries(join(root, 'noweight'), { withoutWeight: true });
    const out = join(root, 'r.json');
    const { code, err } = await run(['detect', join(root, 'noweight'), '--out', out]);
    expect(code).toBe(0);
    expect(err).toMatch(/PatientWeight.*relative units/);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.units).toBe('relative');
    expect(result.unitsReason).toMatch(/PatientWeight/);
    expect(result.warnings.join(' ')).toMatch(/relative units/);
    expect(result.lesions).toHaveLength(1);
  });

  it('says how to seed the liver when none is found, and the seed then works', async () => {
    writePetSeries(join(root, 'flat'), { uniform: true });
    const none = await run(['detect', join(root, 'flat'), '--out', join(root, 'r.json')]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No liver was found automatically.*--liver-seed x,y,z/s);
    writePetSeries(join(root, 'study'));
    // A seed far outside the body fails clearly; a seed in the liver works.
    const outside = await run(['detect', join(root, 'study'), '--out', join(root, 'r.json'), '--liver-seed', '0,0,900']);
    expect(outside.code).toBe(1);
    expect(outside.err).toMatch(/outside the PET volume/);
    const seeded = await run(['detect', join(root, 'study'), '--out', join(root, 'r.json'), '--liver-seed=-40,10,5', '--quiet']);
    expect(seeded.code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'r.json'), 'utf8')).liver.source).toBe('seed');
  });

  it('refuses irregular slice spacing, naming the gap', async () => {
    writePetSeries(join(root, 'gap'), { slices: [0, 1, 2, 3, 5, 6, 7] });
    const { code, err } = await run(['detect', join(root, 'gap'), '--out', join(root, 'r.json')]);
    expect(code).toBe(1);
    expect(err).toMatch(/Irregular slice spacing: 10\.00 mm .* 5\.00 mm elsewhere/);
  });

  it('fails on an unreadable file among good ones, naming it, unless told to skip it', async () => {
    writePetSeries(join(root, 'study'));
    writeFileSync(join(root, 'study', 'broken.dcm'), Buffer.alloc(300, 7));
    const failed = await run(['detect', join(root, 'study'), '--out', join(root, 'r.json')]);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/broken\.dcm.*not a DICOM Part 10 file/s);
    expect(failed.err).toMatch(/--skip-unreadable/);
    const skipped = await run(['detect', join(root, 'study'), '--out', join(root, 'r.json'), '--skip-unreadable']);
    expect(skipped.code).toBe(0);
    expect(skipped.err).toMatch(/Warning: skipping 1 unreadable file/);
    expect(JSON.parse(readFileSync(join(root, 'r.json'), 'utf8')).warnings.join(' ')).toMatch(/broken\.dcm/);
  });

  it('refuses an --out in a folder that does not exist before reading any input', async () => {
    // The input folder holds no PET: only an up-front check of --out reports the output first.
    const { code, err } = await run(['detect', root, '--out', join(root, 'no-such-folder', 'r.json')]);
    expect(code).toBe(2);
    expect(err).toMatch(/--out .*r\.json: the folder .*no-such-folder does not exist/);
  });

  it('rejects bad arguments as usage errors', async () => {
    expect((await run(['detect', root])).code).toBe(2);
    expect((await run(['detect', root, '--out', 'x.json', '--filter-px', '0'])).code).toBe(2);
    expect((await run(['detect', root, '--out', 'x.json', '--detector', 'magic'])).code).toBe(2);
    expect((await run(['detect', root, '--out', 'x.json', '--liver-seed', '1,2'])).code).toBe(2);
    expect((await run(['detect', root, '--out', 'x.json', '--bogus'])).code).toBe(2);
  });
});
