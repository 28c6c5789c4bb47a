/**
 * `dotatate-liver detect` refuses PET slices whose pixels, rescale or geometry cannot be trusted,
 * naming the file and the value, instead of reading zeros, replacing values or failing later.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from 'ohif-extension-dotatate-liver/test/dicom/helpers/syntheticPet';
import { buildPetVolume } from '../../src/io/buildPetVolume';
import { scanDicomFolder } from '../../src/io/scanDicomFolder';
import { runCli as run } from '../runCli';
import { writePetSeries } from './writePetSeries';

type Edit = (dataset: Record<string, unknown>, k: number) => void;

describe('detect refuses untrustworthy PET slices', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pet-checks-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function detectWith(edit: Edit) {
    writePetSeries(join(root, 'study'), { edit });
    return run(['detect', join(root, 'study'), '--out', join(root, 'r.json'), '--quiet']);
  }

  describe('pixel data', () => {
    it('refuses a slice cut inside its pixel data, naming it and how much is missing', async () => {
      writePetSeries(join(root, 'study'));
      const cut = join(root, 'study', 'PT-005.dcm');
      // 48 × 40 16-bit pixels = 3840 bytes; drop the last 1000.
      truncateSync(cut, readFileSync(cut).length - 1000);
      const { code, err } = await run(['detect', join(root, 'study'), '--out', join(root, 'r.json'), '--quiet']);
      expect(code).toBe(1);
      expect(err).toMatch(/PT-005\.dcm: the file is cut short: it holds 2840 of its 3840 bytes of pixel data/);
    });

    it('reads an intact real scanner slice and lists a truncated copy of it as unreadable', () => {
      // The real slice also carries an icon image with its own PixelData inside a sequence.
      const folder = join(root, 'real');
      mkdirSync(folder);
      copyFileSync(join(FIXTURES, 'acrin_flt_breast_slices/acrin_flt_breast_1.dcm'), join(folder, 'intact.dcm'));
      const whole = readFileSync(join(FIXTURES, 'acrin_flt_breast_slices/acrin_flt_breast_2.dcm'));
      writeFileSync(join(folder, 'truncated.dcm'), whole.subarray(0, whole.length - 20_000));
      const scan = scanDicomFolder(folder);
      expect(scan.files.map((file) => file.path)).toEqual([join(folder, 'intact.dcm')]);
      expect(scan.unreadable).toEqual([{ path: join(folder, 'truncated.dcm'), reason: expect.stringMatching(/cut short: it holds 36448 of its 56448 bytes of pixel data/) }]);
    });

    it('refuses pixel data whose length does not match Rows × Columns × samples × bits', async () => {
      const { code, err } = await detectWith((d) => void (d.Rows = 39));
      expect(code).toBe(1);
      expect(err).toMatch(/PT-000\.dcm: the pixel data holds 3840 bytes, but 39 rows × 48 columns × 1 sample\(s\) × 16 bits need 3744/);
    });
  });

  describe('rescale', () => {
    it.each<[string, Edit, RegExp]>([
      ['slope 0 on every slice', (d) => void (d.RescaleSlope = 0), /PT-000\.dcm: RescaleSlope is 0/],
      ['slope NaN on one slice', (d, k) => void (k === 7 && (d.RescaleSlope = 'NaN')), /PT-007\.dcm: RescaleSlope is NaN/],
      ['slope Infinity on one slice', (d, k) => void (k === 3 && (d.RescaleSlope = 'Infinity')), /PT-003\.dcm: RescaleSlope is Infinity/],
      ['slope -Infinity on one slice', (d, k) => void (k === 3 && (d.RescaleSlope = '-Infinity')), /PT-003\.dcm: RescaleSlope is -Infinity/],
      ['a negative slope', (d, k) => void (k === 2 && (d.RescaleSlope = -0.5)), /PT-002\.dcm: RescaleSlope is -0\.5/],
      ['intercept NaN', (d, k) => void (k === 4 && (d.RescaleIntercept = 'NaN')), /PT-004\.dcm: RescaleIntercept is NaN/],
    ])('refuses %s, naming the file and the value', async (_name, edit, message) => {
      const { code, err } = await detectWith(edit);
      expect(code).toBe(1);
      expect(err).toMatch(message);
    });
  });

  describe('geometry', () => {
    const position = (d: Record<string, unknown>) => d.ImagePositionPatient as number[];
    it.each<[string, Edit, RegExp]>([
      ['negative pixel spacing', (d) => void (d.PixelSpacing = [-5, -5]), /PT-000\.dcm: PixelSpacing -5\\-5 mm is not plausible/],
      ['zero pixel spacing', (d) => void (d.PixelSpacing = [0, 5]), /PT-000\.dcm: PixelSpacing 0\\5 mm is not plausible/],
      ['absurd pixel spacing', (d) => void (d.PixelSpacing = [60, 60]), /PT-000\.dcm: PixelSpacing 60\\60 mm is not plausible/],
      ['absurd slice spacing', (d, k) => void (d.ImagePositionPatient = [position(d)[0], position(d)[1], k * 80]), /slices 80\.00 mm apart.*not plausible/],
      ['a non-unit orientation', (d) => void (d.ImageOrientationPatient = [2, 0, 0, 0, 1, 0]), /PT-000\.dcm: ImageOrientationPatient 2\\0\\0\\0\\1\\0 is not two unit vectors/],
      ['a non-orthogonal orientation', (d) => void (d.ImageOrientationPatient = [1, 0, 0, 0.6, 0.8, 0]), /PT-000\.dcm: ImageOrientationPatient 1\\0\\0\\0\.6\\0\.8\\0 .*not at right angles/],
      ['missing Rows', (d) => void delete d.Rows, /PT-000\.dcm: Rows is missing/],
      [
        'a coronal series',
        (d, k) => {
          d.ImageOrientationPatient = [1, 0, 0, 0, 0, -1];
          d.ImagePositionPatient = [position(d)[0], -100 + 5 * k, 0];
        },
        /PT-000\.dcm: the slices are not axial \(coronal\).*axial PET/,
      ],
      [
        'an oblique series',
        (d, k) => {
          d.ImageOrientationPatient = [1, 0, 0, 0, 0.94, -0.34];
          d.ImagePositionPatient = [position(d)[0], 0, 5 * k];
        },
        /PT-000\.dcm: the slices are not axial \(oblique\).*axial PET/,
      ],
    ])('refuses %s with a message that names it', async (_name, edit, message) => {
      const { code, err } = await detectWith(edit);
      expect(code).toBe(1);
      expect(err).toMatch(message);
    });

    it('accepts an axial series whose slice normal points down (rows running right to left)', () => {
      writePetSeries(join(root, 'study'), { edit: (d) => void (d.ImageOrientationPatient = [-1, 0, 0, 0, 1, 0]) });
      const { pet } = buildPetVolume(scanDicomFolder(join(root, 'study')).files);
      expect(pet.dimensions).toEqual([48, 40, 24]);
      expect(pet.direction[8]).toBe(-1);
    });
  });
});
