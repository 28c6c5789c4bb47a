import { hasMostImagesOfModality, petSuvVoi, PET_SUV_WINDOW } from '../../src/hangingProtocol/customAttributes';

const series = (uid: string, Modality: string, numImageFrames: number) => ({ displaySetInstanceUID: uid, Modality, numImageFrames });

test('hasMostImagesOfModality prefers the longest series of the same modality only', () => {
  const displaySets = [series('scout', 'CT', 1), series('ct', 'CT', 300), series('pt', 'PT', 200), series('pt-bed', 'PT', 40)];
  const winners = displaySets.filter(displaySet => hasMostImagesOfModality(displaySet, { displaySets }));
  expect(winners.map(displaySet => displaySet.displaySetInstanceUID)).toEqual(['ct', 'pt']);
  expect(hasMostImagesOfModality(undefined, { displaySets })).toBe(false);
});

test('petSuvVoi gives the SUV window only for an SUV-scaled PET', () => {
  const scaledInstance = {
    Units: 'BQML', CorrectedImage: ['ATTN', 'DECY'], DecayCorrection: 'START', PatientWeight: 70,
    SeriesDate: '20240101', SeriesTime: '100000', AcquisitionDate: '20240101', AcquisitionTime: '100000',
    RadiopharmaceuticalInformationSequence: [{ RadionuclideTotalDose: 1.5e8, RadionuclideHalfLife: 4062.6, RadiopharmaceuticalStartTime: '090000' }],
  };
  expect(petSuvVoi([series('ct', 'CT', 10), { ...series('pt', 'PT', 10), instances: [scaledInstance] }])).toEqual(PET_SUV_WINDOW);
  expect(petSuvVoi([{ ...series('pt', 'PT', 10), instances: [{ Units: 'CNTS' }] }])).toBeUndefined();
  expect(petSuvVoi([series('ct', 'CT', 10)])).toBeUndefined();
});
