/**
 * Seeded generator of synthetic 68Ga-DOTATATE PET/CT studies with known liver lesions.
 * Volumes are on axial grids in LPS mm (see grid.ts); PET values are SUVbw.
 */
export { DEFAULT_PARAMETERS, PARAMETER_LIMITS, ParameterError, parseParameterAssignments, resolveParameters } from './parameters';
export type { PhantomParameters } from './parameters';
export { generateStudy, PET_MATRIX, CT_MATRIX } from './study';
export type { Study, StudyOptions, Acquisition } from './study';
export type { Lesion } from './lesions';
export type { GoldLesion } from './goldStandard';
export { measureLiverReference, delineateGoldStandard, REFERENCE_SPHERE_RADIUS_MM } from './goldStandard';
export { planCohort, PAPER_COHORT, LESION_COUNT_HISTOGRAM } from './cohortDesign';
export type { CohortEntry, SplitName } from './cohortDesign';
export { writeCohort } from './cohort';
export type { CohortOptions, CohortSplit } from './cohort';
export { writeStudyFiles, writeAtomically, OutputFolderError } from './writeStudy';
export type { StudyOutputOptions } from './writeStudy';
export { writeTrainingExport } from './export/training';
export type { TrainingMeta } from './export/training';
export { buildTruth } from './export/truth';
export type { Truth, TruthLesion } from './export/truth';
export { renderContactSheet } from './export/contactSheet';
export { petSlice, bqmlPerSuv, GA68_HALF_LIFE_S, GA68_CODE, GA68_DOTATATE_CODE } from './dicom/petSeries';
export { ctSlice } from './dicom/ctSeries';
export { truthSegmentation } from './dicom/segObject';
export { encodeDicomFile, decodeDicomFile } from './dicom/dcmjs';
export type { NaturalDataset } from './dicom/dcmjs';
export { studyUids, deterministicUid } from './dicom/uids';
export { Random } from './random';
