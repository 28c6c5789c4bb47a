/**
 * `detect --liver-seg` takes a liver SEG only when it belongs to the PET: the same Frame of
 * Reference, or (when the PET has none) the PET series among those the SEG refers to.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUid } from 'ohif-extension-dotatate-liver/src/dicom';
import { FIXTURES } from 'ohif-extension-dotatate-liver/test/dicom/helpers/syntheticPet';
import { runCli as run } from '../runCli';
import { writeLiverSeg } from './writeLiverSeg';
import { writePetSeries } from './writePetSeries';

describe('detect --liver-seg', () => {
  let root: string;
  let study: string;
  const frameOfReferenceUID = newUid();
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'liver-seg-'));
    study = join(root, 'study');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const detect = (seg: string) => run(['detect', study, '--liver-seg', seg, '--out', join(root, 'r.json'), '--quiet']);

  it('uses a liver SEG drawn on this PET (same Frame of Reference)', async () => {
    writePetSeries(study, { edit: (d) => void (d.FrameOfReferenceUID = frameOfReferenceUID) });
    writeLiverSeg(join(root, 'liver.dcm'), { frameOfReferenceUID });
    const { code, err } = await detect(join(root, 'liver.dcm'));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'r.json'), 'utf8')).liver.source).toBe('seg');
  });

  it('refuses a liver SEG on the same grid from another Frame of Reference, naming both', async () => {
    writePetSeries(study, { edit: (d) => void (d.FrameOfReferenceUID = frameOfReferenceUID) });
    const other = newUid();
    writeLiverSeg(join(root, 'other.dcm'), { frameOfReferenceUID: other });
    const { code, err } = await detect(join(root, 'other.dcm'));
    expect(code).toBe(1);
    expect(err).toContain(`other.dcm: the liver segmentation belongs to Frame of Reference ${other}, the PET to ${frameOfReferenceUID}`);
  });

  it('refuses, when the PET has no Frame of Reference, a liver SEG that refers to another series, naming both', async () => {
    const { seriesInstanceUID } = writePetSeries(study);
    const otherSeries = newUid();
    writeLiverSeg(join(root, 'other.dcm'), { referencedSeriesUID: otherSeries });
    const { code, err } = await detect(join(root, 'other.dcm'));
    expect(code).toBe(1);
    expect(err).toContain(`other.dcm: the liver segmentation refers to series ${otherSeries}, not to the PET series ${seriesInstanceUID}`);
  });

  it('refuses a liver SEG when nothing ties it to the PET (no shared Frame of Reference, no referenced series)', async () => {
    writePetSeries(study);
    writeLiverSeg(join(root, 'loose.dcm'), { frameOfReferenceUID: newUid() });
    const { code, err } = await detect(join(root, 'loose.dcm'));
    expect(code).toBe(1);
    expect(err).toMatch(/loose\.dcm: nothing says the liver segmentation belongs to this PET \(Frame of Reference: segmentation 2\.25\.\d+, PET none; no referenced series\)/);
  });

  it('refuses the real dcmqi CT liver SEG of another patient, naming both Frames of Reference', async () => {
    writePetSeries(study, { edit: (d) => void (d.FrameOfReferenceUID = frameOfReferenceUID) });
    const { code, err } = await detect(join(FIXTURES, 'dicom-validation/dcmqi-examples/segmentations_liver.dcm'));
    expect(code).toBe(1);
    expect(err).toContain(`the liver segmentation belongs to Frame of Reference 1.2.392.200103.20080913.113635.3.2009.6.22.21.44.34.23882.1, the PET to ${frameOfReferenceUID}`);
  });
});
