import type { Study } from '../study';
import { dicomTime, imagePlane, imageSeriesMoments, patientStudyModules, unsigned16PixelModule } from './common';
import { CT_IMAGE_STORAGE, NaturalDataset } from './dcmjs';
import type { StudyUids } from './uids';

const HU_OFFSET = 1024;

/**
 * One CT slice (axial index k) as a naturalized DICOM CT Image: stored = HU + 1024 in 12 of 16
 * bits, RescaleIntercept -1024, on the same frame of reference and slice positions as the PET.
 */
export function ctSlice(study: Study, uids: StudyUids, slice: number): NaturalDataset {
  if (!study.ctHu) throw new Error('the study was generated without CT');
  const grid = study.ctGrid;
  const [columns, rows, slices] = grid.dimensions;
  const sliceSize = columns * rows;
  const pixels = new Uint16Array(sliceSize);
  for (let n = 0; n < sliceSize; n++) pixels[n] = Math.max(0, Math.min(4095, study.ctHu[slice * sliceSize + n] + HU_OFFSET));
  const { acquisition } = study;
  const seriesTime = dicomTime(acquisition.seriesStartSeconds - 120);
  return {
    ...patientStudyModules(study, uids),
    ...imageSeriesMoments(acquisition.studyDate, seriesTime),
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: uids.ctInstance(slice),
    Modality: 'CT',
    SeriesInstanceUID: uids.ctSeries,
    SeriesNumber: 1,
    SeriesDescription: 'CT AC low dose',
    BodyPartExamined: 'ABDOMEN',
    PatientPosition: 'FFS',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    InstanceNumber: slices - slice,
    AcquisitionNumber: 1,
    KVP: 120,
    XRayTubeCurrent: 80,
    ConvolutionKernel: 'STANDARD',
    ...imagePlane(study, grid, slice),
    ...unsigned16PixelModule(rows, columns, 12),
    RescaleIntercept: -HU_OFFSET,
    RescaleSlope: 1,
    RescaleType: 'HU',
    WindowCenter: 40,
    WindowWidth: 400,
    LossyImageCompression: '00',
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: 'OW' },
  };
}
