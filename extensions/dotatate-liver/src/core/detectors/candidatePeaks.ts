import type { MaskVolume, Vec3 } from '../types';

/** A lesion candidate: a peak of the smoothed PET inside the liver. */
export interface CandidatePeak {
  /** Linear voxel index of the peak on the crop grid. */
  index: number;
  /** Smoothed PET at the peak (PET units). */
  smoothedPeak: number;
  /** Highest unsmoothed PET among the peak and its 26 neighbours (PET units). */
  rawPeak: number;
}

export interface CandidatePeakOptions {
  /** A peak's smoothed value must exceed this (PET units). */
  smoothedLevel: number;
  /** The highest raw value at or next to the peak must exceed this (PET units): PERCIST. */
  rawLevel: number;
}

/**
 * Candidate lesion peaks: liver voxels whose smoothed value is a local maximum over their 26
 * neighbours, counting neighbours outside the liver too. A liver voxel next to a hotter organ
 * outside (kidney, spleen, bowel: spill-in by partial volume) is therefore no peak, because
 * the hotter neighbour lies outside; a lesion at the liver's edge that is a hill of its own
 * still is. Ties on a plateau go to the lowest index. Sorted hottest (smoothed) first.
 */
export function candidatePeaks(smoothed: Float32Array, raw: Float32Array, liver: MaskVolume, options: CandidatePeakOptions): CandidatePeak[] {
  const [nx, ny, nz] = liver.dimensions as Vec3;
  const peaks: CandidatePeak[] = [];
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const index = i + nx * (j + ny * k);
        const value = smoothed[index];
        if (!liver.voxels[index] || !(value > options.smoothedLevel)) continue;
        let isPeak = true;
        let rawPeak = raw[index];
        for (let dk = -1; dk <= 1 && isPeak; dk++) {
          const c = k + dk;
          if (c < 0 || c >= nz) continue;
          for (let dj = -1; dj <= 1 && isPeak; dj++) {
            const b = j + dj;
            if (b < 0 || b >= ny) continue;
            for (let di = -1; di <= 1; di++) {
              const a = i + di;
              if (a < 0 || a >= nx || (di === 0 && dj === 0 && dk === 0)) continue;
              const next = a + nx * (b + ny * c);
              const neighbour = smoothed[next];
              if (neighbour > value || (neighbour === value && next < index)) {
                isPeak = false;
                break;
              }
              if (liver.voxels[next] && raw[next] > rawPeak) rawPeak = raw[next];
            }
          }
        }
        if (isPeak && rawPeak > options.rawLevel) peaks.push({ index, smoothedPeak: value, rawPeak });
      }
    }
  }
  return peaks.sort((a, b) => b.smoothedPeak - a.smoothedPeak);
}
