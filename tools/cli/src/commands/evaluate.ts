import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { choiceOption, parseCommandArgs, requiredOption, singlePositional } from '../args';
import { CliCommand, UsageError } from '../command';
import { detect as runDetection, evaluateStudy, pasteIntoVolume, PAPER_FILTERS_PX, CORE_VERSION } from 'ohif-extension-dotatate-liver/src/core';
import type { StudyEvaluation } from 'ohif-extension-dotatate-liver/src/core';
import { readTrainingExport } from '../io/readTrainingExport';
import { DicomInputError } from '../io/DicomInputError';
import { summarise, table2Markdown, lesionTableMarkdown, lineChartSvg } from '../io/evaluationReport';
import type { FilterRow } from '../io/evaluationReport';
import { chooseDetector, detectorOption } from './detectorOptions';

const usage = 'dotatate-liver evaluate <cohort-folder> --out report-folder [--split test|validation|train|all] [--detector percist|unet|fusion] [--liver truth|automatic] [--filters 5,7,10,15,20]';
const REFERENCES = { truth: 'true lesions', gold: 'paper-style gold standard' } as const;

interface Split {
  train: string[];
  validation: string[];
  test: string[];
}

/** `dotatate-liver evaluate`: the paper's Table 2 for a detector on the phantom cohort. */
const evaluateCommand: CliCommand = {
  summary: "Runs a detector on a phantom cohort's split and writes Table-2-shaped Markdown, JSON and PR / FROC curves (SVG) against the true lesions and the paper-style gold standard.",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        out: { type: 'string' },
        split: { type: 'string', default: 'test' },
        ...detectorOption,
        liver: { type: 'string', default: 'truth' },
        filters: { type: 'string' },
      },
      { positionals: true },
    );
    const cohort = singlePositional(positionals, 'cohort folder');
    const out = requiredOption(values.out, '--out report-folder');
    const splitName = choiceOption('split', values.split, ['test', 'validation', 'train', 'all']);
    const liver = choiceOption('liver', values.liver, ['truth', 'automatic']);
    const filtersPx = values.filters ? values.filters.split(',').map(Number) : PAPER_FILTERS_PX;
    if (filtersPx.some((f) => !Number.isInteger(f) || f < 1)) throw new UsageError(`--filters must be whole numbers ≥ 1 separated by commas, not "${values.filters}"`);
    const detector = await chooseDetector(values.detector);

    let split: Split;
    try {
      split = JSON.parse(readFileSync(join(cohort, 'split.json'), 'utf8')) as Split;
    } catch (error) {
      console.error(`dotatate-liver evaluate: cannot read ${join(cohort, 'split.json')} (${error instanceof Error ? error.message : String(error)}); make a cohort with \`dotatate-liver cohort --out DIR\`.`);
      return 1;
    }
    const names = splitName === 'all' ? [...split.train, ...split.validation, ...split.test] : split[splitName];
    if (!names?.length) {
      console.error(`dotatate-liver evaluate: the ${splitName} split of ${cohort} is empty.`);
      return 1;
    }

    const perStudy: Record<keyof typeof REFERENCES, StudyEvaluation[][]> = { truth: [], gold: [] };
    const started = performance.now();
    for (const [n, name] of names.entries()) {
      let study;
      try {
        study = readTrainingExport(join(cohort, name), name);
      } catch (error) {
        if (error instanceof DicomInputError) {
          console.error(`dotatate-liver evaluate: ${error.message}`);
          return 1;
        }
        throw error;
      }
      // Filters are applied by the evaluation, so the detector's own filter is off (1 px).
      const result = await runDetection({ pet: study.pet, liverMask: liver === 'truth' ? study.liver : undefined }, { filterPx: 1, steps: { detector } });
      const map = pasteIntoVolume({ ...result.cropGeometry, direction: study.pet.direction, voxels: result.scoreMap }, result.crop, {
        ...study.pet,
        voxels: new Float32Array(study.pet.voxels.length),
      });
      perStudy.truth.push(evaluateStudy(map, study.lesions.voxels, study.pet.dimensions, { filtersPx }));
      perStudy.gold.push(evaluateStudy(map, study.gold.voxels, study.pet.dimensions, { filtersPx }));
      process.stderr.write(`  ${n + 1}/${names.length} ${name}: ${result.lesions.length} candidate(s)\n`);
    }
    const seconds = (performance.now() - started) / 1000;

    const rows = { truth: summarise(perStudy.truth), gold: summarise(perStudy.gold) };
    mkdirSync(out, { recursive: true });
    const command = `dotatate-liver evaluate ${cohort} --split ${splitName} --detector ${detector.name} --liver ${liver} --out ${out}`;
    const report = {
      command,
      cohort,
      split: splitName,
      studies: names.length,
      detector: { name: detector.name, version: detector.version, parameters: detector.parameters },
      liver,
      coreVersion: CORE_VERSION,
      protocol: 'per axial slice: predicted 2D region (binarised at 0.05, 8-connected, area ≥ filter) is a TP when IoU > 0.05 with a reference region; lesion level: 2D regions linked across slices, 3D IoU > 0.05',
      seconds,
      results: Object.fromEntries(Object.entries(rows).map(([key, list]) => [key, list.map(({ prCurve: _pr, froc: _froc, ...row }) => row)])),
    };
    writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    for (const key of Object.keys(REFERENCES) as (keyof typeof REFERENCES)[]) {
      writeFileSync(join(out, `pr-${key}.svg`), lineChartSvg(`PR, ${detector.name} vs ${REFERENCES[key]}`, 'recall (sensitivity)', 'precision (PPV)', curves(rows[key], (row) => row.prCurve.map((p) => [p.recall, p.precision]))));
      const maxFp = Math.max(1, ...rows[key].flatMap((row) => row.froc.map((p) => p.falsePositivesPerStudy)).filter(Number.isFinite));
      writeFileSync(join(out, `froc-${key}.svg`), lineChartSvg(`FROC, ${detector.name} vs ${REFERENCES[key]}`, 'false positives per study', 'lesion sensitivity', curves(rows[key], (row) => row.froc.map((p) => [p.falsePositivesPerStudy, p.sensitivity])), Math.ceil(maxFp)));
    }
    const markdown = [
      `# ${detector.name} detector on the ${splitName} split (${names.length} studies)`,
      '',
      `Command: \`${command}\``,
      '',
      ...(Object.keys(REFERENCES) as (keyof typeof REFERENCES)[]).flatMap((key) => [
        `## Against the ${REFERENCES[key]}: per-slice protocol (paper's Table 2)`,
        '',
        table2Markdown(rows[key]),
        '',
        `## Against the ${REFERENCES[key]}: lesion level (3D)`,
        '',
        lesionTableMarkdown(rows[key]),
        '',
        `PR curves: pr-${key}.svg; FROC: froc-${key}.svg.`,
        '',
      ]),
    ].join('\n');
    writeFileSync(join(out, 'report.md'), markdown);
    console.log(markdown);
    console.log(`${names.length} studies in ${seconds.toFixed(1)} s → ${out}`);
    return 0;
  },
};

function curves(rows: FilterRow[], points: (row: FilterRow) => [number, number][]) {
  return rows.map((row) => ({ name: `filter ${row.filterPx} px`, points: points(row) }));
}

export default evaluateCommand;
