/**
 * The model manifest: the JSON file shipped beside each ONNX weights file. It tells the inference
 * layer how to feed the net (input size, in-plane spacing, channels, normalisation), what to do with
 * its output (default thresholds), how to check the weights (sha256) and what they were trained on.
 */

export type ModelVariant = '2d' | '2.5d';

export interface ModelNormalisation {
  /** Input = min(max(SUV, 0), clipSuv) / scale inside the liver, 0 outside. */
  kind: 'liver-masked-clipped-suv';
  clipSuv: number;
  scale: number;
}

export interface ModelInput {
  name: string;
  layout: 'NCHW';
  channels: number;
  /** Pixels. */
  height: number;
  width: number;
  /** In-plane pixel size (x = column, y = row) of the training slices, mm. */
  spacingMm: [number, number];
  /** Slice offsets fed as channels, in slice-index units: [0] for 2D, [-1, 0, 1] for 2.5D. */
  sliceOffsets: number[];
}

export interface ModelManifest {
  name: string;
  version: string;
  variant: ModelVariant;
  /** Weights file, relative to the manifest's URL. */
  file: string;
  /** Lower-case hex sha256 of the weights file. */
  sha256: string;
  bytes?: number;
  format: { kind: 'onnx'; opset: number };
  input: ModelInput;
  output: { name: string; meaning?: string };
  normalisation: ModelNormalisation;
  /** Defaults for post-processing: binarise at `binarisation`, drop regions under `minAreaPx`. */
  thresholds: { binarisation: number; minAreaPx: number };
  architecture?: { kind: string; widths?: number[]; parameters?: number };
  /** Free-form record of the training (data, command, time, machine, caveats). */
  training?: Record<string, unknown>;
  /** Free-form validation metrics. */
  validation?: Record<string, unknown>;
}

/** A manifest that cannot be used, with the field that is wrong named in the message. */
export class InvalidManifestError extends Error {
  constructor(source: string, problem: string) {
    super(`Model manifest ${source} is not usable: ${problem}.`);
    this.name = 'InvalidManifestError';
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Checks the parsed JSON of a manifest field by field; `source` names it in error messages. */
export function parseModelManifest(json: unknown, source: string): ModelManifest {
  const fail = (problem: string): never => {
    throw new InvalidManifestError(source, problem);
  };
  if (!isObject(json)) fail('it is not a JSON object');
  const manifest = json as Json;
  for (const key of ['name', 'version', 'file', 'sha256'] as const) {
    if (typeof manifest[key] !== 'string' || manifest[key] === '') fail(`"${key}" must be a non-empty string`);
  }
  if (!/^[0-9a-f]{64}$/.test(manifest.sha256 as string)) fail('"sha256" must be 64 lower-case hex digits');
  if (manifest.variant !== '2d' && manifest.variant !== '2.5d') fail('"variant" must be "2d" or "2.5d"');
  const format = manifest.format;
  if (!isObject(format) || format.kind !== 'onnx') fail('"format.kind" must be "onnx"');
  const input = manifest.input;
  if (!isObject(input)) return fail('"input" is missing');
  if (typeof input.name !== 'string') fail('"input.name" must be a string');
  if (input.layout !== 'NCHW') fail('"input.layout" must be "NCHW"');
  for (const key of ['channels', 'height', 'width'] as const) {
    if (!Number.isInteger(input[key]) || (input[key] as number) <= 0) fail(`"input.${key}" must be a positive integer`);
  }
  const spacing = input.spacingMm;
  if (!Array.isArray(spacing) || spacing.length !== 2 || !spacing.every(positiveNumber)) {
    fail('"input.spacingMm" must be two positive numbers (x, y in mm)');
  }
  const offsets = input.sliceOffsets;
  if (!Array.isArray(offsets) || offsets.length !== input.channels || !offsets.every(Number.isInteger)) {
    fail('"input.sliceOffsets" must list one integer slice offset per channel');
  }
  if (!isObject(manifest.output) || typeof manifest.output.name !== 'string') fail('"output.name" must be a string');
  const normalisation = manifest.normalisation;
  if (
    !isObject(normalisation) ||
    normalisation.kind !== 'liver-masked-clipped-suv' ||
    !positiveNumber(normalisation.clipSuv) ||
    !positiveNumber(normalisation.scale)
  ) {
    fail('"normalisation" must be {kind: "liver-masked-clipped-suv", clipSuv > 0, scale > 0}');
  }
  const thresholds = manifest.thresholds;
  if (
    !isObject(thresholds) ||
    !positiveNumber(thresholds.binarisation) ||
    (thresholds.binarisation as number) >= 1 ||
    typeof thresholds.minAreaPx !== 'number' ||
    (thresholds.minAreaPx as number) < 0
  ) {
    fail('"thresholds" must hold binarisation in (0, 1) and minAreaPx >= 0');
  }
  return manifest as unknown as ModelManifest;
}
