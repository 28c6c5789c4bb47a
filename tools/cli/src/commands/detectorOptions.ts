import { percistDetector } from 'ohif-extension-dotatate-liver/src/core';
import type { DetectorStep, Vec3 } from 'ohif-extension-dotatate-liver/src/core';
import { choiceOption, notBoth } from '../args';
import { UsageError } from '../command';

/** Option groups shared by the commands that run the detection (detect, evaluate, report). */

export const DETECTOR_NAMES = ['percist', 'unet', 'fusion'] as const;

/** `--detector percist|unet|fusion`, percist by default. */
export const detectorOption = {
  detector: { type: 'string', default: 'percist' },
} as const;

/** `--liver-seg seg.dcm | --liver-seed x,y,z`: where the liver is when the automatic mask is not wanted. */
export const liverOptions = {
  'liver-seg': { type: 'string' },
  'liver-seed': { type: 'string' },
} as const;

/** The detector step named by --detector; the U-Net runtimes are loaded only when asked for. */
export async function chooseDetector(name: string | undefined): Promise<DetectorStep> {
  const chosen = choiceOption('detector', name ?? 'percist', DETECTOR_NAMES);
  const classical = percistDetector();
  if (chosen === 'percist') return classical;
  // Required here, not imported at the top, so the classical path never needs onnxruntime.
  const { createCliDetector } = require('../inference/nodeRuntime') as typeof import('../inference/nodeRuntime');
  return (await createCliDetector(chosen, classical)).detector;
}

/** A liver seed point `x,y,z` (LPS mm), or undefined when --liver-seed was not given. */
export function parseLiverSeed(text: string | undefined): Vec3 | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map(Number);
  if (parts.length !== 3 || parts.some((v) => !Number.isFinite(v))) throw new UsageError(`--liver-seed must be three numbers x,y,z (LPS mm), not "${text}"`);
  return parts as Vec3;
}

/** The checked liver options: a SEG file to read, or a seed point, or neither (automatic). */
export function liverInputs(values: { 'liver-seg'?: string; 'liver-seed'?: string }): { liverSegFile: string | undefined; liverSeedLPS: Vec3 | undefined } {
  notBoth(values, 'liver-seg', 'liver-seed');
  return { liverSegFile: values['liver-seg'], liverSeedLPS: parseLiverSeed(values['liver-seed']) };
}
