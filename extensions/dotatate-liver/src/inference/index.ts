/**
 * Inference layer: model manifest and integrity check, backends with a device-aware choice, and the
 * U-Net step of the detector chain. Node-only runtimes are injected by their callers (the CLI).
 */
export * from './manifest';
export * from './errors';
export * from './integrity';
export * from './loadModel';
export * from './device';
export * from './chooseBackend';
export * from './sliceWindow';
export * from './unetDetectorStep';
export * from './backends/types';
export * from './backends/onnxRuntimeSession';
export * from './backends/onnxWeb';
export * from './backends/browserOpeners';
export * from './coreDetectorStep';
export * from './tfjs/onnxGraph';
export * from './tfjs/tfjsGraphRunner';
export * from './tfjs/tfjsOpener';
export * from './browserUnetStep';
