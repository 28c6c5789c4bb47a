import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { data } from 'dcmjs';
import type { NaturalizedDataset } from 'ohif-extension-dotatate-liver/src/core/suv';
import { DicomInputError } from './DicomInputError';

/** One parsed DICOM file. */
export interface DicomFile {
  path: string;
  dataset: NaturalizedDataset;
  transferSyntaxUID: string;
}

export interface DicomScan {
  files: DicomFile[];
  /** Files that could not be read as DICOM, with the reason. */
  unreadable: { path: string; reason: string }[];
}

/** Every regular file below `folder`, depth first, in name order (hidden files skipped). */
export function listFiles(folder: string): string[] {
  let stat;
  try {
    stat = statSync(folder);
  } catch {
    throw new DicomInputError(`The folder ${folder} does not exist.`);
  }
  if (!stat.isDirectory()) throw new DicomInputError(`${folder} is not a folder.`);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      const entry = statSync(full);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(folder);
  return out;
}

/**
 * Reads every file below a folder with dcmjs into naturalized data sets. A file that is not
 * DICOM Part 10 (no "DICM" at byte 128) or that dcmjs cannot parse is listed in `unreadable`
 * with the reason; deciding what to do about it is the caller's job.
 */
export function scanDicomFolder(folder: string): DicomScan {
  const files: DicomFile[] = [];
  const unreadable: DicomScan['unreadable'] = [];
  for (const path of listFiles(folder)) {
    const bytes = readFileSync(path);
    if (bytes.length < 132 || bytes.toString('latin1', 128, 132) !== 'DICM') {
      unreadable.push({ path, reason: 'not a DICOM Part 10 file (no "DICM" marker at byte 128)' });
      continue;
    }
    try {
      const message = data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const meta = data.DicomMetaDictionary.naturalizeDataset(message.meta);
      files.push({ path, dataset: data.DicomMetaDictionary.naturalizeDataset(message.dict), transferSyntaxUID: String(meta.TransferSyntaxUID ?? '') });
    } catch (error) {
      unreadable.push({ path, reason: `dcmjs cannot parse it (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return { files, unreadable };
}
