import type * as tfCore from '@tensorflow/tfjs-core';
import { OnnxGraph, OnnxNode, parseOnnxGraph } from './onnxGraph';

type Tf = typeof tfCore;

/**
 * Runs the U-Net's ONNX graph with TF.js ops, reading the weights from the same ONNX file the other
 * runtimes use. Supports exactly the ops the exported net contains (Conv with batch-norm folded in,
 * ConvTranspose, Relu, Add, Sigmoid); anything else is refused when the model is opened, with its
 * name. Tensors flow in NHWC (TF.js's layout); kernels are permuted once: Conv OIHW → HWIO and
 * ConvTranspose (in, out, kh, kw) → (kh, kw, out, in), both by [2, 3, 1, 0], with no flip.
 */
export interface TfjsGraphRunner {
  /** NCHW float32 input (batch × channels × height × width) → NCHW output values. */
  run(input: Float32Array, shape: [number, number, number, number]): Promise<Float32Array>;
  dispose(): void;
}

const SUPPORTED = new Set(['Conv', 'ConvTranspose', 'Relu', 'Add', 'Sigmoid']);

function ints(node: OnnxNode, name: string, fallback: number[]): number[] {
  const value = node.attributes[name];
  return Array.isArray(value) ? value : fallback;
}

function checkNode(node: OnnxNode): void {
  if (!SUPPORTED.has(node.opType)) {
    throw new Error(`The TF.js runtime cannot run ONNX op "${node.opType}"; it supports ${[...SUPPORTED].join(', ')}.`);
  }
  if (node.opType === 'Conv' || node.opType === 'ConvTranspose') {
    const group = node.attributes.group;
    if (group !== undefined && group !== 1) throw new Error(`The TF.js runtime supports only group 1 convolutions (got ${group}).`);
    if (ints(node, 'dilations', [1, 1]).some((d) => d !== 1)) throw new Error('The TF.js runtime supports only dilation 1.');
  }
  if (node.opType === 'ConvTranspose') {
    if (ints(node, 'pads', [0, 0, 0, 0]).some((p) => p !== 0) || ints(node, 'output_padding', [0, 0]).some((p) => p !== 0)) {
      throw new Error('The TF.js runtime supports only unpadded transposed convolutions.');
    }
  }
}

export function createTfjsGraphRunner(tf: Tf, modelBytes: Uint8Array): TfjsGraphRunner {
  const graph: OnnxGraph = parseOnnxGraph(modelBytes);
  graph.nodes.forEach(checkNode);
  const weights = new Map<string, tfCore.Tensor>();
  for (const node of graph.nodes) {
    const [, kernelName, biasName] = node.inputs;
    if ((node.opType === 'Conv' || node.opType === 'ConvTranspose') && !weights.has(kernelName)) {
      const kernel = graph.initializers.get(kernelName);
      if (!kernel) throw new Error(`ONNX node ${node.opType} names a missing weight "${kernelName}".`);
      weights.set(kernelName, tf.tidy(() => tf.transpose(tf.tensor4d(kernel.values, kernel.dims as [number, number, number, number]), [2, 3, 1, 0])));
      const bias = biasName ? graph.initializers.get(biasName) : undefined;
      if (bias) weights.set(biasName, tf.tensor1d(bias.values));
    }
  }
  const [inputName] = graph.inputs;
  const [outputName] = graph.outputs;

  function forward(input: tfCore.Tensor4D): tfCore.Tensor4D {
    const values = new Map<string, tfCore.Tensor4D>([[inputName, input]]);
    const get = (name: string) => {
      const value = values.get(name);
      if (!value) throw new Error(`ONNX graph uses "${name}" before it is computed.`);
      return value;
    };
    for (const node of graph.nodes) {
      const x = get(node.inputs[0]);
      let y: tfCore.Tensor4D;
      if (node.opType === 'Conv') {
        const [top, left, bottom, right] = ints(node, 'pads', [0, 0, 0, 0]);
        const [sh, sw] = ints(node, 'strides', [1, 1]);
        y = tf.conv2d(x, weights.get(node.inputs[1]) as tfCore.Tensor4D, [sh, sw], [[0, 0], [top, bottom], [left, right], [0, 0]]);
      } else if (node.opType === 'ConvTranspose') {
        const kernel = weights.get(node.inputs[1]) as tfCore.Tensor4D;
        const [sh, sw] = ints(node, 'strides', [1, 1]);
        const [kh, kw, outChannels] = kernel.shape;
        const [batch, height, width] = x.shape;
        const outputShape: [number, number, number, number] = [batch, (height - 1) * sh + kh, (width - 1) * sw + kw, outChannels];
        y = tf.conv2dTranspose(x, kernel, outputShape, [sh, sw], 'valid');
      } else if (node.opType === 'Relu') y = tf.relu(x);
      else if (node.opType === 'Sigmoid') y = tf.sigmoid(x);
      else y = tf.add(x, get(node.inputs[1]));
      const bias = node.inputs[2] ? weights.get(node.inputs[2]) : undefined;
      values.set(node.outputs[0], bias ? tf.add(y, bias) : y);
    }
    return get(outputName);
  }

  return {
    async run(input, shape) {
      const output = tf.tidy(() => {
        const nhwc = tf.transpose(tf.tensor4d(input, shape), [0, 2, 3, 1]) as tfCore.Tensor4D;
        return tf.transpose(forward(nhwc), [0, 3, 1, 2]);
      });
      const data = (await output.data()) as Float32Array;
      output.dispose();
      return data;
    },
    dispose() {
      weights.forEach((tensor) => tensor.dispose());
      weights.clear();
    },
  };
}
