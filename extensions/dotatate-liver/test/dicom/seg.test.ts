import { createLesionSeg } from '../../src/dicom/segWriter';
import { readLesionSeg } from '../../src/dicom/segReader';
import { DicomInputError, itemsOf, numberOf, numbersOf, textOf } from '../../src/dicom/dataset';
import { petSeriesFromDatasets } from '../../src/dicom/petSeries';
import { isValidUid } from '../../src/dicom/uid';
import { ALGORITHM, reviewFixture } from './helpers/reviewFixture';
import { fixtureBytes, syntheticPetInstances } from './helpers/syntheticPet';

describe('createLesionSeg / readLesionSeg', () => {
  it('round-trips a label volume voxel for voxel, with odd frame sizes and non-contiguous slices', () => {
    const review = reviewFixture();
    const seg = createLesionSeg({ pet: review.pet, labels: review.labels, segments: review.segments, algorithm: ALGORITHM });
    const back = readLesionSeg(seg.arrayBuffer, review.pet);
    expect(back.labels.dimensions).toEqual(review.labels.dimensions);
    expect(Array.from(back.labels.voxels)).toEqual(Array.from(review.labels.voxels));
    expect(back.overlappingVoxels).toBe(0);
    expect(seg.segments[0].slices).toEqual([1, 4]);
  });

  it('writes one frame per occupied slice, referencing that PET instance and its position', () => {
    const review = reviewFixture();
    const seg = createLesionSeg({ pet: review.pet, labels: review.labels, segments: review.segments, algorithm: ALGORITHM });
    const frames = itemsOf(seg.dataset, 'PerFrameFunctionalGroupsSequence');
    expect(numberOf(seg.dataset, 'NumberOfFrames')).toBe(6);
    expect(frames).toHaveLength(6);
    const expected = seg.segments.flatMap((s) => s.slices.map((k) => ({ segment: s.segmentNumber, k })));
    frames.forEach((frame, n) => {
      const source = itemsOf(itemsOf(frame, 'DerivationImageSequence')[0], 'SourceImageSequence')[0];
      expect(textOf(source, 'ReferencedSOPInstanceUID')).toBe(review.pet.instances[expected[n].k].sopInstanceUID);
      expect(numbersOf(itemsOf(frame, 'PlanePositionSequence')[0], 'ImagePositionPatient')).toEqual(review.pet.instances[expected[n].k].imagePositionPatient);
      expect(numberOf(itemsOf(frame, 'SegmentIdentificationSequence')[0], 'ReferencedSegmentNumber')).toBe(expected[n].segment);
    });
    // 6 frames × 143 pixels = 858 bits → 108 bytes, already even.
    expect((seg.dataset.PixelData as ArrayBuffer[])[0].byteLength).toBe(108);
  });

  it('describes each segment with the lesion codes and the algorithm type of its origin', () => {
    const review = reviewFixture();
    const seg = createLesionSeg({ pet: review.pet, labels: review.labels, segments: review.segments, algorithm: ALGORITHM });
    const back = readLesionSeg(seg.arrayBuffer, review.pet);
    expect(back.segments.map((s) => [s.segmentNumber, s.lesionId, s.algorithmType, s.origin])).toEqual([
      [1, 4, 'AUTOMATIC', 'automatic'],
      [2, 6, 'SEMIAUTOMATIC', 'edited'],
      [3, 11, 'MANUAL', 'manual'],
    ]);
    expect(back.segments.every((s) => s.propertyType === '14799000' && s.anatomicRegion === '10200004')).toBe(true);
    expect(back.segments.map((s) => s.algorithmName)).toEqual([ALGORITHM.name, ALGORITHM.name, undefined]);
    expect(back.segments.map((s) => s.trackingUid)).toEqual(seg.segments.map((s) => s.trackingUid));
    expect([seg.sopInstanceUID, seg.seriesInstanceUID, ...seg.segments.map((s) => s.trackingUid)].every(isValidUid)).toBe(true);
    expect(seg.sopInstanceUID).toMatch(/^2\.25\.\d+$/);
    const sharedItem = itemsOf(seg.dataset, 'SharedFunctionalGroupsSequence')[0];
    expect(numbersOf(itemsOf(sharedItem, 'PixelMeasuresSequence')[0], 'PixelSpacing')).toEqual([4, 4]);
  });

  it('maps label values that are not 1..n to segment numbers', () => {
    const review = reviewFixture();
    const relabelled = review.labels.voxels.map((v) => (v === 1 ? 40 : v === 3 ? 7 : v));
    const segments = review.segments.map((s) => ({ ...s, labelValue: s.labelValue === 1 ? 40 : s.labelValue === 3 ? 7 : s.labelValue }));
    const seg = createLesionSeg({ pet: review.pet, labels: { ...review.labels, voxels: relabelled }, segments, algorithm: ALGORITHM });
    const back = readLesionSeg(seg.arrayBuffer, review.pet);
    expect(Array.from(back.labels.voxels)).toEqual(Array.from(review.labels.voxels));
  });

  it('places frames by ImagePositionPatient when the SOP instance UIDs do not match', () => {
    const review = reviewFixture();
    const seg = createLesionSeg({ pet: review.pet, labels: review.labels, segments: review.segments, algorithm: ALGORITHM });
    const renamed = { ...review.pet, instances: review.pet.instances.map((instance, k) => ({ ...instance, sopInstanceUID: `1.2.3.${k}` })) };
    expect(Array.from(readLesionSeg(seg.arrayBuffer, renamed).labels.voxels)).toEqual(Array.from(review.labels.voxels));
  });

  it('refuses zero segments, unnamed labels, empty segments and a volume off the PET grid', () => {
    const review = reviewFixture();
    const base = { pet: review.pet, labels: review.labels, algorithm: ALGORITHM };
    expect(() => createLesionSeg({ ...base, segments: [] })).toThrow(/at least one segment/);
    expect(() => createLesionSeg({ ...base, segments: review.segments.slice(0, 2) })).toThrow(/label\(s\) 3 that no confirmed lesion names/);
    const withEmpty = [...review.segments, { labelValue: 9, lesionId: 12, label: 'Lesion 12', origin: 'manual' as const }];
    expect(() => createLesionSeg({ ...base, segments: withEmpty })).toThrow(/"Lesion 12" have no voxels/);
    const small = { ...review.labels, dimensions: [13, 11, 6] as [number, number, number], voxels: new Uint16Array(13 * 11 * 6) };
    expect(() => createLesionSeg({ ...base, labels: small, segments: review.segments })).toThrow(/dimensions 13×11×6 but the PET grid is 13×11×7/);
    const flipped = { ...review.labels, direction: [1, 0, 0, 0, 1, 0, 0, 0, -1] as typeof review.labels.direction };
    expect(() => createLesionSeg({ ...base, labels: flipped, segments: review.segments })).toThrow(/slice order reversed/);
  });

  it('gives clear errors for truncated, broken, foreign and non-DICOM files', () => {
    const review = reviewFixture();
    expect(() => readLesionSeg(fixtureBytes('dicom-validation/broken/seg_truncated.dcm'), review.pet)).toThrow(DicomInputError);
    expect(() => readLesionSeg(fixtureBytes('dicom-validation/broken/seg_truncated.dcm'), review.pet)).toThrow(/truncated/);
    expect(() => readLesionSeg(fixtureBytes('dicom-validation/broken/seg_broken.dcm'), review.pet)).toThrow(/128×128 pixels but the PET slices are 13×11/);
    expect(() => readLesionSeg(fixtureBytes('dicom-validation/dcmqi-examples/sr-example_sr.dcm'), review.pet)).toThrow(/not a DICOM SEG/);
    expect(() => readLesionSeg(new TextEncoder().encode('not a dicom file at all').buffer as ArrayBuffer, review.pet)).toThrow(/too short/);
    expect(() => readLesionSeg(new Uint8Array(200), review.pet)).toThrow(/no "DICM" marker/);
  });

  it('builds the PET series reference from unordered instance headers', () => {
    const instances = syntheticPetInstances({ columns: 5, rows: 4, slices: 3, shuffled: true, pixelSpacingMm: [2, 3] });
    const pet = petSeriesFromDatasets(instances);
    expect(pet.geometry.dimensions).toEqual([5, 4, 3]);
    expect(pet.geometry.spacing).toEqual([3, 2, 3]);
    expect(pet.instances.map((i) => i.imagePositionPatient[2])).toEqual([-300, -297, -294]);
    expect(() => petSeriesFromDatasets([])).toThrow(/no instances/);
    expect(() => petSeriesFromDatasets([{ ...instances[0], FrameOfReferenceUID: undefined }])).toThrow(/FrameOfReferenceUID/);
  });
});
