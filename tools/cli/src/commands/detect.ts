import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliCommand, UsageError } from '../command';
import { detect as runDetection, percistDetector, toDetectionJson, LiverNotFoundError } from '../../../../extensions/dotatate-liver/src/core';
import type { DetectorStep, Vec3, MaskVolume } from '../../../../extensions/dotatate-liver/src/core';
import { scanDicomFolder } from '../io/scanDicomFolder';
import { choosePetSeries } from '../io/petSeries';
import { buildPetVolume } from '../io/buildPetVolume';
import { readLiverSeg } from '../io/readLiverSeg';
import { DicomInputError } from '../io/DicomInputError';

const usage =
  'dotatate-liver detect <dicom-folder> --out result.json [--detector percist|unet|fusion] [--filter-px N | --filter-mm2 A] [--liver-seg seg.dcm | --liver-seed x,y,z] [--series UID] [--skip-unreadable] [--quiet]';

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        detector: { type: 'string', default: 'percist' },
        'filter-px': { type: 'string' },
        'filter-mm2': { type: 'string' },
        'liver-seg': { type: 'string' },
        'liver-seed': { type: 'string' },
        series: { type: 'string' },
        'skip-unreadable': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function positiveNumber(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < (integer ? 1 : 0) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number ≥ 1' : 'a number ≥ 0'}, not "${text}"`);
  }
  return value;
}

function parseSeed(text: string | undefined): Vec3 | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map(Number);
  if (parts.length !== 3 || parts.some((v) => !Number.isFinite(v))) throw new UsageError(`--liver-seed must be three numbers x,y,z (LPS mm), not "${text}"`);
  return parts as Vec3;
}

/** Progress on stderr, one line per stage (stdout stays for the summary). */
function progressPrinter(quiet: boolean) {
  let last = '';
  return (stage: string) => {
    if (quiet || stage === last) return;
    last = stage;
    process.stderr.write(`  ${stage}\n`);
  };
}

async function chooseDetector(name: string): Promise<DetectorStep> {
  const classical = percistDetector();
  if (name === 'percist') return classical;
  if (name === 'unet' || name === 'fusion') {
    // Loaded only when asked for, so the classical path never needs onnxruntime.
    const { createCliDetector } = require('../inference/nodeRuntime') as typeof import('../inference/nodeRuntime');
    return (await createCliDetector(name, classical)).detector;
  }
  throw new UsageError(`--detector must be percist, unet or fusion, not "${name}"`);
}

/** `dotatate-liver detect`: liver lesion candidates of one PET series, written as result.json. */
const detectCommand: CliCommand = {
  summary: 'Detects liver lesion candidates on a PET series in a DICOM folder and writes result.json (schema: docs/detection.md).',
  usage,
  async run(args) {
    const { values, positionals } = parseOptions(args);
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `one DICOM folder expected, got ${positionals.length}` : 'the DICOM folder is missing');
    if (!values.out) throw new UsageError('--out result.json is required');
    if (values['filter-px'] && values['filter-mm2']) throw new UsageError('give --filter-px or --filter-mm2, not both');
    if (values['liver-seg'] && values['liver-seed']) throw new UsageError('give --liver-seg or --liver-seed, not both');
    const filterPx = positiveNumber('filter-px', values['filter-px'], true);
    const filterMm2 = positiveNumber('filter-mm2', values['filter-mm2'], false);
    const liverSeedLPS = parseSeed(values['liver-seed']);
    const detector = await chooseDetector(values.detector ?? 'percist');
    const folder = positionals[0];
    const say = (text: string) => values.quiet || console.error(text);

    try {
      const scan = scanDicomFolder(folder);
      if (scan.unreadable.length) {
        const list = scan.unreadable.map((file) => `  ${file.path}: ${file.reason}`).join('\n');
        // A file we cannot read may be a slice of the PET: failing is the safe default.
        if (!values['skip-unreadable']) throw new DicomInputError(`${scan.unreadable.length} file(s) in ${folder} cannot be read:\n${list}\nRemove them, or pass --skip-unreadable to go on without them.`);
        say(`Warning: skipping ${scan.unreadable.length} unreadable file(s):\n${list}`);
      }
      const series = choosePetSeries(scan.files, folder, values.series);
      const { pet, suv } = buildPetVolume(series.files);
      const unitsReason = suv.units === 'relative' ? suv.reason : null;
      if (unitsReason) say(`Warning: ${unitsReason}. Running in relative units (flagged in the result).`);
      const liverMask: MaskVolume | undefined = values['liver-seg'] ? readLiverSeg(values['liver-seg'], pet) : undefined;
      const started = performance.now();
      const result = await runDetection({ pet, liverMask, liverSeedLPS }, { filterPx, filterMm2, steps: { detector }, onProgress: progressPrinter(values.quiet) });
      const json = toDetectionJson(result, pet, unitsReason);
      if (scan.unreadable.length) json.warnings.push(`Skipped unreadable files: ${scan.unreadable.map((file) => file.path).join(', ')}`);
      writeFileSync(values.out, `${JSON.stringify(json, null, 2)}\n`);
      console.log(
        `${json.lesions.length} lesion candidate(s) in ${series.files.length} slices (${json.units}); liver ${json.liver.volumeMl.toFixed(0)} ml (${json.liver.source}); ` +
          `threshold ${json.reference.threshold.toFixed(2)}; ${((performance.now() - started) / 1000).toFixed(2)} s → ${values.out}`,
      );
      return 0;
    } catch (error) {
      if (error instanceof LiverNotFoundError) {
        console.error(`dotatate-liver detect: ${error.message}\nOn the command line: --liver-seed x,y,z (a point inside the liver, LPS mm) or --liver-seg seg.dcm.`);
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
