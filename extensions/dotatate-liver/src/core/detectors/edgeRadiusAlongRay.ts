/**
 * Where a lesion's edge lies along one ray from its peak, given the profile of values sampled
 * every `stepMm` from the peak outward (index 0 = the peak). The edge is where the outward
 * fall is steepest, the gradient-magnitude maximum, measured between samples n and n + 1 by
 * the symmetric difference (p[n−1] + p[n] − p[n+1] − p[n+2]) / 2, which calms noise without
 * shifting the edge; it is looked for only until the profile reaches the background level.
 * Returns the radius in mm.
 */
export function edgeRadiusAlongRay(profile: ArrayLike<number>, stepMm: number, backgroundLevel: number): number {
  let end = profile.length;
  for (let n = 1; n < profile.length; n++) {
    if (!(profile[n] > backgroundLevel)) {
      end = n + 1;
      break;
    }
  }
  if (end < 2) return 0;
  const at = (n: number) => profile[Math.min(Math.max(n, 0), end - 1)];
  let bestFall = -Infinity;
  let bestRadius = 0;
  for (let n = 0; n < end - 1; n++) {
    const fall = (at(n - 1) + at(n) - at(n + 1) - at(n + 2)) / 2;
    if (fall > bestFall) {
      bestFall = fall;
      bestRadius = (n + 0.5) * stepMm;
    }
  }
  return bestRadius;
}
