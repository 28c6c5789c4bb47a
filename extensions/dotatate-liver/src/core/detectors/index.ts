export type { DetectorStep, DetectorInput, StepContext } from './DetectorStep';
export { percistDetector, PERCIST_DETECTOR_VERSION } from './percist';
export type { PercistDetectorOptions } from './percist';
export { edgeRadiusAlongRay } from './edgeRadiusAlongRay';
export { fibonacciDirections } from './fibonacciDirections';
export { sampleTrilinear } from './sampleTrilinear';
