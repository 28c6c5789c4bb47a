import type { ModelManifest } from '../manifest';

/**
 * Where the net runs. `webgpu`, `webgl` and `wasm` are browser backends (onnxruntime-web for WebGPU
 * and WASM, TF.js for WebGL); `node` is onnxruntime-node, which only the CLI injects so the
 * extension bundle never imports Node code.
 */
export type BackendId = 'webgpu' | 'webgl' | 'wasm' | 'node';

/** A model ready to run on one backend. */
export interface SliceModelSession {
  readonly backend: BackendId;
  /** Extra detail for the report, e.g. "2 threads". */
  readonly detail: string;
  /**
   * Runs a batch. `input` is float32 NCHW (batch × channels × height × width, normalised as the
   * manifest says); resolves to float32 (batch × height × width) probabilities in [0, 1].
   */
  run(input: Float32Array, batch: number): Promise<Float32Array>;
  release(): Promise<void>;
}

/** Opens a session on one backend from the checked ONNX bytes. */
export type SessionOpener = (modelBytes: Uint8Array, manifest: ModelManifest) => Promise<SliceModelSession>;
