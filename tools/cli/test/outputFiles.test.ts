/** Output files appear whole and together, or not at all. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFilesAtomically } from '../src/io/outputFiles';

describe('writeFilesAtomically', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'outputs-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes every file', () => {
    writeFilesAtomically([
      { path: join(root, 'seg.dcm'), contents: new Uint8Array([1, 2, 3]) },
      { path: join(root, 'sr.dcm'), contents: 'text' },
    ]);
    expect(readdirSync(root).sort()).toEqual(['seg.dcm', 'sr.dcm']);
    expect([...readFileSync(join(root, 'seg.dcm'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(root, 'sr.dcm'), 'utf8')).toBe('text');
  });

  it('leaves neither file nor temporary behind when the second cannot be put in place', () => {
    // A non-empty folder where the second file should go: its rename fails after the first succeeded.
    mkdirSync(join(root, 'sr.dcm'));
    writeFileSync(join(root, 'sr.dcm', 'keep'), '');
    expect(() =>
      writeFilesAtomically([
        { path: join(root, 'seg.dcm'), contents: new Uint8Array([1]) },
        { path: join(root, 'sr.dcm'), contents: new Uint8Array([2]) },
      ]),
    ).toThrow(/cannot write .*sr\.dcm: .*no output file was written/);
    expect(readdirSync(root)).toEqual(['sr.dcm']);
    expect(readdirSync(join(root, 'sr.dcm'))).toEqual(['keep']);
  });
});
