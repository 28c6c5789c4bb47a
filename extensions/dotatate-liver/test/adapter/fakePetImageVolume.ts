/** A loaded cornerstone-like PET image volume on a 4 × 4 × 4 grid of 2 mm voxels, for session tests. */
export const FAKE_PET_GRID: [number, number, number] = [4, 4, 4];

export function fakePetImageVolume(voxels: Float32Array) {
  return {
    volumeId: 'cornerstoneStreamingImageVolume:pt',
    dimensions: FAKE_PET_GRID,
    spacing: [2, 2, 2],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    imageIds: ['pt:0', 'pt:1', 'pt:2', 'pt:3'],
    loadStatus: { loaded: true },
    voxelManager: { getCompleteScalarDataArray: () => voxels },
  };
}
