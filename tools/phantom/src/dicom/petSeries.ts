import type { Study } from '../study';
import { dicomTime, imagePlane, imageSeriesMoments, patientStudyModules, unsigned16PixelModule } from './common';
import { NaturalDataset, PET_IMAGE_STORAGE } from './dcmjs';
import type { StudyUids } from './uids';

/**
 * 68Ga physical half-life: 67.71 min, the value long used in evaluated tables. The 2019
 * evaluation gives 67.83(20) min and a 2023 NPL measurement 67.801(43) min; 67.71 lies within
 * the evaluation's uncertainty (0.2 % shorter), and SUV only needs the header and the generator
 * to agree, which they do by sharing this constant.
 */
export const GA68_HALF_LIFE_S = 4062.6;
/** 68Ga positron branching ratio (sources give 0.889–0.892; header information only). */
export const GA68_POSITRON_FRACTION = 0.889;
/** SNOMED CT ^68^Gallium (DICOM CID 4020; legacy SNOMED-RT C-131A3). */
export const GA68_CODE = { CodeValue: '35337001', CodingSchemeDesignator: 'SCT', CodeMeaning: '^68^Gallium' };
/** SNOMED CT Dotatate Ga^68^ (DICOM CID 4021). */
export const GA68_DOTATATE_CODE = { CodeValue: '724025002', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Dotatate Ga^68^' };
/** SNOMED CT Intravenous route (DICOM CID 11). */
const INTRAVENOUS_ROUTE_CODE = { CodeValue: '47625008', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Intravenous route' };
/** One 3-minute frame per bed position. */
const FRAME_DURATION_MS = 180000;
const UINT16_MAX = 65535;

/**
 * Activity concentration (Bq/ml) at series start that corresponds to 1 SUVbw: the injected dose
 * decayed from injection to series start (DecayCorrection START), divided by body weight in g.
 */
export function bqmlPerSuv(study: Study): number {
  const { injectedBq, weightKg, injectionSeconds, seriesStartSeconds } = study.acquisition;
  const decayedDose = injectedBq * Math.pow(2, -(seriesStartSeconds - injectionSeconds) / GA68_HALF_LIFE_S);
  return decayedDose / (weightKg * 1000);
}

/**
 * One PET slice (axial index k) as a naturalized DICOM PET Image: Units BQML, decay corrected to
 * series start, 16-bit unsigned pixels with a per-slice RescaleSlope so that stored × slope is the
 * activity in Bq/ml, and the Radiopharmaceutical Information for 68Ga-DOTATATE so any viewer can
 * compute SUVbw from the header.
 */
export function petSlice(study: Study, uids: StudyUids, slice: number): NaturalDataset {
  const grid = study.petGrid;
  const [columns, rows, slices] = grid.dimensions;
  const sliceSize = columns * rows;
  const scale = bqmlPerSuv(study);
  let maximum = 0;
  for (let n = 0; n < sliceSize; n++) maximum = Math.max(maximum, study.petSuv[slice * sliceSize + n] * scale);
  const slope = maximum > 0 ? maximum / UINT16_MAX : 1;
  const pixels = new Uint16Array(sliceSize);
  for (let n = 0; n < sliceSize; n++) pixels[n] = Math.round((study.petSuv[slice * sliceSize + n] * scale) / slope);

  const { acquisition } = study;
  const seriesTime = dicomTime(acquisition.seriesStartSeconds);
  const frameReferenceMs = FRAME_DURATION_MS / 2;
  // Image index runs head to foot, as scanners number a whole-body PET.
  const imageIndex = slices - slice;
  return {
    ...patientStudyModules(study, uids),
    ...imageSeriesMoments(acquisition.studyDate, seriesTime),
    SOPClassUID: PET_IMAGE_STORAGE,
    SOPInstanceUID: uids.petInstance(slice),
    Modality: 'PT',
    SeriesInstanceUID: uids.petSeries,
    SeriesNumber: 2,
    SeriesDescription: 'PET AC 68Ga-DOTATATE',
    BodyPartExamined: 'ABDOMEN',
    Units: 'BQML',
    CountsSource: 'EMISSION',
    SeriesType: ['WHOLE BODY', 'IMAGE'],
    CorrectedImage: ['DECY', 'ATTN', 'SCAT', 'DTIM', 'RAN', 'NORM'],
    RandomsCorrectionMethod: 'DLYD',
    AttenuationCorrectionMethod: 'CT-based',
    ScatterCorrectionMethod: 'Model-based',
    DecayCorrection: 'START',
    ReconstructionMethod: 'OSEM 2i20s',
    CollimatorType: 'NONE',
    AcquisitionStartCondition: 'MANU',
    NumberOfSlices: slices,
    RadiopharmaceuticalInformationSequence: [
      {
        Radiopharmaceutical: 'Ga-68 DOTATATE',
        RadiopharmaceuticalRoute: 'Intravenous',
        RadiopharmaceuticalStartTime: dicomTime(acquisition.injectionSeconds),
        RadiopharmaceuticalStartDateTime: `${acquisition.studyDate}${dicomTime(acquisition.injectionSeconds)}`,
        RadionuclideTotalDose: acquisition.injectedBq,
        RadionuclideHalfLife: GA68_HALF_LIFE_S,
        RadionuclidePositronFraction: GA68_POSITRON_FRACTION,
        RadionuclideCodeSequence: [GA68_CODE],
        RadiopharmaceuticalCodeSequence: [GA68_DOTATATE_CODE],
        AdministrationRouteCodeSequence: [INTRAVENOUS_ROUTE_CODE],
      },
    ],
    PatientOrientationCodeSequence: [
      {
        CodeValue: '102538003',
        CodingSchemeDesignator: 'SCT',
        CodeMeaning: 'recumbent',
        PatientOrientationModifierCodeSequence: [{ CodeValue: '40199007', CodingSchemeDesignator: 'SCT', CodeMeaning: 'supine' }],
      },
    ],
    PatientGantryRelationshipCodeSequence: [{ CodeValue: '102541007', CodingSchemeDesignator: 'SCT', CodeMeaning: 'feet-first' }],
    ImageType: ['ORIGINAL', 'PRIMARY'],
    InstanceNumber: imageIndex,
    ImageIndex: imageIndex,
    FrameReferenceTime: frameReferenceMs,
    ActualFrameDuration: FRAME_DURATION_MS,
    DecayFactor: Math.round(Math.pow(2, frameReferenceMs / 1000 / GA68_HALF_LIFE_S) * 1e6) / 1e6,
    DoseCalibrationFactor: 1,
    ...imagePlane(study, grid, slice),
    ...unsigned16PixelModule(rows, columns, 16),
    RescaleIntercept: 0,
    RescaleSlope: Number(slope.toPrecision(10)),
    LossyImageCompression: '00',
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: 'OW' },
  };
}
