import { generateStudy, writeStudyFiles } from 'dotatate-liver-phantom';
import { integerOption, parseCommandArgs, requiredOption } from '../args';
import { CliCommand } from '../command';
import { parseParameterOptions, parseSeedOption, phantomOptions, writeOutputFolder } from './phantomOptions';

const usage =
  'dotatate-liver phantom --seed N --out DIR [--lesions K] [--no-dicom] [--contact-sheet] [--param name=value ...]';

/** `dotatate-liver phantom`: one synthetic 68Ga-DOTATATE PET/CT study with its truth. */
const phantom: CliCommand = {
  summary:
    'Writes one synthetic 68Ga-DOTATATE PET/CT study: DICOM PET, CT and truth SEG (DIR/dicom), the training export (DIR/training), truth.json, and optionally contact-sheet.png.',
  usage,
  async run(args) {
    const { values } = parseCommandArgs(args, {
      ...phantomOptions,
      lesions: { type: 'string' },
      'no-dicom': { type: 'boolean', default: false },
    });
    const out = requiredOption(values.out, '--out DIR');
    const seed = parseSeedOption(values.seed);
    const lesionCount = integerOption('lesions', values.lesions, 0, 9);
    const parameters = parseParameterOptions(values.param);
    const dicom = !values['no-dicom'];
    const started = Date.now();
    const truth = await writeOutputFolder(out, (folder) => {
      const study = generateStudy({ seed, lesionCount, parameters, withCt: dicom });
      return writeStudyFiles(study, folder, { dicom, contactSheet: values['contact-sheet'] });
    });
    const above = truth.lesions.filter((lesion) => lesion.aboveThreshold).length;
    console.log(
      `Wrote study seed ${seed} to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${truth.lesions.length} lesions (${above} above the PERCIST threshold ${truth.reference.threshold.toFixed(2)}), ` +
        `liver ${truth.liver.volumeMl.toFixed(0)} ml over ${truth.liver.sliceCount} slices, liver SUVmean ${truth.liver.measuredSuvMean.toFixed(2)}.`,
    );
    return 0;
  },
};

export default phantom;
