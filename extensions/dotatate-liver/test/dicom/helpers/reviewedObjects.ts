/** The reviewed case of `reviewFixture` written as a SEG and a TID 1500 SR by the project's writers. */
import { createLesionSeg } from '../../../src/dicom/segWriter';
import { createMeasurementReport } from '../../../src/dicom/srWriter';
import { ALGORITHM, reviewFixture, SETTINGS } from './reviewFixture';

export function reviewedObjects(options: { columns?: number; rows?: number; slices?: number; units?: 'SUVbw' | 'relative' } = {}) {
  const review = reviewFixture(options.columns, options.rows, options.slices);
  const seg = createLesionSeg({ pet: review.pet, labels: review.labels, segments: review.segments, algorithm: ALGORITHM });
  const sr = createMeasurementReport({
    pet: review.pet,
    seg,
    lesions: review.lesions,
    units: options.units ?? 'SUVbw',
    liverReference: review.liverReference,
    decisions: review.decisions,
    algorithm: { ...ALGORITHM, settings: SETTINGS },
    readerName: 'Reader^Test',
  });
  return { review, seg, sr };
}
