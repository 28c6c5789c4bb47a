import type { SessionOpener } from '../backends/types';
import { createTfjsGraphRunner } from './tfjsGraphRunner';

/**
 * WebGL through TF.js (onnxruntime-web's own WebGL provider handles only fixed shapes and is slow
 * and inexact for this net). TF.js is loaded on first use; its WebGL backend must start, otherwise
 * the opener rejects and the choice moves on to WASM.
 */
export function createTfjsWebGlOpener(): SessionOpener {
  return async (modelBytes, manifest) => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-webgl');
    if (!(await tf.setBackend('webgl'))) throw new Error('TF.js could not start its WebGL backend.');
    const runner = createTfjsGraphRunner(tf, modelBytes);
    const { channels, height, width } = manifest.input;
    return {
      backend: 'webgl',
      detail: 'TF.js',
      run: (input, batch) => runner.run(input, [batch, channels, height, width]),
      release: async () => runner.dispose(),
    };
  };
}
