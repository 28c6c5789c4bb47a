import { generateStudy, Study } from '../src';

/** Small, fast studies for tests: short livers keep the volume near 55 slices. */
export const SMALL_PARAMETERS = { liverSlicesMean: 24, liverSlicesSd: 0, liverSlicesMin: 23, liverSlicesMax: 71 };

export function smallStudy(seed: number, lesionCount: number, withCt = false): Study {
  return generateStudy({ seed, lesionCount, parameters: SMALL_PARAMETERS, withCt });
}
