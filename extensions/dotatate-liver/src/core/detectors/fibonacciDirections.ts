import type { Vec3 } from '../types';

/** `count` unit vectors spread evenly over the sphere (Fibonacci lattice), in mm space. */
export function fibonacciDirections(count: number): Vec3[] {
  const directions: Vec3[] = [];
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let n = 0; n < count; n++) {
    const z = 1 - (2 * (n + 0.5)) / count;
    const radius = Math.sqrt(1 - z * z);
    const angle = golden * n;
    directions.push([radius * Math.cos(angle), radius * Math.sin(angle), z]);
  }
  return directions;
}
