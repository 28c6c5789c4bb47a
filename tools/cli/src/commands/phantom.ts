import { parseArgs } from 'node:util';
import {
  generateStudy,
  OutputFolderError,
  ParameterError,
  parseParameterAssignments,
  PhantomParameters,
  resolveParameters,
  writeAtomically,
  writeStudyFiles,
} from 'dotatate-liver-phantom';
import { CliCommand, UsageError } from '../command';

// Option helpers shared with the cohort command.

/** A whole non-negative number from a CLI option, or a UsageError naming the option. */
export function parseCount(option: string, text: string | undefined, fallback: number, minimum: number, maximum: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${option} must be a whole number, got "${text}"`);
  const value = Number(text);
  if (value < minimum || value > maximum) throw new UsageError(`--${option} must be between ${minimum} and ${maximum}, got ${value}`);
  return value;
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

/** Converts parseArgs' own errors (unknown option, missing value) into UsageErrors. */
export function asUsageError(error: unknown): never {
  if (error instanceof UsageError) throw error;
  // Read .message without instanceof: errors from Node internals may come from another realm.
  const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : String(error);
  throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''));
}

const usage =
  'dotatate-liver phantom --seed N --out DIR [--lesions K] [--no-dicom] [--contact-sheet] [--param name=value ...]';

/** `dotatate-liver phantom`: one synthetic 68Ga-DOTATATE PET/CT study with its truth. */
const phantom: CliCommand = {
  summary:
    'Writes one synthetic 68Ga-DOTATATE PET/CT study: DICOM PET, CT and truth SEG (DIR/dicom), the training export (DIR/training), truth.json, and optionally contact-sheet.png.',
  usage,
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        strict: true,
        allowPositionals: false,
        options: {
          seed: { type: 'string' },
          out: { type: 'string' },
          lesions: { type: 'string' },
          'no-dicom': { type: 'boolean', default: false },
          'contact-sheet': { type: 'boolean', default: false },
          param: { type: 'string', multiple: true },
        },
      });
    } catch (error) {
      asUsageError(error);
    }
    const { values } = parsed;
    if (!values.out) throw new UsageError('--out DIR is required');
    const seed = parseCount('seed', values.seed, 1, 0, 2 ** 31 - 1);
    const lesionCount = values.lesions === undefined ? undefined : parseCount('lesions', values.lesions, 0, 0, 9);
    const parameters = parseParameterOptions(values.param);
    const dicom = !values['no-dicom'];
    const started = Date.now();
    try {
      const truth = await writeAtomically(values.out, (folder) => {
        const study = generateStudy({ seed, lesionCount, parameters, withCt: dicom });
        return writeStudyFiles(study, folder, { dicom, contactSheet: values['contact-sheet'] });
      });
      const above = truth.lesions.filter((lesion) => lesion.aboveThreshold).length;
      console.log(
        `Wrote study seed ${seed} to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `${truth.lesions.length} lesions (${above} above the PERCIST threshold ${truth.reference.threshold.toFixed(2)}), ` +
          `liver ${truth.liver.volumeMl.toFixed(0)} ml over ${truth.liver.sliceCount} slices, liver SUVmean ${truth.liver.measuredSuvMean.toFixed(2)}.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof OutputFolderError) throw new UsageError(error.message);
      throw error;
    }
  },
};

export default phantom;
