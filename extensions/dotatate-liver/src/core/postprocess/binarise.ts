/**
 * Binary mask of a per-voxel map: 1 where the value is at least `threshold` (paper: 0.05 for
 * a network's probability map), else 0.
 */
export function binarise(map: Float32Array, threshold = 0.05): Uint8Array {
  const mask = new Uint8Array(map.length);
  for (let index = 0; index < map.length; index++) mask[index] = map[index] >= threshold ? 1 : 0;
  return mask;
}
