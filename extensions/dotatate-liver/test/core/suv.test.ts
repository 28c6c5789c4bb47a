import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InstanceMetadata } from '@cornerstonejs/calculate-suv';
import { computeSuvbwFactors, instanceMetadataFromDataset } from '../../src/core/suv';

// Real-scanner header fixtures (see test/fixtures/real/README.md for sources and licences).
const fixtures = path.resolve(__dirname, '../../../../test/fixtures/real/calculate_suv_metadata');

/** Expected SUVbw factors of each case's first instance, as published with calculate-suv. */
const expectedFactors: Record<string, number> = {
  SIEMENS: 0.00042748316187197236,
  GE_MEDICAL_AND_BQML: 0.0005367387681819742,
  PHILIPS_BQML: 0.0007463747013889488,
  PHILIPS_CNTS_AND_BQML_SUV: 0.000551,
  PHILIPS_CNTS_AND_SUV: 0.000728,
  BQML_AC_DT_lessThan_S_DT_SIEMENS: 0.0004069156854009332,
  'CPS_AND_BQML_AC_DT_-_S_DT': 0.00026503312764157046,
  RADIOPHARM_DATETIME_UNDEFINED: 0.0003721089202818729,
};

function readCase(name: string): InstanceMetadata[] {
  return JSON.parse(fs.readFileSync(path.join(fixtures, `${name}-instances.json`), 'utf8')) as InstanceMetadata[];
}

describe('SUVbw factors from real scanner headers', () => {
  it('finds all eight fixture cases', () => {
    const present = fs.readdirSync(fixtures).filter((file) => file.endsWith('-instances.json'));
    expect(present.sort()).toEqual(Object.keys(expectedFactors).map((name) => `${name}-instances.json`).sort());
  });

  it.each(Object.entries(expectedFactors))('%s gives the published factor within 1e-6', (name, expected) => {
    const conversion = computeSuvbwFactors(readCase(name));
    expect(conversion.units).toBe('SUVbw');
    if (conversion.units !== 'SUVbw') return;
    expect(conversion.factors).toHaveLength(readCase(name).length);
    expect(Math.abs(conversion.factors[0] - expected)).toBeLessThan(1e-6);
  });

  it('falls back to relative units, with the reason, when the weight is missing', () => {
    const instances = readCase('SIEMENS').map((instance) => ({ ...instance, PatientWeight: undefined as unknown as number }));
    const conversion = computeSuvbwFactors(instances);
    expect(conversion.units).toBe('relative');
    if (conversion.units === 'relative') expect(conversion.reason).toMatch(/PatientWeight/);
  });

  it('falls back to relative units for counts without Philips factors', () => {
    const instances = readCase('PHILIPS_CNTS_AND_SUV').map((instance) => ({ ...instance, PhilipsPETPrivateGroup: undefined }));
    expect(computeSuvbwFactors(instances).units).toBe('relative');
  });

  it('falls back to relative units when no attenuation correction is recorded', () => {
    const instances = readCase('SIEMENS').map((instance) => ({ ...instance, CorrectedImage: undefined as unknown as string[] }));
    expect(computeSuvbwFactors(instances).units).toBe('relative');
  });
});

describe('header fields from a naturalized DICOM data set', () => {
  it('reads the radiopharmaceutical sequence and gives the same factor as the fixture', () => {
    const [fixture] = readCase('SIEMENS');
    const dataset = {
      SeriesDate: fixture.SeriesDate,
      SeriesTime: fixture.SeriesTime,
      AcquisitionDate: fixture.AcquisitionDate,
      AcquisitionTime: fixture.AcquisitionTime,
      PatientWeight: String(fixture.PatientWeight),
      PatientSex: fixture.PatientSex,
      Units: fixture.Units,
      DecayCorrection: fixture.DecayCorrection,
      CorrectedImage: fixture.CorrectedImage,
      FrameReferenceTime: fixture.FrameReferenceTime,
      ActualFrameDuration: fixture.ActualFrameDuration,
      RadiopharmaceuticalInformationSequence: [
        {
          RadionuclideTotalDose: fixture.RadionuclideTotalDose,
          RadionuclideHalfLife: fixture.RadionuclideHalfLife,
          RadiopharmaceuticalStartTime: fixture.RadiopharmaceuticalStartTime,
          RadiopharmaceuticalStartDateTime: fixture.RadiopharmaceuticalStartDateTime,
        },
      ],
    };
    const metadata = instanceMetadataFromDataset(dataset);
    expect(metadata.PatientWeight).toBe(67);
    expect(metadata.RadionuclideTotalDose).toBe(fixture.RadionuclideTotalDose);
    const conversion = computeSuvbwFactors([metadata]);
    expect(conversion.units).toBe('SUVbw');
    if (conversion.units === 'SUVbw') expect(Math.abs(conversion.factors[0] - expectedFactors.SIEMENS)).toBeLessThan(1e-6);
  });

  it('reads Philips private SUV factors left as raw tags', () => {
    const metadata = instanceMetadataFromDataset({ Units: 'CNTS', '70531000': { vr: 'FD', Value: [0.000728] } });
    expect(metadata.PhilipsPETPrivateGroup?.SUVScaleFactor).toBe(0.000728);
  });
});
