export { quantile } from './quantile';
export { meanAndSd } from './meanAndSd';
export { suvPeak, SUV_PEAK_SPHERE_ML } from './suvPeak';
export { longestAxialDiameterMm } from './longestAxialDiameterMm';
export { lesionStatistics } from './lesionStatistics';
export type { LesionStatisticsOptions } from './lesionStatistics';
