import { integerOption, notBoth, numberOption, parseCommandArgs, requiredOption, singlePositional } from '../args';
import { CliCommand } from '../command';
import { detect as runDetection, toDetectionJson, LiverNotFoundError, radiopharmaceuticalFromDataset, tracerCaution } from 'ohif-extension-dotatate-liver/src/core';
import type { LiverCheck, MaskVolume } from 'ohif-extension-dotatate-liver/src/core';
import { describeSkippedLinks, describeUnreadable, scanDicomFolder, unreadableLines, unreadableNames } from '../io/scanDicomFolder';
import { choosePetSeries } from '../io/petSeries';
import { buildPetVolume } from '../io/buildPetVolume';
import { petIdentityOf, readLiverSeg } from '../io/readLiverSeg';
import { checkOutputPath, writeFilesAtomically } from '../io/outputFiles';
import { DicomInputError } from '../io/DicomInputError';
import { chooseDetector, detectorOption, liverInputs, liverOptions } from './detectorOptions';

const usage =
  'dotatate-liver detect <dicom-folder> --out result.json [--detector percist|unet|fusion] [--filter-px N | --filter-mm2 A] [--liver-seg seg.dcm | --liver-seed x,y,z] [--series UID] [--skip-unreadable] [--quiet]';

/** Progress on stderr, one line per stage (stdout stays for the summary). */
function progressPrinter(quiet: boolean) {
  let last = '';
  return (stage: string) => {
    if (quiet || stage === last) return;
    last = stage;
    process.stderr.write(`  ${stage}\n`);
  };
}

const LIVER_HELP = 'On the command line: --liver-seed x,y,z (a point inside the liver, LPS mm) or --liver-seg seg.dcm.';

/** One line per check, so the reader sees every measurement beside its limit. */
function checkLines(checks: LiverCheck[]): string {
  return checks.map((check) => `  ${check.passed ? 'ok    ' : 'FAILED'} ${check.name}: ${check.text}`).join('\n');
}

/** `dotatate-liver detect`: liver lesion candidates of one PET series, written as result.json. */
const detectCommand: CliCommand = {
  summary: 'Detects liver lesion candidates on a PET series in a DICOM folder and writes result.json (schema: docs/detection.md).',
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        out: { type: 'string' },
        ...detectorOption,
        'filter-px': { type: 'string' },
        'filter-mm2': { type: 'string' },
        ...liverOptions,
        series: { type: 'string' },
        'skip-unreadable': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
      },
      { positionals: true },
    );
    const folder = singlePositional(positionals, 'DICOM folder');
    const out = requiredOption(values.out, '--out result.json');
    // Before any work: a bad --out would otherwise surface only after the whole detection.
    checkOutputPath(out, '--out');
    notBoth(values, 'filter-px', 'filter-mm2');
    const { liverSegFile, liverSeedLPS } = liverInputs(values);
    const filterPx = integerOption('filter-px', values['filter-px'], 1);
    const filterMm2 = numberOption('filter-mm2', values['filter-mm2'], 0);
    const detector = await chooseDetector(values.detector);
    const say = (text: string) => values.quiet || console.error(text);

    try {
      const scan = scanDicomFolder(folder);
      const links = describeSkippedLinks(scan, folder);
      if (links) say(`Note: ${links}`);
      if (scan.unreadable.length) {
        // A file we cannot read may be a slice of the PET: failing is the safe default.
        if (!values['skip-unreadable']) throw new DicomInputError(`${describeUnreadable(scan.unreadable, folder)}\nRemove them, or pass --skip-unreadable to go on without them.`);
        say(`Warning: skipping ${scan.unreadable.length} unreadable file(s):\n${unreadableLines(scan.unreadable)}`);
      }
      const series = choosePetSeries(scan.files, folder, values.series);
      const { pet, suv } = buildPetVolume(series.files);
      const unitsReason = suv.units === 'relative' ? suv.reason : null;
      if (unitsReason) say(`Warning: ${unitsReason}. Running in relative units (flagged in the result).`);
      // The tracer is read where the SUV headers are: the first slice's radiopharmaceutical item.
      const radiopharmaceutical = radiopharmaceuticalFromDataset(series.files[0].dataset);
      const caution = tracerCaution(radiopharmaceutical);
      if (caution) say(`Warning: ${caution}`);
      const liverMask: MaskVolume | undefined = liverSegFile ? readLiverSeg(liverSegFile, pet, petIdentityOf(series.files[0].dataset)) : undefined;
      const started = performance.now();
      const result = await runDetection({ pet, liverMask, liverSeedLPS, radiopharmaceutical }, { filterPx, filterMm2, steps: { detector }, onProgress: progressPrinter(values.quiet) });
      if (result.liverCheck.status === 'failed') {
        // No result.json: an empty lesion list would read as "no lesions" to whatever comes next.
        console.error(`dotatate-liver detect: ${result.liverCheck.message}\n${checkLines(result.liverCheck.checks)}\n${LIVER_HELP}`);
        return 1;
      }
      const json = toDetectionJson(result, pet, unitsReason);
      if (scan.unreadable.length) json.warnings.push(`Skipped unreadable files: ${unreadableNames(scan.unreadable)}`);
      if (links) json.warnings.push(links);
      writeFilesAtomically([{ path: out, contents: `${JSON.stringify(json, null, 2)}\n` }]);
      console.log(
        `${json.lesions.length} lesion candidate(s) in ${series.files.length} slices (${json.units}); liver ${json.liver.volumeMl.toFixed(0)} ml (${json.liver.source}); ` +
          `threshold ${json.reference.threshold.toFixed(2)}; ${((performance.now() - started) / 1000).toFixed(2)} s → ${out}`,
      );
      return 0;
    } catch (error) {
      if (error instanceof LiverNotFoundError) {
        console.error(`dotatate-liver detect: ${error.message}\n${LIVER_HELP}`);
        return 1;
      }
      if (error instanceof DicomInputError) {
        console.error(`dotatate-liver detect: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};

export default detectCommand;
