import type { Vec3 } from 'ohif-extension-dotatate-liver/src/core/types';
import { Random } from './random';

/** A solid in LPS millimetres: a membership test and an axis-aligned bounding box. */
export interface Shape {
  contains(x: number, y: number, z: number): boolean;
  boundsMin: Vec3;
  boundsMax: Vec3;
}

interface Ripple {
  frequency: Vec3;
  phase: number;
  amplitude: number;
}

/**
 * An ellipsoid (semi-axes in mm, turned by `angle` radians about the z axis) whose surface is
 * displaced by a few smooth random ripples: organs and lesions that are irregular but plausible.
 * `roughness` is the total relative displacement (0 = a perfect ellipsoid).
 */
export class RippledEllipsoid implements Shape {
  readonly boundsMin: Vec3;
  readonly boundsMax: Vec3;
  private readonly cos: number;
  private readonly sin: number;
  private readonly ripples: Ripple[];

  constructor(
    readonly centre: Vec3,
    readonly semiAxes: Vec3,
    readonly angle: number,
    roughness: number,
    random: Random,
    private readonly clip?: Shape,
  ) {
    this.cos = Math.cos(angle);
    this.sin = Math.sin(angle);
    const count = roughness > 0 ? 4 : 0;
    this.ripples = [];
    for (let n = 0; n < count; n++) {
      const theta = random.uniform(0, Math.PI);
      const phi = random.uniform(0, 2 * Math.PI);
      const frequency = random.uniform(1.5, 3.5);
      this.ripples.push({
        frequency: [
          frequency * Math.sin(theta) * Math.cos(phi),
          frequency * Math.sin(theta) * Math.sin(phi),
          frequency * Math.cos(theta),
        ],
        phase: random.uniform(0, 2 * Math.PI),
        amplitude: roughness / count,
      });
    }
    const reach = Math.max(semiAxes[0], semiAxes[1]) * (1 + roughness);
    const reachZ = semiAxes[2] * (1 + roughness);
    this.boundsMin = [centre[0] - reach, centre[1] - reach, centre[2] - reachZ];
    this.boundsMax = [centre[0] + reach, centre[1] + reach, centre[2] + reachZ];
  }

  contains(x: number, y: number, z: number): boolean {
    const dx = x - this.centre[0];
    const dy = y - this.centre[1];
    const u = (this.cos * dx + this.sin * dy) / this.semiAxes[0];
    const v = (-this.sin * dx + this.cos * dy) / this.semiAxes[1];
    const w = (z - this.centre[2]) / this.semiAxes[2];
    let limit = 1;
    for (const ripple of this.ripples) {
      limit += ripple.amplitude * Math.sin(ripple.frequency[0] * u + ripple.frequency[1] * v + ripple.frequency[2] * w + ripple.phase);
    }
    if (u * u + v * v + w * w > limit * limit) return false;
    return this.clip ? this.clip.contains(x, y, z) : true;
  }
}

/** An elliptical cylinder along z, from zMin to zMax (mm). */
export class EllipticCylinder implements Shape {
  readonly boundsMin: Vec3;
  readonly boundsMax: Vec3;

  constructor(
    readonly centreX: number,
    readonly centreY: number,
    readonly semiX: number,
    readonly semiY: number,
    zMin: number,
    zMax: number,
  ) {
    this.boundsMin = [centreX - semiX, centreY - semiY, zMin];
    this.boundsMax = [centreX + semiX, centreY + semiY, zMax];
  }

  contains(x: number, y: number, z: number): boolean {
    if (z < this.boundsMin[2] || z > this.boundsMax[2]) return false;
    const u = (x - this.centreX) / this.semiX;
    const v = (y - this.centreY) / this.semiY;
    return u * u + v * v <= 1;
  }
}

/** Points in any of the parts. */
export class Union implements Shape {
  readonly boundsMin: Vec3;
  readonly boundsMax: Vec3;

  constructor(readonly parts: Shape[]) {
    this.boundsMin = [0, 1, 2].map((a) => Math.min(...parts.map((p) => p.boundsMin[a]))) as Vec3;
    this.boundsMax = [0, 1, 2].map((a) => Math.max(...parts.map((p) => p.boundsMax[a]))) as Vec3;
  }

  contains(x: number, y: number, z: number): boolean {
    return this.parts.some((part) => part.contains(x, y, z));
  }
}

/** Points of `outer` that are not in `hole`. */
export class Difference implements Shape {
  readonly boundsMin: Vec3;
  readonly boundsMax: Vec3;

  constructor(
    readonly outer: Shape,
    readonly hole: Shape,
  ) {
    this.boundsMin = outer.boundsMin;
    this.boundsMax = outer.boundsMax;
  }

  contains(x: number, y: number, z: number): boolean {
    return this.outer.contains(x, y, z) && !this.hole.contains(x, y, z);
  }
}
