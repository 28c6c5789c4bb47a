import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ctSlice } from './dicom/ctSeries';
import { encodeDicomFile } from './dicom/dcmjs';
import { petSlice } from './dicom/petSeries';
import { truthSegmentation } from './dicom/segObject';
import { studyUids } from './dicom/uids';
import { renderContactSheet } from './export/contactSheet';
import { writeTrainingExport } from './export/training';
import { buildTruth, Truth } from './export/truth';
import type { Study } from './study';

export interface StudyOutputOptions {
  /** Write DICOM PET, CT and truth SEG (the study must have been generated with CT). */
  dicom: boolean;
  contactSheet: boolean;
}

/** Raised when an output folder cannot be used; the message says why. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/**
 * Writes one study into `folder` (which must exist): dicom/PT/*.dcm, dicom/CT/*.dcm,
 * dicom/SEG/truth-seg.dcm, training/ (raw volumes + meta.json), truth.json and, on request,
 * contact-sheet.png. Returns the truth summary.
 */
export function writeStudyFiles(study: Study, folder: string, options: StudyOutputOptions): Truth {
  if (options.dicom) {
    const uids = studyUids(study.seed);
    const slices = study.petGrid.dimensions[2];
    const width = String(slices).length;
    const name = (slice: number): string => `${String(slices - slice).padStart(width, '0')}.dcm`;
    for (const modality of ['PT', 'CT', 'SEG']) mkdirSync(join(folder, 'dicom', modality), { recursive: true });
    for (let slice = 0; slice < slices; slice++) {
      writeFileSync(join(folder, 'dicom', 'PT', name(slice)), encodeDicomFile(petSlice(study, uids, slice)));
      writeFileSync(join(folder, 'dicom', 'CT', name(slice)), encodeDicomFile(ctSlice(study, uids, slice)));
    }
    writeFileSync(join(folder, 'dicom', 'SEG', 'truth-seg.dcm'), encodeDicomFile(truthSegmentation(study, uids)));
  }
  mkdirSync(join(folder, 'training'), { recursive: true });
  writeTrainingExport(study, join(folder, 'training'));
  const truth = buildTruth(study);
  writeFileSync(join(folder, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  if (options.contactSheet) writeFileSync(join(folder, 'contact-sheet.png'), renderContactSheet(study));
  return truth;
}

/**
 * Runs `fill` on a fresh temporary folder beside `target` and renames it to `target` only when
 * `fill` succeeds, so a failure never leaves a half-written output. Refuses a `target` that is a
 * file or a non-empty folder (nothing is overwritten).
 */
export async function writeAtomically<T>(target: string, fill: (temporaryFolder: string) => Promise<T> | T): Promise<T> {
  const absolute = resolve(target);
  if (existsSync(absolute)) {
    if (!statSync(absolute).isDirectory()) throw new OutputFolderError(`${target} exists and is not a folder`);
    if (readdirSync(absolute).length > 0) throw new OutputFolderError(`${target} is not empty; choose a new or empty folder (nothing was overwritten)`);
  }
  const parent = dirname(absolute);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new OutputFolderError(`cannot create ${parent}: ${(error as Error).message}`);
  }
  const temporary = join(parent, `.${basename(absolute)}.partial-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(temporary);
  } catch (error) {
    throw new OutputFolderError(`cannot write into ${parent}: ${(error as Error).message}`);
  }
  try {
    const result = await fill(temporary);
    if (existsSync(absolute)) rmdirSync(absolute);
    renameSync(temporary, absolute);
    return result;
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}
