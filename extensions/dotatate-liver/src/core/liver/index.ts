export { fillHolesPerSlice } from './fillHolesPerSlice';
export { largestComponent } from './largestComponent';
export { closeMaskMm } from './closeMaskMm';
export { growRegionFromSeed } from './growRegionFromSeed';
export type { SeedGrowingOptions } from './growRegionFromSeed';
export { automaticLiverMask } from './automaticLiverMask';
export type { AutomaticLiverOptions } from './automaticLiverMask';
export { liverMaskFromLabels } from './liverMaskFromLabels';
export { LiverNotFoundError } from './LiverNotFoundError';
