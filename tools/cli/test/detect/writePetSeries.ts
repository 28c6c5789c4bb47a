import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { data } from 'dcmjs';
import { analyticStudy, type AnalyticStudyOptions } from 'ohif-extension-dotatate-liver/test/core/helpers/analyticVolumes';

const PET_STORAGE = '1.2.840.10008.5.1.4.1.1.128';
const CT_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
let uidCounter = 1;
const uid = () => `2.25.${Date.now()}${process.pid}${uidCounter++}`;

export interface SeriesOptions {
  /** Slice indices of the analytic study to write (default: all). */
  slices?: number[];
  /** Leave out the patient weight, so SUV cannot be computed. */
  withoutWeight?: boolean;
  seriesInstanceUID?: string;
  modality?: 'PT' | 'CT';
  /** Flatten all uptake to the body's level: no organ stands out, so no liver is found. */
  uniform?: boolean;
  /** A file name prefix, so two series can share a folder. */
  prefix?: string;
  /** Changes one slice's header before it is written (bad-input tests); k is the slice index. */
  edit?: (dataset: Record<string, unknown>, k: number) => void;
  /** Another liver ellipsoid (default: 1.1 L on the patient's right), e.g. one too small to be a liver. */
  liverShape?: AnalyticStudyOptions['liverShape'];
}

/**
 * Writes the analytic abdomen as a DICOM PET series (BQML, 150 MBq, 70 kg, 60 min uptake, so
 * stored × slope × SUV factor gives back the SUV) into `folder`, one file per slice.
 */
export function writePetSeries(folder: string, options: SeriesOptions = {}): { seriesInstanceUID: string; suvFactor: number } {
  mkdirSync(folder, { recursive: true });
  const study = analyticStudy({ dimensions: [48, 40, 24], spacing: [5, 5, 5], lesions: [{ centre: [-55, 0, 0], radiusMm: 12, suv: 25 }], liverShape: options.liverShape });
  const { pet } = study;
  const [nx, ny, nz] = pet.dimensions;
  const seriesInstanceUID = options.seriesInstanceUID ?? uid();
  const dose = 150e6;
  const halfLife = 4062.6;
  const weightKg = 70;
  const decayedDose = dose * Math.pow(2, -3600 / halfLife);
  const suvFactor = (weightKg * 1000) / decayedDose;
  const modality = options.modality ?? 'PT';
  for (const k of options.slices ?? [...Array(nz).keys()]) {
    const bqml = new Float32Array(nx * ny);
    for (let p = 0; p < nx * ny; p++) {
      const suv = pet.voxels[k * nx * ny + p];
      bqml[p] = (options.uniform ? Math.min(suv, 1) : suv) / suvFactor;
    }
    const slope = Math.max(...bqml) / 65000 || 1;
    const pixels = Uint16Array.from(bqml, (v) => Math.round(v / slope));
    const dataset: Record<string, unknown> = {
      SOPClassUID: modality === 'PT' ? PET_STORAGE : CT_STORAGE,
      SOPInstanceUID: uid(),
      StudyInstanceUID: '2.25.1',
      SeriesInstanceUID: seriesInstanceUID,
      Modality: modality,
      SeriesDescription: `analytic ${modality}`,
      SeriesDate: '20240101',
      SeriesTime: '100000',
      AcquisitionDate: '20240101',
      AcquisitionTime: '100000',
      PatientWeight: options.withoutWeight ? undefined : weightKg,
      Units: 'BQML',
      DecayCorrection: 'START',
      CorrectedImage: ['ATTN', 'DECY'],
      RadiopharmaceuticalInformationSequence: [{ RadionuclideTotalDose: dose, RadionuclideHalfLife: halfLife, RadiopharmaceuticalStartTime: '090000' }],
      Rows: ny,
      Columns: nx,
      PixelSpacing: [pet.spacing[1], pet.spacing[0]],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      ImagePositionPatient: [pet.origin[0], pet.origin[1], pet.origin[2] + k * pet.spacing[2]],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 0,
      RescaleSlope: Number(slope.toPrecision(10)),
      RescaleIntercept: 0,
      PixelData: [pixels.buffer],
      _vrMap: { PixelData: 'OW' },
    };
    if (options.withoutWeight) delete dataset.PatientWeight;
    options.edit?.(dataset, k);
    const meta = {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: dataset.SOPClassUID,
      MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
      ImplementationClassUID: '2.25.2',
    };
    const file = new data.DicomDict(data.DicomMetaDictionary.denaturalizeDataset(meta));
    file.dict = data.DicomMetaDictionary.denaturalizeDataset(dataset);
    writeFileSync(join(folder, `${options.prefix ?? modality}-${String(k).padStart(3, '0')}.dcm`), Buffer.from(file.write()));
  }
  return { seriesInstanceUID, suvFactor };
}
