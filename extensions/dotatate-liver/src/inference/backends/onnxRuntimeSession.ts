import type { ModelManifest } from '../manifest';
import type { BackendId, SessionOpener, SliceModelSession } from './types';

/**
 * The part of the onnxruntime API (shared by onnxruntime-web and onnxruntime-node through
 * onnxruntime-common) that we use. Typed structurally so this file imports neither runtime: the
 * browser passes onnxruntime-web, the CLI passes onnxruntime-node.
 */
export interface OrtTensorLike {
  readonly data: unknown;
  readonly dims: readonly number[];
}

export interface OrtSessionLike {
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

export interface OrtRuntimeLike {
  InferenceSession: { create(model: Uint8Array, options?: object): Promise<OrtSessionLike> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensorLike;
}

/** Wraps an onnxruntime (web or node) as a SessionOpener for the given backend and options. */
export function createOrtSessionOpener(
  runtime: OrtRuntimeLike,
  backend: BackendId,
  sessionOptions: object,
  detail = '',
): SessionOpener {
  return async (modelBytes: Uint8Array, manifest: ModelManifest): Promise<SliceModelSession> => {
    const session = await runtime.InferenceSession.create(modelBytes, sessionOptions);
    const { name, channels, height, width } = manifest.input;
    return {
      backend,
      detail,
      async run(input: Float32Array, batch: number): Promise<Float32Array> {
        const tensor = new runtime.Tensor('float32', input, [batch, channels, height, width]);
        const outputs = await session.run({ [name]: tensor });
        const output = outputs[manifest.output.name];
        // Tag check, not instanceof: a native runtime may hand back an array from another realm.
        if (!output || Object.prototype.toString.call(output.data) !== '[object Float32Array]') {
          throw new Error(`The model gave no float32 output named "${manifest.output.name}".`);
        }
        // Copy: some backends reuse the output buffer on the next run.
        return new Float32Array(output.data as Float32Array);
      },
      release: () => session.release(),
    };
  };
}
