export { measureSphere } from './measureSphere';
export { percistThreshold } from './percistThreshold';
export { placeReferenceSpheres } from './placeReferenceSpheres';
export type { SpherePlacementOptions, SpherePlacement } from './placeReferenceSpheres';
export { liverReference, pooledMoments } from './liverReference';
