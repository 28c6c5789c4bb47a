import * as path from 'node:path';
import { radiopharmaceuticalFromDataset, readableCodeMeaning, tracerCaution } from '../../src/core/suv';
import { readNaturalizedInstance } from '../adapter/realPetFixtures';

// Real-scanner slices (see test/fixtures/real/README.md for source and licence).
const acrin = path.resolve(__dirname, '../../../../test/fixtures/real/acrin_flt_breast_slices/acrin_flt_breast_1.dcm');

/** A PET header with one radiopharmaceutical item holding these fields. */
const header = (item: Record<string, unknown>) => ({ Modality: 'PT', RadiopharmaceuticalInformationSequence: [item] });
const coded = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => ({ RadiopharmaceuticalCodeSequence: [{ CodeValue, CodingSchemeDesignator, CodeMeaning }] });

describe('the tracer from the PET headers', () => {
  it.each([
    ['SNOMED CT Dotatate Ga^68^', coded('724025002', 'SCT', 'Dotatate Ga^68^')],
    ['the older UMLS code of 68Ga-DOTATATE', coded('C1742831', 'UMLS', 'tyrosine-3-octreotate Ga^68^')],
    ['the UMLS code of 68Ga-DOTATOC (edotreotide)', coded('C2713594', 'UMLS', 'Edotreotide Ga^68^')],
  ])('recognises %s by its code, whatever the name says', (_label, item) => {
    const tracer = radiopharmaceuticalFromDataset(header({ ...item, Radiopharmaceutical: 'local tracer 7' }));
    expect(tracer).toMatchObject({ kind: 'sstr', decidedBy: 'code' });
    expect(tracerCaution(tracer)).toBeNull();
  });

  it.each(['Ga68 DOTATATE', 'DOTA-TATE', 'Netspot', 'Detectnet', '68Ga-DOTANOC', 'Ga-68 DOTA-TOC', 'Cu64 DOTATATE', 'ga^68^ dotatate'])(
    'recognises the name %s as an SSTR ligand (no code)',
    (name) => {
      const tracer = radiopharmaceuticalFromDataset(header({ Radiopharmaceutical: name }));
      expect(tracer).toMatchObject({ kind: 'sstr', decidedBy: 'name', name });
      expect(tracerCaution(tracer)).toBeNull();
    },
  );

  it('takes an unknown local code as no answer and reads the name', () => {
    const tracer = radiopharmaceuticalFromDataset(header({ ...coded('L123', '99LOCAL', 'Tracer of the week'), Radiopharmaceutical: 'Ga-68 DOTATATE' }));
    expect(tracer).toMatchObject({ kind: 'sstr', decidedBy: 'name' });
  });

  it('cautions for FDG by its code even when the name text claims DOTATATE', () => {
    const tracer = radiopharmaceuticalFromDataset(header({ ...coded('35321007', 'SCT', 'Fluorodeoxyglucose F^18^'), Radiopharmaceutical: 'DOTATATE?' }));
    expect(tracer).toMatchObject({ kind: 'other', decidedBy: 'code' });
  });

  it('names FDG in the caution: not a somatostatin-receptor ligand, review with care', () => {
    const tracer = radiopharmaceuticalFromDataset(header({ ...coded('C-B1031', 'SRT', 'Fluorodeoxyglucose F^18^') }));
    expect(tracer).toMatchObject({ kind: 'other', decidedBy: 'code', name: 'Fluorodeoxyglucose F-18' });
    expect(tracerCaution(tracer)).toBe(
      'Radiopharmaceutical is Fluorodeoxyglucose F-18, not a somatostatin-receptor ligand: this detector is validated for 68Ga-DOTATATE; review candidates with care.',
    );
  });

  it.each(['Fluorodeoxyglucose', 'FDG -- FluoroDeoxyGlucose', 'PSMA-11', 'FLT'])('cautions for the name %s', (name) => {
    const tracer = radiopharmaceuticalFromDataset(header({ Radiopharmaceutical: name }));
    expect(tracer.kind).toBe('other');
    expect(tracerCaution(tracer)).toContain(`Radiopharmaceutical is ${name}, not a somatostatin-receptor ligand`);
  });

  it('cautions for the real 18F-FLT slice, which names only its radionuclide', () => {
    const tracer = radiopharmaceuticalFromDataset(readNaturalizedInstance(acrin));
    expect(tracer).toMatchObject({ kind: 'unknown', name: null, radionuclide: 'Fluorine-18', code: null });
    expect(tracerCaution(tracer)).toBe(
      'The PET headers do not name the radiopharmaceutical (radionuclide Fluorine-18): this detector is validated for 68Ga-DOTATATE, a somatostatin-receptor ligand; review candidates with care.',
    );
  });

  it('cautions when the headers have no radiopharmaceutical at all, or an empty one', () => {
    for (const dataset of [{ Modality: 'PT' }, header({}), header({ Radiopharmaceutical: '  ' })]) {
      const tracer = radiopharmaceuticalFromDataset(dataset);
      expect(tracer).toMatchObject({ kind: 'unknown', decidedBy: 'none', name: null, radionuclide: null });
      expect(tracerCaution(tracer)).toMatch(/^The PET headers do not name the radiopharmaceutical: /);
    }
  });

  it('reads an OHIF instance whose sequences are single objects, not arrays', () => {
    const tracer = radiopharmaceuticalFromDataset({ RadiopharmaceuticalInformationSequence: { RadiopharmaceuticalCodeSequence: { CodeValue: '724025002', CodingSchemeDesignator: 'SCT' } } });
    expect(tracer.kind).toBe('sstr');
  });

  it('makes DICOM superscript markup readable', () => {
    expect(readableCodeMeaning('F^18^[^18^Fluorine]')).toBe('Fluorine-18');
    expect(readableCodeMeaning('^68^Gallium')).toBe('Gallium-68');
    expect(readableCodeMeaning('Dotatate Ga^68^')).toBe('Dotatate Ga-68');
  });
});
