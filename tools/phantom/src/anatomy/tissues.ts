import type { PhantomParameters } from '../parameters';
import { Random } from '../random';

/** Tissue classes painted into the label volume; the value is the label. */
export enum Tissue {
  Air = 0,
  Fat = 1,
  Muscle = 2,
  Lung = 3,
  BloodPool = 4,
  Bowel = 5,
  StomachWall = 6,
  StomachContent = 7,
  Pancreas = 8,
  Spleen = 9,
  Kidney = 10,
  Adrenal = 11,
  Liver = 12,
  BoneCortex = 13,
  BoneMarrow = 14,
  SpinalCanal = 15,
}

export const TISSUE_COUNT = 16;

/**
 * Unenhanced CT attenuation (HU) per tissue, typical textbook values for low-dose attenuation
 * CT of a PET/CT (no contrast medium).
 */
export const TISSUE_HU: Readonly<Record<Tissue, number>> = {
  [Tissue.Air]: -1000,
  [Tissue.Fat]: -100,
  [Tissue.Muscle]: 45,
  [Tissue.Lung]: -850,
  [Tissue.BloodPool]: 40,
  [Tissue.Bowel]: 25,
  [Tissue.StomachWall]: 40,
  [Tissue.StomachContent]: 10,
  [Tissue.Pancreas]: 40,
  [Tissue.Spleen]: 48,
  [Tissue.Kidney]: 32,
  [Tissue.Adrenal]: 30,
  [Tissue.Liver]: 58,
  [Tissue.BoneCortex]: 800,
  [Tissue.BoneMarrow]: 220,
  [Tissue.SpinalCanal]: 15,
};

/**
 * SUVbw per tissue for one patient: each organ's population value from the parameters, varied by
 * `organVariation` (relative SD) between patients; the liver is drawn from its own distribution.
 */
export function drawTissueSuv(params: PhantomParameters, random: Random): Float32Array {
  const vary = (value: number): number => value * random.truncatedNormal(1, params.organVariation, 0.4, 1.6);
  const liver = random.truncatedNormal(
    params.liverSuvMean,
    params.liverSuvSd,
    Math.max(0.5, params.liverSuvMean - 2.5 * params.liverSuvSd),
    params.liverSuvMean + 2.5 * params.liverSuvSd,
  );
  const suv = new Float32Array(TISSUE_COUNT);
  suv[Tissue.Air] = 0;
  suv[Tissue.Fat] = vary(params.fatSuv);
  suv[Tissue.Muscle] = vary(params.muscleSuv);
  suv[Tissue.Lung] = vary(params.lungSuv);
  suv[Tissue.BloodPool] = vary(params.bloodPoolSuv);
  suv[Tissue.Bowel] = vary(params.bowelSuv);
  suv[Tissue.StomachWall] = vary(params.stomachSuv);
  suv[Tissue.StomachContent] = suv[Tissue.BloodPool] * 0.3;
  suv[Tissue.Pancreas] = vary(params.pancreasSuv);
  suv[Tissue.Spleen] = vary(params.spleenSuv);
  suv[Tissue.Kidney] = vary(params.kidneySuv);
  suv[Tissue.Adrenal] = vary(params.adrenalSuv);
  suv[Tissue.Liver] = liver;
  suv[Tissue.BoneCortex] = suv[Tissue.Muscle] * 0.5;
  suv[Tissue.BoneMarrow] = vary(params.boneMarrowSuv);
  suv[Tissue.SpinalCanal] = suv[Tissue.Muscle] * 0.4;
  return suv;
}
