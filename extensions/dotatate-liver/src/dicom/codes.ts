/**
 * Coded concepts written into the SEG and the TID 1500 SR. Standard codes come from DICOM PS3.16
 * (DCM), SNOMED CT (SCT), LOINC (LN), UCUM and UMLS. Concepts that have no standard code use the
 * private scheme {@link PRIVATE_SCHEME}, declared in each SR's CodingSchemeIdentificationSequence.
 */

export interface Code {
  value: string;
  scheme: string;
  meaning: string;
}

/** Private coding scheme ("99" prefix: local, per PS3.16 8.2) for concepts without a standard code. */
export const PRIVATE_SCHEME = '99DOTLIV';
export const PRIVATE_SCHEME_NAME = 'DOTATATE liver review private codes';

const code = (value: string, scheme: string, meaning: string): Code => ({ value, scheme, meaning });

export const CODES = {
  // SEG segment description and SR findings
  morphologicallyAbnormalStructure: code('49755003', 'SCT', 'Morphologically Abnormal Structure'),
  metastaticNeoplasm: code('14799000', 'SCT', 'Neoplasm, metastatic'),
  liver: code('10200004', 'SCT', 'Liver'),
  sourceImageForProcessing: code('121322', 'DCM', 'Source image for image processing operation'),
  segmentation: code('113076', 'DCM', 'Segmentation'),
  artificialIntelligence: code('123110', 'DCM', 'Artificial Intelligence'),

  // TID 1500 document structure
  imagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'),
  languageOfContent: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  english: code('eng', 'RFC5646', 'English'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  device: code('121007', 'DCM', 'Device'),
  person: code('121006', 'DCM', 'Person'),
  personObserverName: code('121008', 'DCM', 'Person Observer Name'),
  deviceObserverUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceObserverName: code('121013', 'DCM', 'Device Observer Name'),
  deviceObserverManufacturer: code('121014', 'DCM', 'Device Observer Manufacturer'),
  deviceObserverModelName: code('121015', 'DCM', 'Device Observer Model Name'),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  /** CID 100; DOTATATE PET/CT is acquired as a whole-body PET (the code dcmqi's example uses). */
  petWholeBody: code('44139-4', 'LN', 'PET whole body'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  modality: code('121139', 'DCM', 'Modality'),
  positronEmissionTomography: code('PT', 'DCM', 'Positron emission tomography'),
  frameOfReferenceUid: code('112227', 'DCM', 'Frame of Reference UID'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  qualitativeEvaluations: code('C0034375', 'UMLS', 'Qualitative Evaluations'),
  /** A caution for whoever reads the report, e.g. a tracer the detector is not validated for. */
  comment: code('121106', 'DCM', 'Comment'),

  // TID 1411 / 1501 measurement group content
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUniqueIdentifier: code('112040', 'DCM', 'Tracking Unique Identifier'),
  finding: code('121071', 'DCM', 'Finding'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  referencedSegment: code('121191', 'DCM', 'Referenced Segment'),
  sourceSeriesForSegmentation: code('121232', 'DCM', 'Source series for segmentation'),
  measurementMethod: code('370129005', 'SCT', 'Measurement Method'),
  suvBodyWeightMethod: code('126410', 'DCM', 'SUV body weight calculation method'),
  derivation: code('121401', 'DCM', 'Derivation'),
  suvbw: code('126401', 'DCM', 'SUVbw'),
  maximum: code('56851009', 'SCT', 'Maximum'),
  mean: code('373098007', 'SCT', 'Mean'),
  standardDeviation: code('386136009', 'SCT', 'Standard Deviation'),
  peakValueWithinRoi: code('126031', 'DCM', 'Peak Value Within ROI'),
  volume: code('118565006', 'SCT', 'Volume'),
  sumOfSegmentedVoxelVolumes: code('126030', 'DCM', 'Sum of segmented voxel volumes'),

  // Concepts without a standard code. DCM 126033 "Total Lesion Glycolysis" is the same product
  // (SUVmean × volume) but is named for FDG; for a somatostatin-receptor tracer it would mislabel.
  totalLesionActivity: code('TLA', PRIVATE_SCHEME, 'Total lesion activity'),
  relativeUptake: code('RELUPTAKE', PRIVATE_SCHEME, 'Relative uptake (no SUV calibration)'),
  percistThreshold: code('PERCISTTHR', PRIVATE_SCHEME, 'Liver threshold 1.5 x mean + 2 x SD'),
  liverReferenceRegion: code('LIVERREF', PRIVATE_SCHEME, 'Normal liver reference region'),
  readerDecision: code('DECISION', PRIVATE_SCHEME, 'Reader decision on candidate'),
  accepted: code('ACCEPTED', PRIVATE_SCHEME, 'Accepted by reader'),
  rejected: code('REJECTED', PRIVATE_SCHEME, 'Rejected by reader'),
  added: code('ADDED', PRIVATE_SCHEME, 'Added by reader'),
  candidateIdentifier: code('CANDIDATE', PRIVATE_SCHEME, 'Candidate identifier'),
  decisionReason: code('REASON', PRIVATE_SCHEME, 'Reason for decision'),
  detectorScore: code('SCORE', PRIVATE_SCHEME, 'Detector score'),
  algorithmSetting: code('SETTING', PRIVATE_SCHEME, 'Algorithm setting'),
  noLesionsConfirmed: code('NOLESIONS', PRIVATE_SCHEME, 'No hepatic lesions confirmed by the reader'),
} as const;

/** UCUM units of the numeric items. */
export const UNITS = {
  suvbw: code('{SUVbw}g/ml', 'UCUM', 'Standardized Uptake Value body weight'),
  millilitre: code('ml', 'UCUM', 'milliliter'),
  gram: code('g', 'UCUM', 'gram'),
  noUnits: code('1', 'UCUM', 'no units'),
} as const;

/**
 * Retired SNOMED-RT (SRT) equivalents of concept names, as older writers (e.g. dcmqi) still use
 * them; the checker accepts them so that valid third-party reports are not flagged.
 */
export const LEGACY_EQUIVALENTS: Record<string, string[]> = {
  '363698007^SCT': ['G-C0E3^SRT'],
  '370129005^SCT': ['G-C036^SRT'],
  '118565006^SCT': ['G-D705^SRT'],
  '56851009^SCT': ['G-A437^SRT'],
  '373098007^SCT': ['R-00317^SRT'],
};

export const SOP_CLASS = {
  segmentation: '1.2.840.10008.5.1.4.1.1.66.4',
  comprehensiveSr: '1.2.840.10008.5.1.4.1.1.88.33',
  enhancedSr: '1.2.840.10008.5.1.4.1.1.88.22',
  comprehensive3dSr: '1.2.840.10008.5.1.4.1.1.88.34',
} as const;

/** Explicit VR Little Endian. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Identifies this software as the writer of the Part-10 files (a fixed UUID-derived UID). */
export const IMPLEMENTATION_CLASS_UID = '2.25.247384881406284239893637536456897858676';
export const IMPLEMENTATION_VERSION_NAME = 'DOTATATELIVER01';
/** Device Observer UID of the detection software in the SR's observation context. */
export const DEVICE_OBSERVER_UID = '2.25.315713422357537112446009063583896629984';

export function codeKey(c: { value: string; scheme: string }): string {
  return `${c.value}^${c.scheme}`;
}
