import { generateStudy } from 'dotatate-liver-phantom';
import { drawAnatomy } from 'dotatate-liver-phantom/src/anatomy/anatomy';
import { Tissue } from 'dotatate-liver-phantom/src/anatomy/tissues';
import { paintTissues } from 'dotatate-liver-phantom/src/raster';
import { Random } from 'dotatate-liver-phantom/src/random';
import type { MaskVolume, PetVolume } from '../../../src/core/types';

export interface PhantomWithOrgans {
  pet: PetVolume;
  liver: MaskVolume;
  /** Organ masks on the PET grid, painted from the same anatomy the study was drawn from. */
  spleen: MaskVolume;
  kidneys: MaskVolume;
  lesionLabels: Uint16Array;
}

/**
 * One phantom study (PET only, no CT) with its truth liver and the spleen and kidneys, which the
 * study itself does not export: the anatomy is redrawn from the same seed and painted on the PET
 * grid as the generator does.
 */
export function phantomWithOrgans(seed: number): PhantomWithOrgans {
  const study = generateStudy({ seed });
  const anatomy = drawAnatomy(study.parameters, Random.derive(seed, 'anatomy'));
  const tissues = paintTissues(study.petGrid, anatomy.organs);
  const maskOf = (tissue: Tissue): MaskVolume => ({ ...study.petGrid, voxels: Uint8Array.from(tissues, (label) => (label === tissue ? 1 : 0)) });
  return {
    pet: { ...study.petGrid, voxels: study.petSuv, units: 'SUVbw', seriesInstanceUID: `phantom-${seed}` },
    liver: { ...study.petGrid, voxels: study.liverMask },
    spleen: maskOf(Tissue.Spleen),
    kidneys: maskOf(Tissue.Kidney),
    lesionLabels: study.lesionLabels,
  };
}
