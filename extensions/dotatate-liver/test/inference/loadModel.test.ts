import { readFile } from 'node:fs/promises';
import {
  ByteReader,
  ModelUnavailableError,
  loadModel,
  parseModelManifest,
  resolveModelLocation,
  sha256Hex,
} from '../../src/inference';
import { SHIPPED_MANIFEST_PATH, SHIPPED_MODEL_PATH, shippedManifest } from './fixtures';

const readLocal: ByteReader = async (location) => new Uint8Array(await readFile(location));

async function rejection(promise: Promise<unknown>): Promise<ModelUnavailableError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ModelUnavailableError) return error;
    throw error;
  }
  throw new Error('expected the load to fail');
}

describe('loadModel', () => {
  it('loads the shipped model and its sha256 matches the manifest', async () => {
    const loaded = await loadModel(SHIPPED_MANIFEST_PATH, readLocal);
    expect(loaded.modelLocation).toBe(SHIPPED_MODEL_PATH);
    expect(await sha256Hex(loaded.modelBytes)).toBe(shippedManifest().sha256);
    expect(loaded.manifest.input.channels).toBe(1);
  });

  it('rejects a corrupt model file with the hash mismatch and offers the classical detector', async () => {
    const corrupting: ByteReader = async (location) => {
      const bytes = await readLocal(location);
      if (location === SHIPPED_MODEL_PATH) bytes[bytes.length >> 1] ^= 0xff;
      return bytes;
    };
    const error = await rejection(loadModel(SHIPPED_MANIFEST_PATH, corrupting));
    expect(error.problem).toBe('corrupt');
    expect(error.message).toContain('sha256');
    expect(error.message).toContain(shippedManifest().sha256);
    expect(error.message).toContain('classical detector');
    expect(error.fallbackDetector).toBe('classical');
  });

  it('names a missing model file and offers the classical detector', async () => {
    const withoutModel: ByteReader = async (location) => {
      if (location === SHIPPED_MODEL_PATH) return readLocal(`${location}.absent`);
      return readLocal(location);
    };
    const error = await rejection(loadModel(SHIPPED_MANIFEST_PATH, withoutModel));
    expect(error.problem).toBe('missing');
    expect(error.message).toContain(SHIPPED_MODEL_PATH);
    expect(error.message).toContain('could not be read');
    expect(error.message).toContain('classical detector');
  });

  it('names a missing manifest', async () => {
    const error = await rejection(loadModel('/nowhere/model.manifest.json', readLocal));
    expect(error.problem).toBe('missing');
    expect(error.message).toContain('/nowhere/model.manifest.json');
  });

  it('rejects a manifest that is not JSON or lacks a field, naming the field', async () => {
    const garbage: ByteReader = async () => new TextEncoder().encode('not json');
    expect((await rejection(loadModel('m.json', garbage))).problem).toBe('invalid-manifest');
    const { sha256: _dropped, ...withoutHash } = shippedManifest();
    const noHash: ByteReader = async () => new TextEncoder().encode(JSON.stringify(withoutHash));
    const error = await rejection(loadModel('m.json', noHash));
    expect(error.problem).toBe('invalid-manifest');
    expect(error.message).toContain('"sha256"');
  });
});

describe('parseModelManifest', () => {
  it('accepts the shipped manifest and refuses wrong channel offsets', () => {
    const manifest = shippedManifest();
    expect(parseModelManifest(manifest, 'shipped').name).toBe(manifest.name);
    const broken = { ...manifest, input: { ...manifest.input, sliceOffsets: [-1, 0, 1] } };
    expect(() => parseModelManifest(broken, 'broken')).toThrow(/sliceOffsets/);
  });
});

describe('resolveModelLocation', () => {
  it('resolves the weights beside the manifest for URLs and paths', () => {
    expect(resolveModelLocation('https://pacs.example/models/m.json', 'w.onnx')).toBe('https://pacs.example/models/w.onnx');
    expect(resolveModelLocation('/opt/models/m.json', 'w.onnx')).toBe('/opt/models/w.onnx');
    expect(resolveModelLocation('m.json', 'w.onnx')).toBe('w.onnx');
  });
});
