/** The pure detection core: no DOM, no viewer; runs in Node and in a browser worker. */
export * from './types';
export * from './volume';
export * from './suv';
export * from './liver';
export * from './reference';
export * from './detectors';
export * from './postprocess';
export * from './stats';
export * from './evaluation';
export { detect, DEFAULT_FILTER_PX } from './detect';
export type { DetectInput, DetectOptions, DetectionResult, LiverResult, PipelineSteps, PostprocessOptions } from './pipeline';
export { defaultSteps, findLiver, cropToLiver, measureReference, checkLiver, postprocessMap, measureLesions } from './defaultSteps';
export { CancelledError } from './CancelledError';
export { CORE_VERSION } from './version';
export { toDetectionJson, DETECTION_SCHEMA } from './resultSchema';
export type { DetectionJson } from './resultSchema';
