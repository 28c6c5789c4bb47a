/**
 * Reads the parts of an ONNX file the TF.js runtime needs: the graph's nodes (op type, inputs,
 * outputs, integer attributes) in file order, which ONNX requires to be topological, and its float32
 * initialisers (weights). A minimal protobuf decoder, so the browser bundle needs no protobuf
 * library and the one weights file serves every runtime.
 */

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  /** Integer and integer-list attributes (kernel_shape, strides, pads, group, …). */
  attributes: Record<string, number | number[]>;
}

export interface OnnxTensor {
  dims: number[];
  values: Float32Array;
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: Map<string, OnnxTensor>;
  inputs: string[];
  outputs: string[];
}

const FLOAT = 1;

class ProtoReader {
  private position: number;
  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.position = start;
  }

  more(): boolean {
    return this.position < this.end;
  }

  varint(): number {
    let result = 0;
    let multiplier = 1;
    for (;;) {
      if (this.position >= this.end) throw new Error('ONNX file ends inside a number.');
      const byte = this.bytes[this.position++];
      result += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return result;
      multiplier *= 128;
    }
  }

  /** Field number and wire type of the next field. */
  tag(): [number, number] {
    const tag = this.varint();
    return [Math.floor(tag / 8), tag & 7];
  }

  /** A length-delimited field as a sub-reader range. */
  slice(): [number, number] {
    const length = this.varint();
    const start = this.position;
    this.position += length;
    if (this.position > this.end) throw new Error('ONNX file is truncated.');
    return [start, this.position];
  }

  string(): string {
    const [start, end] = this.slice();
    return new TextDecoder().decode(this.bytes.subarray(start, end));
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.position += 8;
    else if (wireType === 2) this.slice();
    else if (wireType === 5) this.position += 4;
    else throw new Error(`ONNX file uses protobuf wire type ${wireType}, which this reader does not know.`);
  }

  sub([start, end]: [number, number]): ProtoReader {
    return new ProtoReader(this.bytes, start, end);
  }

  /** Varints, packed (wire type 2) or one per field (wire type 0). */
  varints(wireType: number, into: number[]): void {
    if (wireType !== 2) {
      into.push(this.varint());
      return;
    }
    const packed = this.sub(this.slice());
    while (packed.more()) into.push(packed.varint());
  }

  bytesOf([start, end]: [number, number]): Uint8Array {
    return this.bytes.subarray(start, end);
  }
}

/** Two's-complement view of a varint that encodes a negative int64 (only small magnitudes occur). */
function signed(value: number): number {
  return value >= 2 ** 63 ? value - 2 ** 64 : value;
}

function readAttribute(reader: ProtoReader): [string, number | number[] | undefined] {
  let name = '';
  let single: number | undefined;
  const list: number[] = [];
  let type = 0;
  while (reader.more()) {
    const [field, wire] = reader.tag();
    if (field === 1) name = reader.string();
    else if (field === 3) single = signed(reader.varint());
    else if (field === 8) reader.varints(wire, list);
    else if (field === 20) type = reader.varint();
    else reader.skip(wire);
  }
  // AttributeProto types: 2 = INT, 7 = INTS; other kinds are not needed by the supported ops.
  if (type === 7) return [name, list.map(signed)];
  return [name, type === 2 ? single ?? 0 : undefined];
}

function readNode(reader: ProtoReader): OnnxNode {
  const node: OnnxNode = { opType: '', inputs: [], outputs: [], attributes: {} };
  while (reader.more()) {
    const [field, wire] = reader.tag();
    if (field === 1) node.inputs.push(reader.string());
    else if (field === 2) node.outputs.push(reader.string());
    else if (field === 4) node.opType = reader.string();
    else if (field === 5) {
      const [name, value] = readAttribute(reader.sub(reader.slice()));
      if (value !== undefined) node.attributes[name] = value;
    } else reader.skip(wire);
  }
  return node;
}

function readTensor(reader: ProtoReader): [string, OnnxTensor] {
  let name = '';
  let dataType = 0;
  const dims: number[] = [];
  let raw: Uint8Array | null = null;
  const floats: number[] = [];
  while (reader.more()) {
    const [field, wire] = reader.tag();
    if (field === 1) reader.varints(wire, dims);
    else if (field === 2) dataType = reader.varint();
    else if (field === 8) name = reader.string();
    else if (field === 9) raw = reader.bytesOf(reader.slice());
    else if (field === 4 && wire === 2) {
      const packed = reader.bytesOf(reader.slice());
      const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
      for (let offset = 0; offset < packed.byteLength; offset += 4) floats.push(view.getFloat32(offset, true));
    } else reader.skip(wire);
  }
  if (dataType !== FLOAT) return [name, { dims, values: new Float32Array(0) }];
  let values: Float32Array;
  if (raw) {
    const copy = new Uint8Array(raw); // aligned copy; ONNX raw data is little-endian
    values = new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  } else values = Float32Array.from(floats);
  return [name, { dims, values }];
}

function readValueInfoName(reader: ProtoReader): string {
  while (reader.more()) {
    const [field, wire] = reader.tag();
    if (field === 1) return reader.string();
    reader.skip(wire);
  }
  return '';
}

export function parseOnnxGraph(bytes: Uint8Array): OnnxGraph {
  const model = new ProtoReader(bytes);
  while (model.more()) {
    const [field, wire] = model.tag();
    if (field !== 7 || wire !== 2) {
      model.skip(wire);
      continue;
    }
    const graph = model.sub(model.slice());
    const result: OnnxGraph = { nodes: [], initializers: new Map(), inputs: [], outputs: [] };
    while (graph.more()) {
      const [graphField, graphWire] = graph.tag();
      if (graphField === 1) result.nodes.push(readNode(graph.sub(graph.slice())));
      else if (graphField === 5) {
        const [name, tensor] = readTensor(graph.sub(graph.slice()));
        result.initializers.set(name, tensor);
      } else if (graphField === 11) result.inputs.push(readValueInfoName(graph.sub(graph.slice())));
      else if (graphField === 12) result.outputs.push(readValueInfoName(graph.sub(graph.slice())));
      else graph.skip(graphWire);
    }
    result.inputs = result.inputs.filter((name) => !result.initializers.has(name));
    return result;
  }
  throw new Error('This file holds no ONNX graph.');
}
