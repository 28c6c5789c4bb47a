import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describePetDisplaySet } from '../../src/adapter/describePetDisplaySet';
import { suvScalingStatus } from '../../src/adapter/suvScalingStatus';
import { ohifInstanceFromFlatMetadata, readNaturalizedInstance, REAL_FIXTURES } from './realPetFixtures';

const acrinSlice = (n: number) => readNaturalizedInstance(path.join(REAL_FIXTURES, `acrin_flt_breast_slices/acrin_flt_breast_${n}.dcm`));

/** DICOM TM "hhmmss.frac" to seconds after midnight. */
function seconds(time: string): number {
  return Number(time.slice(0, 2)) * 3600 + Number(time.slice(2, 4)) * 60 + Number(time.slice(4));
}

/** SUVbw factor = weight (g) / dose decayed from injection to series start (DecayCorrection START). */
function expectedFactor(instance: Record<string, unknown>): number {
  const radiopharmaceutical = (instance.RadiopharmaceuticalInformationSequence as Record<string, number & string>[])[0];
  const uptakeSeconds = seconds(String(instance.SeriesTime)) - seconds(radiopharmaceutical.RadiopharmaceuticalStartTime);
  const decayedDose = radiopharmaceutical.RadionuclideTotalDose * Math.pow(2, -uptakeSeconds / radiopharmaceutical.RadionuclideHalfLife);
  return (Number(instance.PatientWeight) * 1000) / decayedDose;
}

describe('describePetDisplaySet on real scanner slices (ACRIN-FLT-Breast)', () => {
  test('describes the series, the radionuclide and the SUVbw factor of a BQML / START slice', () => {
    const instance = acrinSlice(1);
    const description = describePetDisplaySet({ displaySetInstanceUID: 'ds-1', Modality: 'PT', SeriesDescription: 'PET-CT SERIES', instances: [instance] });
    expect(description).toMatchObject({
      modality: 'PT',
      isPet: true,
      seriesDescription: 'PET-CT SERIES',
      numberOfSlices: 1,
      // No Radiopharmaceutical name in this header: the radionuclide's code meaning stands in.
      radiopharmaceutical: 'F^18^[^18^Fluorine]',
      suvScalingAvailable: true,
    });
    expect(description.suvBodyWeightFactor).toBeCloseTo(expectedFactor(instance), 12);
    // 18F with no tracer named: the reader is told the detector is validated for 68Ga-DOTATATE.
    expect(description.tracerCaution).toMatch(/^The PET headers do not name the radiopharmaceutical \(radionuclide Fluorine-18\): this detector is validated for 68Ga-DOTATATE/);
  });

  test('has no tracer caution for a DOTATATE-coded PET, nor for a CT series', () => {
    const dotatate = { ...acrinSlice(1), RadiopharmaceuticalInformationSequence: [{ RadiopharmaceuticalCodeSequence: [{ CodeValue: '724025002', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Dotatate Ga^68^' }] }] };
    expect(describePetDisplaySet({ displaySetInstanceUID: 'ds-2', Modality: 'PT', instances: [dotatate] }).tracerCaution).toBeNull();
    expect(describePetDisplaySet({ displaySetInstanceUID: 'ds-3', Modality: 'CT', instances: [{}] }).tracerCaution).toBeNull();
  });

  test('handles the de-identified slice injected at its series time (uptake 0.1 s, acquisition later)', () => {
    const instance = acrinSlice(2);
    const status = suvScalingStatus(instance);
    expect(status.available).toBe(true);
    expect(status.suvBodyWeightFactor).toBeCloseTo(expectedFactor(instance), 12);
  });
});

describe('suvScalingStatus with calculate-suv test-suite headers in OHIF shape', () => {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(path.join(REAL_FIXTURES, `calculate_suv_metadata/${name}-instances.json`), 'utf8')) as Record<string, unknown>[];

  test('gives the published SUVbw factor for the Siemens case', () => {
    const status = suvScalingStatus(ohifInstanceFromFlatMetadata(fixture('SIEMENS')[0]));
    expect(status.available).toBe(true);
    expect(status.suvBodyWeightFactor).toBeCloseTo(0.00042748316187197236, 9);
  });

  test('names the missing attributes when headers are incomplete', () => {
    const instance = ohifInstanceFromFlatMetadata(fixture('SIEMENS')[0]);
    delete instance.PatientWeight;
    delete instance.DecayCorrection;
    const status = suvScalingStatus(instance);
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/missing DecayCorrection, PatientWeight/);
  });

  test('explains why counts (CNTS) without Philips scale factors cannot be scaled', () => {
    const instance = ohifInstanceFromFlatMetadata({ ...fixture('PHILIPS_CNTS_AND_SUV')[0], PhilipsPETPrivateGroup: undefined });
    const status = suvScalingStatus(instance);
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/not possible from these headers/);
  });

  test('says so when no instance metadata is loaded', () => {
    expect(suvScalingStatus(undefined)).toEqual({ available: false, reason: 'The series has no instance metadata loaded yet.' });
  });
});

describe('describePetDisplaySet on other series', () => {
  test('a CT display set is described as not PET, without SUV', () => {
    const description = describePetDisplaySet({ displaySetInstanceUID: 'ct', Modality: 'CT', SeriesDescription: 'CT WB', numImageFrames: 300, instances: [{ Modality: 'CT' }] });
    expect(description).toMatchObject({ isPet: false, modality: 'CT', numberOfSlices: 300, radiopharmaceutical: null, suvScalingAvailable: false });
    expect(description.suvScalingReason).toMatch(/not PET/);
  });

  test('prefers the Radiopharmaceutical name, accepts a sequence given as one object, and counts frames', () => {
    const description = describePetDisplaySet({
      displaySetInstanceUID: 'pt',
      Modality: 'PT',
      instances: [
        {
          Modality: 'PT',
          NumberOfFrames: '180',
          RadiopharmaceuticalInformationSequence: { Radiopharmaceutical: ' Ga-68 DOTATATE ', RadionuclideCodeSequence: [{ CodeMeaning: '^68^Gallium' }] },
        },
      ],
    });
    expect(description).toMatchObject({ radiopharmaceutical: 'Ga-68 DOTATATE', numberOfSlices: 180, seriesDescription: '(no series description)' });
    expect(description.suvScalingAvailable).toBe(false);
  });
});
