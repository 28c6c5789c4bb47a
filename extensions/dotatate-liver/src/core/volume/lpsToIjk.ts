import type { Vec3, VolumeGeometry } from '../types';

/**
 * Continuous voxel index (IJK, fractional) of a patient position (LPS, mm). The direction
 * rows are assumed orthonormal (as DICOM requires), so the inverse is the transpose.
 */
export function lpsToIjk(geometry: VolumeGeometry, lps: Vec3): Vec3 {
  const { origin, spacing, direction: d } = geometry;
  const x = lps[0] - origin[0];
  const y = lps[1] - origin[1];
  const z = lps[2] - origin[2];
  return [
    (x * d[0] + y * d[1] + z * d[2]) / spacing[0],
    (x * d[3] + y * d[4] + z * d[5]) / spacing[1],
    (x * d[6] + y * d[7] + z * d[8]) / spacing[2],
  ];
}
