import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePetSeries } from './writePetSeries';
import { runCli as run } from '../runCli';

/** Names the tracer of every slice: a Radiopharmaceutical text and/or a code. */
const tracer = (item: Record<string, unknown>) => (dataset: Record<string, unknown>) => {
  const [first] = dataset.RadiopharmaceuticalInformationSequence as Record<string, unknown>[];
  Object.assign(first, item);
};

describe('dotatate-liver detect: the automatic liver is checked', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'detect-liver-check-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('exits 1 without result.json when the automatic liver is too small, naming the check; a seed then works', async () => {
    // A 470 ml liver ellipsoid: found by the automatic mask (over its 300 ml floor) but no adult liver.
    writePetSeries(join(root, 'small'), { liverShape: { centre: [-55, 0, 0], semiAxes: [50, 45, 50] } });
    const out = join(root, 'result.json');
    const refused = await run(['detect', join(root, 'small'), '--out', out, '--quiet']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^dotatate-liver detect: The automatic liver mask does not look like a liver: volume \d{3} ml \(a liver: 700–4000 ml\)\. No candidates are listed: one click inside the liver \(or a liver segmentation\) is needed\./);
    expect(refused.err).toMatch(/FAILED volume: volume \d{3} ml/);
    expect(refused.err).toMatch(/ok {5}right-side: /);
    expect(refused.err).toContain('--liver-seed x,y,z (a point inside the liver, LPS mm) or --liver-seg seg.dcm');
    expect(existsSync(out)).toBe(false);

    const seeded = await run(['detect', join(root, 'small'), '--out', out, '--quiet', '--liver-seed=-55,10,10']);
    expect(seeded.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.liver.source).toBe('seed');
    expect(result.liverCheck).toEqual({ status: 'not-checked', checks: [], message: null });
    expect(result.lesions).toHaveLength(1);
  });

  it('records the passed checks of a plausible automatic liver in result.json', async () => {
    writePetSeries(join(root, 'study'));
    const out = join(root, 'result.json');
    const { code } = await run(['detect', join(root, 'study'), '--out', out, '--quiet']);
    expect(code).toBe(0);
    const { liverCheck } = JSON.parse(readFileSync(out, 'utf8'));
    expect(liverCheck.status).toBe('passed');
    expect(liverCheck.checks.map((check: { name: string; passed: boolean }) => `${check.name} ${check.passed}`)).toEqual([
      'volume true',
      'right-side true',
      'craniocaudal-extent true',
      'reference-spheres true',
    ]);
  });
});

describe('dotatate-liver detect: the tracer', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'detect-tracer-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('cautions for FDG on stderr and in result.json, and still lists the candidates', async () => {
    writePetSeries(join(root, 'fdg'), { edit: tracer({ Radiopharmaceutical: 'Fluorodeoxyglucose' }) });
    const out = join(root, 'result.json');
    const { code, err } = await run(['detect', join(root, 'fdg'), '--out', out]);
    const caution = 'Radiopharmaceutical is Fluorodeoxyglucose, not a somatostatin-receptor ligand: this detector is validated for 68Ga-DOTATATE; review candidates with care.';
    expect(code).toBe(0);
    expect(err).toContain(`Warning: ${caution}`);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.warnings).toContain(caution);
    expect(result.radiopharmaceutical).toMatchObject({ kind: 'other', name: 'Fluorodeoxyglucose', decidedBy: 'name' });
    expect(result.lesions).toHaveLength(1);
  });

  it('cautions when the headers name no radiopharmaceutical', async () => {
    writePetSeries(join(root, 'unnamed'));
    const out = join(root, 'result.json');
    await run(['detect', join(root, 'unnamed'), '--out', out, '--quiet']);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.radiopharmaceutical.kind).toBe('unknown');
    expect(result.warnings.join(' ')).toMatch(/The PET headers do not name the radiopharmaceutical: this detector is validated for 68Ga-DOTATATE/);
  });

  it('adds no caution for 68Ga-DOTATATE coded as CID 4021 does', async () => {
    const code = [{ CodeValue: '724025002', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Dotatate Ga^68^' }];
    writePetSeries(join(root, 'dotatate'), { edit: tracer({ RadiopharmaceuticalCodeSequence: code }) });
    const out = join(root, 'result.json');
    const { err } = await run(['detect', join(root, 'dotatate'), '--out', out]);
    expect(err).not.toMatch(/radiopharmaceutical/i);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.radiopharmaceutical).toMatchObject({ kind: 'sstr', decidedBy: 'code' });
    expect(result.warnings).toEqual([]);
  });
});
