import type { Study } from '../study';
import type { NaturalDataset } from './dcmjs';
import type { StudyUids } from './uids';

export const MANUFACTURER = 'dotatate-liver phantom';
export const SOFTWARE_VERSION = '0.1.0';

/** HHMMSS from seconds after midnight. */
export function dicomTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600) % 24;
  const m = Math.floor(whole / 60) % 60;
  const s = whole % 60;
  return [h, m, s].map((v) => String(v).padStart(2, '0')).join('');
}

/** Patient, General Study, Patient Study, Frame of Reference and General Equipment modules. */
export function patientStudyModules(study: Study, uids: StudyUids): NaturalDataset {
  const acquisition = study.acquisition;
  const birthYear = Number(acquisition.studyDate.slice(0, 4)) - acquisition.patientAgeYears;
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    PatientName: [{ Alphabetic: acquisition.patientName }],
    PatientID: acquisition.patientId,
    PatientBirthDate: `${birthYear}0101`,
    PatientSex: acquisition.patientSex,
    PatientAge: `${String(acquisition.patientAgeYears).padStart(3, '0')}Y`,
    PatientWeight: acquisition.weightKg,
    PatientSize: acquisition.heightM,
    StudyInstanceUID: uids.study,
    StudyDate: acquisition.studyDate,
    StudyTime: dicomTime(acquisition.injectionSeconds),
    StudyDescription: 'PET/CT 68Ga-DOTATATE (synthetic phantom)',
    StudyID: String(study.seed),
    AccessionNumber: `PH${String(study.seed).padStart(8, '0')}`,
    ReferringPhysicianName: [{ Alphabetic: '' }],
    FrameOfReferenceUID: uids.frameOfReference,
    PositionReferenceIndicator: '',
    Manufacturer: MANUFACTURER,
    ManufacturerModelName: 'Synthetic analog PET/CT (Discovery STE-like)',
    SoftwareVersions: SOFTWARE_VERSION,
    DeviceSerialNumber: 'PHANTOM-1',
    InstitutionName: 'Synthetic',
  };
}

/**
 * Instance creation, series, acquisition and content date and time of an image series (date
 * YYYYMMDD, time HHMMSS): the phantom acquires and reconstructs each series at one moment.
 */
export function imageSeriesMoments(studyDate: string, time: string): NaturalDataset {
  return {
    InstanceCreationDate: studyDate,
    InstanceCreationTime: time,
    SeriesDate: studyDate,
    SeriesTime: time,
    AcquisitionDate: studyDate,
    AcquisitionTime: time,
    ContentDate: studyDate,
    ContentTime: time,
  };
}

/** Image Pixel module of an unsigned, 16-bit allocated MONOCHROME2 slice with `bitsStored` bits used. */
export function unsigned16PixelModule(rows: number, columns: number, bitsStored: number): NaturalDataset {
  return {
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: bitsStored,
    HighBit: bitsStored - 1,
    PixelRepresentation: 0,
  };
}

/** Image Plane module of axial slice k of a grid (LPS mm). */
export function imagePlane(study: Study, grid: Study['petGrid'], slice: number): NaturalDataset {
  const z = grid.origin[2] + slice * grid.spacing[2];
  return {
    ImagePositionPatient: [grid.origin[0], grid.origin[1], round6(z)],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    PixelSpacing: [grid.spacing[1], grid.spacing[0]],
    SliceThickness: study.parameters.sliceThicknessMm,
    SliceLocation: round6(z),
  };
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
