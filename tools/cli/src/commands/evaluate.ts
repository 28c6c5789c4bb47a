import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliCommand, UsageError } from '../command';
import { detect as runDetection, evaluateStudy, pasteIntoVolume, percistDetector, PAPER_FILTERS_PX, CORE_VERSION } from '../../../../extensions/dotatate-liver/src/core';
import type { DetectorStep, StudyEvaluation } from '../../../../extensions/dotatate-liver/src/core';
import { readTrainingExport } from '../io/readTrainingExport';
import { DicomInputError } from '../io/DicomInputError';
import { summarise, table2Markdown, lesionTableMarkdown, lineChartSvg } from '../io/evaluationReport';
import type { FilterRow } from '../io/evaluationReport';

const usage = 'dotatate-liver evaluate <cohort-folder> --out report-folder [--split test|validation|train|all] [--detector percist|unet|fusion] [--liver truth|automatic] [--filters 5,7,10,15,20]';
const REFERENCES = { truth: 'true lesions', gold: 'paper-style gold standard' } as const;

interface Split {
  train: string[];
  validation: string[];
  test: string[];
}

async function chooseDetector(name: string): Promise<DetectorStep> {
  const classical = percistDetector();
  if (name === 'percist') return classical;
  if (name === 'unet' || name === 'fusion') {
    const { createCliDetector } = require('../inference/nodeRuntime') as typeof import('../inference/nodeRuntime');
    return (await createCliDetector(name, classical)).detector;
  }
  throw new UsageError(`--detector must be percist, unet or fusion, not "${name}"`);
}

/** `dotatate-liver evaluate`: the paper's Table 2 for a detector on the phantom cohort. */
const evaluateCommand: CliCommand = {
  summary: "Runs a detector on a phantom cohort's split and writes Table-2-shaped Markdown, JSON and PR / FROC curves (SVG) against the true lesions and the paper-style gold standard.",
  usage,
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        strict: true,
        allowPositionals: true,
        options: {
          out: { type: 'string' },
          split: { type: 'string', default: 'test' },
          detector: { type: 'string', default: 'percist' },
          liver: { type: 'string', default: 'truth' },
          filters: { type: 'string' },
        },
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError('one cohort folder expected');
    if (!values.out) throw new UsageError('--out report-folder is required');
    const splitName = values.split ?? 'test';
    if (!['test', 'validation', 'train', 'all'].includes(splitName)) throw new UsageError(`--split must be test, validation, train or all, not "${splitName}"`);
    if (values.liver !== 'truth' && values.liver !== 'automatic') throw new UsageError(`--liver must be truth or automatic, not "${values.liver}"`);
    const filtersPx = values.filters ? values.filters.split(',').map(Number) : PAPER_FILTERS_PX;
    if (filtersPx.some((f) => !Number.isInteger(f) || f < 1)) throw new UsageError(`--filters must be whole numbers ≥ 1 separated by commas, not "${values.filters}"`);
    const detector = await chooseDetector(values.detector ?? 'percist');
    const cohort = positionals[0];

    let split: Split;
    try {
      split = JSON.parse(readFileSync(join(cohort, 'split.json'), 'utf8')) as Split;
    } catch (error) {
      console.error(`dotatate-liver evaluate: cannot read ${join(cohort, 'split.json')} (${error instanceof Error ? error.message : String(error)}); make a cohort with \`dotatate-liver cohort --out DIR\`.`);
      return 1;
    }
    const names = splitName === 'all' ? [...split.train, ...split.validation, ...split.test] : split[splitName as keyof Split];
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
      const result = await runDetection({ pet: study.pet, liverMask: values.liver === 'truth' ? study.liver : undefined }, { filterPx: 1, steps: { detector } });
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
    mkdirSync(values.out, { recursive: true });
    const command = `dotatate-liver evaluate ${cohort} --split ${splitName} --detector ${detector.name} --liver ${values.liver} --out ${values.out}`;
    const report = {
      command,
      cohort,
      split: splitName,
      studies: names.length,
      detector: { name: detector.name, version: detector.version, parameters: detector.parameters },
      liver: values.liver,
      coreVersion: CORE_VERSION,
      protocol: 'per axial slice: predicted 2D region (binarised at 0.05, 8-connected, area ≥ filter) is a TP when IoU > 0.05 with a reference region; lesion level: 2D regions linked across slices, 3D IoU > 0.05',
      seconds,
      results: Object.fromEntries(Object.entries(rows).map(([key, list]) => [key, list.map(({ prCurve: _pr, froc: _froc, ...row }) => row)])),
    };
    writeFileSync(join(values.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    for (const key of Object.keys(REFERENCES) as (keyof typeof REFERENCES)[]) {
      writeFileSync(join(values.out, `pr-${key}.svg`), lineChartSvg(`PR, ${detector.name} vs ${REFERENCES[key]}`, 'recall (sensitivity)', 'precision (PPV)', curves(rows[key], (row) => row.prCurve.map((p) => [p.recall, p.precision]))));
      const maxFp = Math.max(1, ...rows[key].flatMap((row) => row.froc.map((p) => p.falsePositivesPerStudy)).filter(Number.isFinite));
      writeFileSync(join(values.out, `froc-${key}.svg`), lineChartSvg(`FROC, ${detector.name} vs ${REFERENCES[key]}`, 'false positives per study', 'lesion sensitivity', curves(rows[key], (row) => row.froc.map((p) => [p.falsePositivesPerStudy, p.sensitivity])), Math.ceil(maxFp)));
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
    writeFileSync(join(values.out, 'report.md'), markdown);
    console.log(markdown);
    console.log(`${names.length} studies in ${seconds.toFixed(1)} s → ${values.out}`);
    return 0;
  },
};

function curves(rows: FilterRow[], points: (row: FilterRow) => [number, number][]) {
  return rows.map((row) => ({ name: `filter ${row.filterPx} px`, points: points(row) }));
}

export default evaluateCommand;
