import type { Vec3, VolumeGeometry } from '../types';

/**
 * Patient position (LPS, mm) of a voxel-index point (IJK, may be fractional):
 * origin + Σ index·spacing·direction. The origin is the centre of voxel (0, 0, 0).
 */
export function ijkToLps(geometry: VolumeGeometry, ijk: Vec3): Vec3 {
  const { origin, spacing, direction: d } = geometry;
  const a = ijk[0] * spacing[0];
  const b = ijk[1] * spacing[1];
  const c = ijk[2] * spacing[2];
  return [
    origin[0] + a * d[0] + b * d[3] + c * d[6],
    origin[1] + a * d[1] + b * d[4] + c * d[7],
    origin[2] + a * d[2] + b * d[5] + c * d[8],
  ];
}
