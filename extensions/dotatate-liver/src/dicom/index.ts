/**
 * DICOM outputs of the review: the lesion SEG and the TID 1500 measurement report, their readers
 * and the project's TID 1500 content checks. Runs in the browser and in Node (dcmjs only).
 */
export { CODES, UNITS, PRIVATE_SCHEME, SOP_CLASS, type Code } from './codes';
export { DicomInputError, readPart10, writePart10, type NaturalizedDataset } from './dataset';
export { petSeriesFromDatasets, type PetInstanceReference, type ReferencedPetSeries } from './petSeries';
export {
  createLesionSeg,
  type AlgorithmIdentity,
  type CreateLesionSegInput,
  type LesionOrigin,
  type LesionSegmentInput,
  type LesionSegResult,
  type WrittenSegment,
} from './segWriter';
export { readLesionSeg, type ReadLesionSegResult, type ReadSegment } from './segReader';
export {
  createMeasurementReport,
  type CandidateDecision,
  type CandidateDecisionKind,
  type CreateMeasurementReportInput,
  type MeasurementReportResult,
  type ReferencedSeg,
  type ReportAlgorithm,
} from './srWriter';
export { readMeasurementReport, type ReadMeasurementReportResult, type ReportedDecision, type ReportedLesion } from './srReader';
export { checkTid1500, type CheckOptions, type Tid1500Problem } from './tid1500Check';
export { isValidUid, newUid } from './uid';
