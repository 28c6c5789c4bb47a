/**
 * Where a lesion's edge lies along one ray from its peak, given the profile of values sampled
 * every `stepMm` from the peak outward (index 0 = the peak). The edge is where the outward
 * fall of the (3-sample smoothed) profile is steepest, the gradient-magnitude maximum, looked
 * for only until the profile reaches the background level. Returns the radius in mm.
 */
export function edgeRadiusAlongRay(profile: ArrayLike<number>, stepMm: number, backgroundLevel: number): number {
  let end = profile.length;
  for (let n = 1; n < profile.length; n++) {
    if (!(profile[n] > backgroundLevel)) {
      end = n + 1;
      break;
    }
  }
  end = Math.min(end, profile.length);
  if (end < 2) return 0;
  const smooth = (n: number) => {
    const a = profile[Math.max(0, n - 1)];
    const b = profile[n];
    const c = profile[Math.min(end - 1, n + 1)];
    return (a + b + c) / 3;
  };
  let bestFall = -Infinity;
  let bestRadius = 0;
  for (let n = 0; n < end - 1; n++) {
    const fall = smooth(n) - smooth(n + 1);
    if (fall > bestFall) {
      bestFall = fall;
      bestRadius = (n + 0.5) * stepMm;
    }
  }
  return bestRadius;
}
