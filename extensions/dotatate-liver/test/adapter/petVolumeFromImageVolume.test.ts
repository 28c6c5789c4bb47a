import { petUnitsOfVolume, petVolumeFromImageVolume, volumeLoadState, type ImageVolumeLike } from '../../src/adapter/petVolumeFromImageVolume';

function fakeVolume(overrides: Partial<ImageVolumeLike> = {}): ImageVolumeLike {
  const data = Uint16Array.from({ length: 2 * 3 * 4 }, (_, index) => index);
  return {
    volumeId: 'cornerstoneStreamingImageVolume:pt',
    dimensions: [2, 3, 4],
    spacing: [4, 4, 3],
    origin: [-10, -20, -30],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    imageIds: ['a', 'b', 'c', 'd'],
    loadStatus: { loaded: true },
    scaling: { PT: { suvbwToSuvlbm: 0.8 } },
    voxelManager: { getCompleteScalarDataArray: () => data },
    ...overrides,
  };
}

test('copies the voxels and geometry of a loaded volume into a PetVolume in SUVbw', () => {
  const volume = fakeVolume();
  const pet = petVolumeFromImageVolume(volume, '1.2.3');
  expect(pet.dimensions).toEqual([2, 3, 4]);
  expect(pet.spacing).toEqual([4, 4, 3]);
  expect(pet.origin).toEqual([-10, -20, -30]);
  expect(pet.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  expect(pet.units).toBe('SUVbw');
  expect(pet.seriesInstanceUID).toBe('1.2.3');
  expect(pet.voxels).toBeInstanceOf(Float32Array);
  expect(Array.from(pet.voxels)).toEqual(Array.from({ length: 24 }, (_, index) => index));
  // A copy: transferring it to a worker leaves the viewer's volume intact.
  pet.voxels[0] = 99;
  expect(volume.voxelManager?.getCompleteScalarDataArray?.()[0]).toBe(0);
});

test('relative units when cornerstone did not pre-scale to SUV; SUVbw from the images when the volume has no scaling', () => {
  expect(petUnitsOfVolume(fakeVolume({ scaling: undefined }))).toBe('relative');
  const scaledImages = fakeVolume({ scaling: undefined, getCornerstoneImages: () => [{ preScale: { scaled: true, scalingParameters: { suvbw: 0.0004 } } }] });
  expect(petUnitsOfVolume(scaledImages)).toBe('SUVbw');
  expect(petVolumeFromImageVolume(fakeVolume({ scaling: undefined }), 'x').units).toBe('relative');
});

test('a volume still streaming in is refused with its progress', () => {
  const loading = fakeVolume({ loadStatus: { loaded: false, loading: true }, framesLoaded: 1 });
  expect(volumeLoadState(loading)).toEqual({ loaded: false, fraction: 0.25 });
  expect(() => petVolumeFromImageVolume(loading, 'x')).toThrow('The PET volume is still loading (25 %)');
});

test('a volume whose data does not fill its grid, or has no voxel manager, is refused with a reason', () => {
  expect(() => petVolumeFromImageVolume(fakeVolume({ voxelManager: { getCompleteScalarDataArray: () => new Float32Array(5) } }), 'x')).toThrow(
    'holds 5 values for a 2 × 3 × 4 grid (24)',
  );
  expect(() => petVolumeFromImageVolume(fakeVolume({ voxelManager: undefined }), 'x')).toThrow('exposes no voxel data');
  expect(() => petVolumeFromImageVolume(fakeVolume({ origin: [0, Number.NaN, 0] }), 'x')).toThrow("origin is not three finite numbers");
});
