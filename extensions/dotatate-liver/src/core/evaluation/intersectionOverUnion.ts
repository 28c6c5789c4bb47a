/**
 * Intersection over union of two voxel sets given as ascending linear indices. 0 when both
 * are empty.
 */
export function intersectionOverUnion(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let m = 0;
  let shared = 0;
  while (n < a.length && m < b.length) {
    if (a[n] === b[m]) {
      shared++;
      n++;
      m++;
    } else if (a[n] < b[m]) n++;
    else m++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}
