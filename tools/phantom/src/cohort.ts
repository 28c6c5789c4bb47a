import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CohortEntry, planCohort, SplitName } from './cohortDesign';
import type { PhantomParameters } from './parameters';
import { generateStudy } from './study';
import { writeStudyFiles } from './writeStudy';

export interface CohortOptions {
  count: number;
  seed: number;
  dicom: boolean;
  contactSheet: boolean;
  parameters?: Partial<PhantomParameters>;
  /** Called after each study with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** split.json: which studies train, validate and test the model. */
export interface CohortSplit {
  seed: number;
  count: number;
  studies: Array<Pick<CohortEntry, 'name' | 'seed' | 'lesionCount' | 'split'>>;
  train: string[];
  validation: string[];
  test: string[];
}

/**
 * Writes a whole cohort into `folder`: one sub-folder per study (see writeStudyFiles) and
 * split.json. The training export is always written; DICOM only on request (it dominates time
 * and space).
 */
export function writeCohort(folder: string, options: CohortOptions): CohortSplit {
  const plan = planCohort(options.count, options.seed);
  plan.forEach((entry, n) => {
    const study = generateStudy({ seed: entry.seed, lesionCount: entry.lesionCount, parameters: options.parameters, withCt: options.dicom });
    const studyFolder = join(folder, entry.name);
    mkdirSync(studyFolder);
    writeStudyFiles(study, studyFolder, { dicom: options.dicom, contactSheet: options.contactSheet });
    options.onProgress?.(n + 1, plan.length);
  });
  const names = (split: SplitName): string[] => plan.filter((entry) => entry.split === split).map((entry) => entry.name);
  const split: CohortSplit = {
    seed: options.seed,
    count: options.count,
    studies: plan.map(({ name, seed, lesionCount, split: part }) => ({ name, seed, lesionCount, split: part })),
    train: names('train'),
    validation: names('validation'),
    test: names('test'),
  };
  writeFileSync(join(folder, 'split.json'), `${JSON.stringify(split, null, 2)}\n`);
  return split;
}
