import type { Vec3 } from '../types';
import type { SliceComponent } from './connectedComponents2D';

/**
 * The paper's pixel-area noise filter: drops 2D regions smaller than `minimumPixels`
 * (keeps area ≥ minimumPixels).
 */
export function filterComponentsByArea(components: SliceComponent[], minimumPixels: number): SliceComponent[] {
  return components.filter((component) => component.area >= minimumPixels);
}

/**
 * The pixel count equivalent of an area in mm² on a grid with the given spacing (mm): the
 * smallest whole number of pixels covering at least that area.
 */
export function pixelsForAreaMm2(areaMm2: number, spacing: Vec3): number {
  return Math.ceil(areaMm2 / (spacing[0] * spacing[1]) - 1e-9);
}
