import { calculateSUVScalingFactors } from '@cornerstonejs/calculate-suv';
import { decodeDicomFile, encodeDicomFile, NaturalDataset, petSlice, studyUids } from '../src';
import { smallStudy } from './helpers';

/** The header fields calculate-suv reads, taken from a decoded PET file. */
function suvInput(dataset: NaturalDataset) {
  const radiopharmaceutical = (dataset.RadiopharmaceuticalInformationSequence as NaturalDataset[])[0];
  return {
    CorrectedImage: dataset.CorrectedImage as string[],
    Units: dataset.Units as string,
    RadionuclideHalfLife: radiopharmaceutical.RadionuclideHalfLife as number,
    RadionuclideTotalDose: radiopharmaceutical.RadionuclideTotalDose as number,
    RadiopharmaceuticalStartDateTime: radiopharmaceutical.RadiopharmaceuticalStartDateTime as string,
    RadiopharmaceuticalStartTime: radiopharmaceutical.RadiopharmaceuticalStartTime as string,
    DecayCorrection: dataset.DecayCorrection as string,
    PatientWeight: dataset.PatientWeight as number,
    SeriesDate: dataset.SeriesDate as string,
    SeriesTime: dataset.SeriesTime as string,
    AcquisitionDate: dataset.AcquisitionDate as string,
    AcquisitionTime: dataset.AcquisitionTime as string,
  };
}

describe('PET DICOM headers', () => {
  it('give SUVbw through @cornerstonejs/calculate-suv equal to the generator SUV within 1 %', () => {
    const study = smallStudy(21, 4);
    const uids = studyUids(study.seed);
    const [columns, rows] = study.petGrid.dimensions;
    // A slice through the first lesion, so hot and normal voxels are both checked.
    const slice = Math.round((study.lesions[0].centreLPS[2] - study.petGrid.origin[2]) / study.petGrid.spacing[2]);
    const dataset = decodeDicomFile(encodeDicomFile(petSlice(study, uids, slice)));
    expect(dataset.Modality).toBe('PT');
    expect(dataset.Units).toBe('BQML');
    const [factors] = calculateSUVScalingFactors([suvInput(dataset)]);
    const pixels = new Uint16Array((dataset.PixelData as ArrayBuffer[])[0]);
    const slope = dataset.RescaleSlope as number;
    let checked = 0;
    let worst = 0;
    for (let n = 0; n < columns * rows; n++) {
      const expected = study.petSuv[slice * columns * rows + n];
      if (expected < 1) continue;
      const fromHeader = pixels[n] * slope * factors.suvbw;
      worst = Math.max(worst, Math.abs(fromHeader - expected) / expected);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
    expect(worst).toBeLessThan(0.01);
  });

  it('name the radiopharmaceutical and radionuclide with SNOMED CT codes', () => {
    const study = smallStudy(22, 0);
    const dataset = decodeDicomFile(encodeDicomFile(petSlice(study, studyUids(22), 5)));
    const item = (dataset.RadiopharmaceuticalInformationSequence as NaturalDataset[])[0];
    const nuclide = (item.RadionuclideCodeSequence as NaturalDataset[])[0];
    expect(nuclide.CodeValue).toBe('35337001');
    expect(item.RadionuclideHalfLife).toBeCloseTo(4062.6, 1);
    expect(item.Radiopharmaceutical).toBe('Ga-68 DOTATATE');
  });
});
