import type { PhantomParameters } from '../parameters';
import { Random } from '../random';
import { Difference, EllipticCylinder, RippledEllipsoid, Shape, Union } from '../shapes';
import { Tissue } from './tissues';

/** One organ: its solid and its tissue. Later entries are painted over earlier ones. */
export interface PaintedOrgan {
  name: string;
  tissue: Tissue;
  shape: Shape;
}

/**
 * The patient's abdomen in LPS mm (x to the left, y posterior, z superior). The liver dome is at
 * z = 0; the scanned range runs from `zMinMm` to `zMaxMm`.
 */
export interface Anatomy {
  organs: PaintedOrgan[];
  liver: Shape;
  /** Inside of the body wall (no subcutaneous fat): where organs may lie. */
  innerBody: Shape;
  zMinMm: number;
  zMaxMm: number;
  /** Craniocaudal extent (mm) the liver was drawn with. */
  liverHeightMm: number;
}

/** Lung bases above the liver dome, the margin for kidneys and bowel below the liver (mm). */
const ABOVE_DOME_MM = 36;
const BELOW_LIVER_MM = 70;

/**
 * Draws one patient's abdominal anatomy: body outline with subcutaneous fat, irregular liver in the
 * right upper abdomen (right lobe plus a left lobe across the midline), spleen, kidneys, adrenals,
 * stomach, pancreas, bowel loops, aorta, spine, heart and lung bases above the diaphragm.
 */
