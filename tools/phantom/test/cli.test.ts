import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/src/main';

describe('phantom and cohort commands reject bad input', () => {
  const root = mkdtempSync(join(tmpdir(), 'phantom-cli-'));
  let errors: string[];
  beforeEach(() => {
    errors = [];
    jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
      errors.push(parts.join(' '));
    });
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown option', ['phantom', '--seed', '1', '--out', join(root, 'a'), '--colour', 'red'], /Unknown option '--colour'/],
    ['a missing --out', ['phantom', '--seed', '1'], /--out DIR is required/],
    ['a negative count', ['cohort', '--out', join(root, 'b'), '--count=-3'], /--count must be between 1 and 10000, got -3/],
    ['a negative count given as a separate word', ['cohort', '--out', join(root, 'b'), '--count', '-3'], /Option '--count' argument is ambiguous/],
    ['a count that is not a number', ['cohort', '--out', join(root, 'b'), '--count', 'many'], /--count must be a whole number/],
    ['a lesion count over 9', ['phantom', '--out', join(root, 'c'), '--lesions', '12'], /--lesions must be between 0 and 9/],
    ['an out-of-range parameter', ['phantom', '--out', join(root, 'd'), '--param', 'psfFwhmMm=99'], /psfFwhmMm=99 is outside its range \[0, 20\]/],
    ['an unknown parameter', ['cohort', '--out', join(root, 'd'), '--param', 'contrast=3'], /unknown parameter "contrast"/],
    ['an inverted range', ['phantom', '--out', join(root, 'd'), '--param', 'noiseCovMin=0.5'], /noiseCovMin \(0.5\) must not exceed noiseCovMax/],
  ];

  it.each(cases)('%s: clear message, exit code 2, nothing written', async (_name, args, message) => {
    const code = await main(args);
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(message);
    expect(readdirSync(root)).toEqual([]);
  });

  it('an unwritable folder: clear message, non-zero exit, nothing written', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const code = await main(['phantom', '--seed', '1', '--out', join(blocker, 'study'), '--no-dicom']);
    expect(code).not.toBe(0);
    expect(errors.join('\n')).toMatch(/cannot (create|write into)/);
    expect(readdirSync(root)).toEqual(['a-file']);
    rmSync(blocker);
  });

  it('a non-empty output folder is refused and left as it was', async () => {
    const existing = join(root, 'existing');
    mkdirSync(existing);
    writeFileSync(join(existing, 'keep.txt'), 'precious');
    const code = await main(['cohort', '--out', existing, '--count', '1']);
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/is not empty/);
    expect(readdirSync(existing)).toEqual(['keep.txt']);
    expect(readdirSync(root)).toEqual(['existing']);
    rmSync(existing, { recursive: true });
  });
});
