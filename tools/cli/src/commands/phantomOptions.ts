import { OutputFolderError, ParameterError, parseParameterAssignments, PhantomParameters, resolveParameters, writeAtomically } from 'dotatate-liver-phantom';
import { integerOption } from '../args';
import { UsageError } from '../command';

/** Options shared by the commands that generate synthetic studies (phantom, cohort). */
export const phantomOptions = {
  out: { type: 'string' },
  seed: { type: 'string' },
  'contact-sheet': { type: 'boolean', default: false },
  param: { type: 'string', multiple: true },
} as const;

/** --seed: a whole number in [0, 2³¹ − 1], 1 when not given. */
export function parseSeedOption(text: string | undefined): number {
  return integerOption('seed', text, 0, 2 ** 31 - 1) ?? 1;
}

/** The --param name=value overrides, checked against the parameters' ranges. */
export function parseParameterOptions(assignments: string[] | undefined): Partial<PhantomParameters> {
  try {
    const overrides = parseParameterAssignments(assignments ?? []);
    resolveParameters(overrides);
    return overrides;
  } catch (error) {
    if (error instanceof ParameterError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Writes into a new output folder all at once (see writeAtomically); a folder that exists and is
 * not empty, or cannot be made, is the user's to fix, so it becomes a UsageError.
 */
export async function writeOutputFolder<T>(folder: string, write: (staging: string) => T | Promise<T>): Promise<T> {
  try {
    return await writeAtomically(folder, write);
  } catch (error) {
    if (error instanceof OutputFolderError) throw new UsageError(error.message);
    throw error;
  }
}
