import type { Vec3 } from '../types';

/** Voxel offsets (IJK) of a ball, with the voxel count it holds. */
export interface SphereOffsets {
  di: Int32Array;
  dj: Int32Array;
  dk: Int32Array;
  count: number;
}

/**
 * Voxel offsets whose centres lie within `radiusMm` of the centre voxel, on a grid with the
 * given spacing (mm). Anisotropic spacing gives an ellipsoid in index space, a ball in mm.
 */
export function sphereOffsets(radiusMm: number, spacing: Vec3): SphereOffsets {
  const reach = spacing.map((s) => Math.floor(radiusMm / s + 1e-9));
  const di: number[] = [];
  const dj: number[] = [];
  const dk: number[] = [];
  const r2 = radiusMm * radiusMm + 1e-9;
  for (let k = -reach[2]; k <= reach[2]; k++) {
    for (let j = -reach[1]; j <= reach[1]; j++) {
      for (let i = -reach[0]; i <= reach[0]; i++) {
        const d2 = (i * spacing[0]) ** 2 + (j * spacing[1]) ** 2 + (k * spacing[2]) ** 2;
        if (d2 <= r2) {
          di.push(i);
          dj.push(j);
          dk.push(k);
        }
      }
    }
  }
  return { di: Int32Array.from(di), dj: Int32Array.from(dj), dk: Int32Array.from(dk), count: di.length };
}

/** Radius (mm) of a ball of the given volume in millilitres (1 ml = 1000 mm³). */
export function sphereRadiusMmForVolumeMl(volumeMl: number): number {
  return Math.cbrt((3 * volumeMl * 1000) / (4 * Math.PI));
}