export function drawAnatomy(params: PhantomParameters, random: Random): Anatomy {
  const liverSlices = Math.round(
    random.truncatedNormal(params.liverSlicesMean, params.liverSlicesSd, params.liverSlicesMin, params.liverSlicesMax),
  );
  const liverHeight = liverSlices * params.sliceThicknessMm;
  const zMax = ABOVE_DOME_MM;
  const zMin = -liverHeight - BELOW_LIVER_MM;
  const maxHalfWidth = params.fieldOfViewMm / 2 - 15;

  const bodyA = Math.min(maxHalfWidth, random.uniform(140, 180));
  const bodyB = Math.min(maxHalfWidth, random.uniform(100, 130));
  const fat = random.uniform(8, 28);
  const body = new EllipticCylinder(0, 0, bodyA, bodyB, zMin - 10, zMax + 10);
  const innerBody = new EllipticCylinder(0, 0, bodyA - fat, bodyB - fat, zMin - 10, zMax + 10);
  const innerA = bodyA - fat;
  const innerB = bodyB - fat;

  const organs: PaintedOrgan[] = [
    { name: 'body', tissue: Tissue.Fat, shape: body },
    { name: 'abdominal wall and viscera', tissue: Tissue.Muscle, shape: innerBody },
  ];

  // Lung bases: above a dome that is highest at the liver dome (right) and a little lower left.
  const lungSemiX = innerA * 0.42;
  const lungSemiY = innerB * 0.75;
  for (const side of [-1, 1]) {
    const domeTop = side < 0 ? -8 : -20;
    organs.push({
      name: side < 0 ? 'right lung base' : 'left lung base',
      tissue: Tissue.Lung,
      shape: new RippledEllipsoid([side * innerA * 0.5, innerB * 0.1, domeTop + 140], [lungSemiX, lungSemiY, 140], 0, 0.03, random, innerBody),
    });
  }
  organs.push({
    name: 'heart',
    tissue: Tissue.BloodPool,
    shape: new RippledEllipsoid([innerA * 0.12, -innerB * 0.3, 40 + random.uniform(0, 15)], [55, 45, 45], -0.5, 0.04, random, innerBody),
  });

  // Bowel loops fill the lower abdomen, below and in front of the upper-abdominal organs.
  const loopCount = random.integer(14, 22);
  for (let n = 0; n < loopCount; n++) {
    const radius = random.uniform(10, 20);
    organs.push({
      name: `bowel loop ${n + 1}`,
      tissue: Tissue.Bowel,
      shape: new RippledEllipsoid(
        [random.uniform(-innerA * 0.7, innerA * 0.7), random.uniform(-innerB * 0.7, innerB * 0.2), random.uniform(zMin, -liverHeight * 0.55)],
        [radius, radius * random.uniform(0.7, 1), radius * random.uniform(1.2, 2.5)],
        random.uniform(0, Math.PI),
        0.08,
        random,
        innerBody,
      ),
    });
  }

  // Stomach: left upper quadrant, wall with low-uptake content.
  const stomachCentre: [number, number, number] = [innerA * 0.35, -innerB * 0.25, -liverHeight * 0.3];
  const stomachAxes: [number, number, number] = [random.uniform(35, 50), random.uniform(28, 38), random.uniform(40, 55)];
  const stomachOuter = new RippledEllipsoid(stomachCentre, stomachAxes, 0.6, 0.05, random, innerBody);
  const stomachInner = new RippledEllipsoid(stomachCentre, [stomachAxes[0] - 6, stomachAxes[1] - 6, stomachAxes[2] - 6], 0.6, 0, random);
  organs.push({ name: 'stomach wall', tissue: Tissue.StomachWall, shape: new Difference(stomachOuter, stomachInner) });
  organs.push({ name: 'stomach content', tissue: Tissue.StomachContent, shape: stomachInner });

  const kidneyZ = -liverHeight * 0.7;
  organs.push({
    name: 'pancreas',
    tissue: Tissue.Pancreas,
    shape: new RippledEllipsoid([innerA * 0.1, innerB * 0.15, kidneyZ + 25], [innerA * 0.42, 11, 14], -0.25, 0.08, random, innerBody),
  });
  organs.push({
    name: 'aorta',
    tissue: Tissue.BloodPool,
    shape: new EllipticCylinder(innerA * 0.08, innerB * 0.45, 11, 11, zMin - 10, zMax + 10),
  });
  organs.push({
    name: 'spleen',
    tissue: Tissue.Spleen,
    shape: new RippledEllipsoid(
      [innerA * 0.62, innerB * 0.35, -liverHeight * 0.25 - random.uniform(0, 20)],
      [random.uniform(35, 45), random.uniform(22, 30), random.uniform(40, 60)],
      0.9,
      0.06,
      random,
      innerBody,
    ),
  });

  const liver = drawLiver(innerA, innerB, liverHeight, random, innerBody);
  organs.push({ name: 'liver', tissue: Tissue.Liver, shape: liver });

  for (const side of [-1, 1]) {
    const z = kidneyZ + (side < 0 ? -12 : 5);
    const centre: [number, number, number] = [side * innerA * 0.45, innerB * 0.55, z];
    organs.push({
      name: side < 0 ? 'right kidney' : 'left kidney',
      tissue: Tissue.Kidney,
      shape: new RippledEllipsoid(centre, [28, 22, random.uniform(45, 58)], side * 0.5, 0.04, random, innerBody),
    });
    organs.push({
      name: side < 0 ? 'right adrenal' : 'left adrenal',
      tissue: Tissue.Adrenal,
      shape: new RippledEllipsoid([side * innerA * 0.3, innerB * 0.45, z + 62], [6, 13, 16], side * 0.4, 0.05, random, innerBody),
    });
  }

  // Spine: vertebral body (cortex around marrow) and spinal canal, along the whole range.
  const vertebraY = innerB * 0.78;
  organs.push({ name: 'vertebral cortex', tissue: Tissue.BoneCortex, shape: new EllipticCylinder(0, vertebraY, 22, 19, zMin - 10, zMax + 10) });
  organs.push({ name: 'vertebral marrow', tissue: Tissue.BoneMarrow, shape: new EllipticCylinder(0, vertebraY, 19, 16, zMin - 10, zMax + 10) });
  organs.push({ name: 'spinal canal', tissue: Tissue.SpinalCanal, shape: new EllipticCylinder(0, vertebraY + 30, 8, 7, zMin - 10, zMax + 10) });

  return { organs, liver, innerBody, zMinMm: zMin, zMaxMm: zMax, liverHeightMm: liverHeight };
}

/**
 * The liver: a large right lobe filling the right upper abdomen from the dome (z = 0) down, and a
 * thinner left lobe reaching across the midline in front of the stomach.
 */
function drawLiver(innerA: number, innerB: number, height: number, random: Random, innerBody: Shape): Shape {
  const rightSemiX = Math.min(innerA * 0.5, random.uniform(68, 84));
  const rightSemiY = Math.min(innerB * 0.72, random.uniform(62, 78));
  const right = new RippledEllipsoid(
    [-innerA + rightSemiX + 6, -innerB * 0.08, -height / 2],
    [rightSemiX, rightSemiY, height / 2],
    random.uniform(-0.2, 0.2),
    0.07,
    random,
    innerBody,
  );
  const left = new RippledEllipsoid(
    [random.uniform(-5, 20), -innerB * 0.45, -height * 0.32],
    [random.uniform(50, 70), random.uniform(22, 32), height * 0.26],
    random.uniform(-0.3, 0.1),
    0.08,
    random,
    innerBody,
  );
  return new Union([right, left]);
}
