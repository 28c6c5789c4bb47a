import { writeCohort } from 'dotatate-liver-phantom';
import { integerOption, parseCommandArgs, requiredOption } from '../args';
import { CliCommand } from '../command';
import { parseParameterOptions, parseSeedOption, phantomOptions, writeOutputFolder } from './phantomOptions';

const usage = 'dotatate-liver cohort --out DIR [--count N] [--seed S] [--dicom] [--contact-sheet] [--param name=value ...]';

/** A progress bar on stderr (stdout stays clean for the summary). */
function progressBar(done: number, total: number, started: number): void {
  const width = 30;
  const filled = Math.round((width * done) / total);
  const elapsed = (Date.now() - started) / 1000;
  const remaining = done ? (elapsed / done) * (total - done) : 0;
  const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} studies, ${elapsed.toFixed(0)} s, ~${remaining.toFixed(0)} s left`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
  if (done === total && process.stderr.isTTY) process.stderr.write('\n');
}

/** `dotatate-liver cohort`: the paper-like cohort of synthetic studies with a fixed split. */
const cohort: CliCommand = {
  summary:
    'Writes a cohort of synthetic studies (default 125, 58 abnormal, split 75/25/25 as in the paper): one folder per study with its training export and truth, and split.json. DICOM on request.',
  usage,
  async run(args) {
    const { values } = parseCommandArgs(args, {
      ...phantomOptions,
      count: { type: 'string' },
      dicom: { type: 'boolean', default: false },
    });
    const out = requiredOption(values.out, '--out DIR');
    const count = integerOption('count', values.count, 1, 10000) ?? 125;
    const seed = parseSeedOption(values.seed);
    const parameters = parseParameterOptions(values.param);
    const started = Date.now();
    const split = await writeOutputFolder(out, (folder) =>
      writeCohort(folder, {
        count,
        seed,
        dicom: values.dicom,
        contactSheet: values['contact-sheet'],
        parameters,
        onProgress: (done, total) => progressBar(done, total, started),
      }),
    );
    const abnormal = split.studies.filter((study) => study.lesionCount > 0).length;
    console.log(
      `Wrote ${count} studies (${abnormal} abnormal) to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `split ${split.train.length}/${split.validation.length}/${split.test.length} (train/validation/test) in split.json.`,
    );
    return 0;
  },
};

export default cohort;
