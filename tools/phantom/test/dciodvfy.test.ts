import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ctSlice, encodeDicomFile, petSlice, studyUids, truthSegmentation } from '../src';
import { smallStudy } from './helpers';

function validate(file: string): string[] {
  const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  if (run.error) throw new Error(`dciodvfy could not run (${run.error.message}): install dicom3tools (apt-get install dicom3tools)`);
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.startsWith('Error'));
}

describe('generated DICOM passes dciodvfy', () => {
  const folder = mkdtempSync(join(tmpdir(), 'phantom-dciodvfy-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const study = smallStudy(31, 2, true);
  const uids = studyUids(study.seed);
  const slice = Math.round((study.lesions[0].centreLPS[2] - study.petGrid.origin[2]) / study.petGrid.spacing[2]);

  it.each([
    ['PET slice', () => petSlice(study, uids, slice)],
    ['CT slice', () => ctSlice(study, uids, slice)],
    ['truth SEG', () => truthSegmentation(study, uids)],
  ])('%s has no error lines', (name, build) => {
    const file = join(folder, `${name.replace(/\s/g, '-')}.dcm`);
    writeFileSync(file, encodeDicomFile(build()));
    expect(validate(file)).toEqual([]);
  });
});
