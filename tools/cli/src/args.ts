import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

/**
 * Option parsing and checking shared by the sub-commands. Every problem is a UsageError that
 * names the option and the value given, so main() prints it with the usage line and exits 2.
 */

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict parseArgs over a command's options: unknown options, missing values and (unless
 * `positionals` is set) stray words become UsageErrors carrying Node's own message.
 */
export function parseCommandArgs<const Options extends OptionsConfig>(args: string[], options: Options, settings: { positionals?: boolean } = {}) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: settings.positionals ?? false });
  } catch (error) {
    // Read .message without instanceof: errors from Node internals may come from another realm.
    const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : String(error);
    throw new UsageError(message);
  }
}

/** The value of a required option, or a UsageError saying `${label} is required` (label e.g. "--out DIR"). */
export function requiredOption(value: string | undefined, label: string): string {
  if (!value) throw new UsageError(`${label} is required`);
  return value;
}

/** The single positional argument, e.g. the DICOM folder (`what` names it in the messages). */
export function singlePositional(positionals: string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`the ${what} is missing`);
  if (positionals.length > 1) throw new UsageError(`one ${what} expected, got ${positionals.length}`);
  return positionals[0];
}

function rangeText(minimum: number, maximum: number | undefined): string {
  return maximum === undefined ? `≥ ${minimum}` : `between ${minimum} and ${maximum}`;
}

/**
 * A whole number written in digits (optionally negative), within [minimum, maximum]; undefined
 * when the option was not given.
 */
export function integerOption(name: string, text: string | undefined, minimum: number, maximum?: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be a whole number ${rangeText(minimum, maximum)}, got "${text}"`);
  const value = Number(text);
  if (value < minimum || (maximum !== undefined && value > maximum)) throw new UsageError(`--${name} must be ${rangeText(minimum, maximum)}, got ${value}`);
  return value;
}

/** A finite number ≥ minimum (decimals and exponents allowed); undefined when the option was not given. */
export function numberOption(name: string, text: string | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < minimum) throw new UsageError(`--${name} must be a number ${rangeText(minimum, undefined)}, got "${text}"`);
  return value;
}

/** One of a fixed set of words, or a UsageError listing them ("--split must be test, validation or all"). */
export function choiceOption<const Choice extends string>(name: string, value: string, choices: readonly Choice[]): Choice {
  if ((choices as readonly string[]).includes(value)) return value as Choice;
  const list = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : choices.join('');
  throw new UsageError(`--${name} must be ${list}, not "${value}"`);
}

/** Two options that exclude each other: a UsageError when both are given. */
export function notBoth(values: Record<string, unknown>, first: string, second: string): void {
  if (values[first] && values[second]) throw new UsageError(`give --${first} or --${second}, not both`);
}
