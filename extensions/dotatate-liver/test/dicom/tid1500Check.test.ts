import { checkTid1500 } from '../../src/dicom/tid1500Check';
import { readPart10, type NaturalizedDataset } from '../../src/dicom/dataset';
import { reviewedObjects } from './helpers/reviewedObjects';
import { fixtureBytes } from './helpers/syntheticPet';

function ours() {
  const { seg, sr } = reviewedObjects();
  // Check the parsed files, not the in-memory objects, so encoding is covered too.
  return { sr: readPart10(sr.arrayBuffer, 'SR'), seg: readPart10(seg.arrayBuffer, 'SEG') };
}

/** A deep copy in which `edit` changes the first lesion group. */
function withFirstGroup(sr: NaturalizedDataset, edit: (group: NaturalizedDataset) => void): NaturalizedDataset {
  const copy = JSON.parse(JSON.stringify(sr)) as NaturalizedDataset; // an SR holds no binary values
  const root = copy.ContentSequence as NaturalizedDataset[];
  const measurements = root.find((item) => JSON.stringify(item.ConceptNameCodeSequence).includes('126010')) as NaturalizedDataset;
  edit((measurements.ContentSequence as NaturalizedDataset[])[0]);
  return copy;
}

const rules = (problems: { rule: string }[]) => [...new Set(problems.map((p) => p.rule))].sort();

describe('checkTid1500', () => {
  it('passes our report against our SEG', () => {
    const { sr, seg } = ours();
    expect(checkTid1500(sr, seg)).toEqual([]);
  });

  it('finds the missing procedure, image library and measured value in the broken fixture', () => {
    const broken = readPart10(fixtureBytes('dicom-validation/broken/sr_broken.dcm'), 'SR');
    const problems = checkTid1500(broken, undefined, { projectCodes: false });
    expect(rules(problems)).toEqual(['image-library', 'num-value', 'procedure-reported']);
  });

  it('passes the intact reference report (dcmqi) on the generic rules, with its SEG', () => {
    const sr = readPart10(fixtureBytes('dicom-validation/dcmqi-examples/sr-example_sr.dcm'), 'SR');
    const seg = readPart10(fixtureBytes('dicom-validation/dcmqi-examples/sr-example_seg.dcm'), 'SEG');
    expect(checkTid1500(sr, seg, { projectCodes: false })).toEqual([]);
    // Its finding is a primary neoplasm of the adenoid: not this project's codes.
    expect(rules(checkTid1500(sr, seg))).toEqual(['finding', 'finding-site']);
  });

  it('flags a segment number the SEG lacks and a SEG segment without its group', () => {
    const { sr, seg } = ours();
    const edited = withFirstGroup(sr, (group) => {
      const reference = (group.ContentSequence as NaturalizedDataset[]).find((item) => item.ValueType === 'IMAGE') as NaturalizedDataset;
      (reference.ReferencedSOPSequence as NaturalizedDataset[])[0].ReferencedSegmentNumber = 9;
    });
    const messages = checkTid1500(edited, seg).map((p) => p.message);
    expect(messages).toContain('Measurement group 1 refers to segment 9, which the SEG does not have.');
    expect(messages).toContain('SEG segment 1 is referenced by 0 measurement groups, not exactly one.');
  });

  it('flags wrong SUV units, an invalid Tracking UID and a missing finding site', () => {
    const { sr, seg } = ours();
    const edited = withFirstGroup(sr, (group) => {
      const items = group.ContentSequence as NaturalizedDataset[];
      const suv = items.find((item) => item.ValueType === 'NUM') as NaturalizedDataset;
      const units = (suv.MeasuredValueSequence as NaturalizedDataset[])[0].MeasurementUnitsCodeSequence as NaturalizedDataset[];
      units[0].CodeValue = '{SUV}';
      const uid = items.find((item) => item.ValueType === 'UIDREF') as NaturalizedDataset;
      uid.UID = '2.25.0123';
      group.ContentSequence = items.filter((item) => !JSON.stringify(item.ConceptNameCodeSequence).includes('363698007'));
    });
    expect(rules(checkTid1500(edited, seg))).toEqual(['finding-site', 'tracking-uid', 'units']);
  });
});
