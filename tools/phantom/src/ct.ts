import { TISSUE_HU, Tissue } from './anatomy/tissues';
import { Grid } from './grid';
import type { Lesion } from './lesions';
import { forEachVoxelInside } from './raster';
import { Random } from './random';

/** How much darker (HU) a metastasis is than normal liver on unenhanced CT: barely visible. */
const LESION_HU_OFFSET = -10;

/**
 * Unenhanced CT in Hounsfield units on the CT grid: tissue densities, slightly hypodense lesions in
 * the liver, and white noise of `noiseHu` SD (air stays at -1000).
 */
export function synthesizeCt(grid: Grid, tissues: Uint8Array, lesions: Lesion[], noiseHu: number, random: Random): Int16Array {
  const hu = new Float32Array(tissues.length);
  for (let n = 0; n < tissues.length; n++) hu[n] = TISSUE_HU[tissues[n] as Tissue];
  for (const lesion of lesions) {
    forEachVoxelInside(grid, lesion.shape, (index) => {
      if (tissues[index] === Tissue.Liver) hu[index] += LESION_HU_OFFSET;
    });
  }
  const result = new Int16Array(tissues.length);
  for (let n = 0; n < tissues.length; n++) {
    const noise = tissues[n] === Tissue.Air ? 0 : noiseHu * random.gaussian();
    result[n] = Math.max(-1024, Math.min(3000, Math.round(hu[n] + noise)));
  }
  return result;
}
