import { ModelUnavailableError } from './errors';
import { verifyModelBytes } from './integrity';
import { InvalidManifestError, ModelManifest, parseModelManifest } from './manifest';

/** Reads a file's bytes by URL (browser) or path (CLI); rejects when it cannot. */
export type ByteReader = (location: string) => Promise<Uint8Array>;

export interface LoadedModel {
  manifest: ModelManifest;
  /** Where the manifest was read from (URL or path). */
  manifestLocation: string;
  modelLocation: string;
  /** The ONNX file, already checked against the manifest's sha256. */
  modelBytes: Uint8Array;
}

/** Reads over HTTP(S) with `fetch`; an HTTP error status rejects with that status in the message. */
export const fetchBytes: ByteReader = async (location) => {
  const response = await fetch(location);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  return new Uint8Array(await response.arrayBuffer());
};

/** The weights file's location: relative to the manifest's URL, or to its folder for a path. */
export function resolveModelLocation(manifestLocation: string, file: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file) || file.startsWith('/')) return file;
  if (/^[a-z][a-z0-9+.-]*:/i.test(manifestLocation)) return new URL(file, manifestLocation).href;
  const slash = manifestLocation.lastIndexOf('/');
  return slash < 0 ? file : `${manifestLocation.slice(0, slash + 1)}${file}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads and checks a model: the manifest (parsed field by field), then the weights file it names
 * (sha256 compared before anything runs it). A hospital points `manifestLocation` at its own model.
 * Every failure is a ModelUnavailableError whose message names the file and the problem.
 */
export async function loadModel(manifestLocation: string, readBytes: ByteReader = fetchBytes): Promise<LoadedModel> {
  let manifestBytes: Uint8Array;
  try {
    manifestBytes = await readBytes(manifestLocation);
  } catch (error) {
    throw new ModelUnavailableError('missing', `Model manifest ${manifestLocation} could not be read (${describe(error)}).`);
  }
  let manifest: ModelManifest;
  try {
    manifest = parseModelManifest(JSON.parse(new TextDecoder().decode(manifestBytes)), manifestLocation);
  } catch (error) {
    const detail = error instanceof InvalidManifestError ? error.message : `Model manifest ${manifestLocation} is not valid JSON (${describe(error)}).`;
    throw new ModelUnavailableError('invalid-manifest', detail);
  }
  const modelLocation = resolveModelLocation(manifestLocation, manifest.file);
  let modelBytes: Uint8Array;
  try {
    modelBytes = await readBytes(modelLocation);
  } catch (error) {
    throw new ModelUnavailableError(
      'missing',
      `Model file ${modelLocation} named by ${manifestLocation} could not be read (${describe(error)}).`,
    );
  }
  await verifyModelBytes(modelBytes, manifest.sha256, modelLocation);
  return { manifest, manifestLocation, modelLocation, modelBytes };
}
