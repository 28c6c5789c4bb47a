/**
 * The folder scan behind `detect` and `report`: a big non-DICOM file costs 132 bytes, symbolic
 * links are counted and never followed, and many unreadable files make a short summary.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanDicomFolder } from '../../src/io/scanDicomFolder';
import { runCli as run } from '../runCli';
import { writePetSeries } from './writePetSeries';

describe('folder scan', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'scan-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists a 3 GiB non-DICOM file as unreadable from its first bytes, without reading it whole', () => {
    mkdirSync(join(root, 'study'));
    // Sparse: no disk used. Reading it whole is refused by Node (over 2 GiB), so only a
    // scan that reads the preamble alone gets past it.
    writeFileSync(join(root, 'study', 'huge.bin'), '');
    truncateSync(join(root, 'study', 'huge.bin'), 3 * 1024 ** 3);
    const scan = scanDicomFolder(join(root, 'study'));
    expect(scan.unreadable).toEqual([{ path: join(root, 'study', 'huge.bin'), reason: 'not a DICOM Part 10 file (no "DICM" marker at byte 128)' }]);
  });

  it('skips symbolic links (a loop, a dangling one, one to a slice) without following them, and says how many once', async () => {
    const study = join(root, 'study');
    writePetSeries(study);
    symlinkSync(study, join(study, 'loop'));
    symlinkSync(join(root, 'gone.dcm'), join(study, 'dangling.dcm'));
    symlinkSync(join(study, 'PT-003.dcm'), join(study, 'copy-of-3.dcm'));
    const out = join(root, 'r.json');
    const { code, err } = await run(['detect', study, '--out', out]);
    expect(code).toBe(0);
    expect(err.match(/symbolic link/g)).toHaveLength(1);
    expect(err).toMatch(/Skipped 3 symbolic links in .*study \(links are not followed\)/);
    expect(err).not.toMatch(/ELOOP|ENOENT|ENAMETOOLONG/);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.petSeries.slices).toBe(24);
    expect(result.warnings.join(' ')).toMatch(/Skipped 3 symbolic links/);
  });

  it('names a folder that is a loop of symbolic links in plain words', async () => {
    symlinkSync(join(root, 'self'), join(root, 'self'));
    const { code, err } = await run(['detect', join(root, 'self'), '--out', join(root, 'r.json')]);
    expect(code).toBe(1);
    expect(err).toBe(`dotatate-liver detect: ${join(root, 'self')} is a loop of symbolic links, not a folder.\n`);
  });

  it('summarises 10,000 unreadable files in a few lines: the count and the first names', async () => {
    const junk = join(root, 'junk');
    mkdirSync(junk);
    for (let n = 0; n < 10_000; n++) writeFileSync(join(junk, `f${String(n).padStart(5, '0')}.txt`), 'x');
    const { code, err } = await run(['detect', junk, '--out', join(root, 'r.json')]);
    expect(code).toBe(1);
    expect(err.split('\n').length).toBeLessThan(12);
    expect(err).toMatch(/10000 files in .*junk cannot be read/);
    expect(err).toMatch(/f00000\.txt: not a DICOM Part 10 file/);
    expect(err).toMatch(/f00004\.txt/);
    expect(err).not.toMatch(/f00005\.txt/);
    expect(err).toMatch(/and 9995 more/);
  }, 60_000);
});
