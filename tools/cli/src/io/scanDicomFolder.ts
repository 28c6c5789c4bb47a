import { closeSync, constants, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { data } from 'dcmjs';

type DenaturalizedDataset = data.DenaturalizedDataset;
import type { NaturalizedDataset } from 'ohif-extension-dotatate-liver/src/core/suv';
import { DicomInputError } from './DicomInputError';
import { missingPixelDataBytes, pixelDataLength } from './pixelData';

/** One parsed DICOM file. */
export interface DicomFile {
  path: string;
  dataset: NaturalizedDataset;
  transferSyntaxUID: string;
  /**
   * Number-valued (DS, IS) elements whose text dcmjs could not read as a number ("NaN", "1e999"):
   * dcmjs gives null for them, so the text is kept here, by keyword, for checks and messages.
   */
  unparsedNumbers: Record<string, string>;
}

export interface DicomScan {
  files: DicomFile[];
  /** Files (or sub-folders) that could not be read as DICOM, with the reason in plain words. */
  unreadable: { path: string; reason: string }[];
  /** Symbolic links below the folder: never followed (one may loop, dangle or point elsewhere). */
  skippedLinks: string[];
}

/** How many files a message lists by name before it says "and N more". */
const LISTED = 5;
/** Part 10 preamble (128 bytes) and "DICM": all that is read of a file that may not be DICOM. */
const PREAMBLE = 132;

/** A file-system error in words a PACS administrator reads without an errno table. */
function plainReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it disappeared while the folder was being read';
    case 'ELOOP':
      return 'it became a symbolic link while the folder was being read (not followed)';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'larger than 2 GiB, far too large for a PET slice';
    case 'EIO':
      return 'the disk reported a read error';
    default:
      return `it cannot be read (system error ${typeof code === 'string' ? code : 'unknown'})`;
  }
}

/** Regular files, symbolic links and unlistable sub-folders below a folder. */
interface FolderListing {
  files: string[];
  links: string[];
  unreadable: DicomScan['unreadable'];
}

function walkFolder(folder: string): FolderListing {
  let stat;
  try {
    // The folder named on the command line may itself be a link: the user chose it.
    stat = statSync(folder);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ELOOP') throw new DicomInputError(`${folder} is a loop of symbolic links, not a folder.`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new DicomInputError(`The folder ${folder} does not exist.`);
    throw new DicomInputError(`The folder ${folder} cannot be read: ${plainReason(error)}.`);
  }
  if (!stat.isDirectory()) throw new DicomInputError(`${folder} is not a folder.`);
  const listing: FolderListing = { files: [], links: [], unreadable: [] };
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      listing.unreadable.push({ path: dir, reason: `this folder cannot be listed: ${plainReason(error)}` });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      let entry;
      try {
        entry = lstatSync(full);
      } catch (error) {
        listing.unreadable.push({ path: full, reason: plainReason(error) });
        continue;
      }
      if (entry.isSymbolicLink()) listing.links.push(full);
      else if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) listing.files.push(full);
    }
  };
  walk(folder);
  return listing;
}

/** Every regular file below `folder`, depth first, in name order (hidden files and symbolic links skipped). */
export function listFiles(folder: string): string[] {
  return walkFolder(folder).files;
}

/** See DicomFile.unparsedNumbers; `_rawValue` is the text dcmjs keeps for lossless rewriting. */
function unparsedNumbers(dict: DenaturalizedDataset): Record<string, string> {
  const texts: DenaturalizedDataset = {};
  for (const [tag, element] of Object.entries(dict)) {
    const raw = (element as { _rawValue?: unknown })._rawValue;
    if ((element.vr !== 'DS' && element.vr !== 'IS') || !element.Value?.includes(null) || !Array.isArray(raw)) continue;
    texts[tag] = { vr: element.vr, Value: [raw.map((text) => String(text).trim()).join('\\')] };
  }
  const named = data.DicomMetaDictionary.naturalizeDataset(texts);
  return Object.fromEntries(Object.entries(named).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The file's bytes when it starts with a Part 10 preamble, else null; the link-free open never follows a link. */
function readIfDicom(path: string): Buffer | null {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const preamble = Buffer.alloc(PREAMBLE);
    const read = readSync(fd, preamble, 0, PREAMBLE, 0);
    if (read < PREAMBLE || preamble.toString('latin1', 128, 132) !== 'DICM') return null;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads every regular file below a folder with dcmjs into naturalized data sets. A file that is
 * not DICOM Part 10 (no "DICM" at byte 128, found from its first 132 bytes alone), that dcmjs
 * cannot parse, or whose pixel data is cut short is listed in `unreadable` with the reason;
 * symbolic links are counted in `skippedLinks`. Deciding what to do about them is the caller's job.
 */
export function scanDicomFolder(folder: string): DicomScan {
  const listing = walkFolder(folder);
  const files: DicomFile[] = [];
  const unreadable = [...listing.unreadable];
  for (const path of listing.files) {
    let bytes: Buffer | null;
    try {
      bytes = readIfDicom(path);
    } catch (error) {
      unreadable.push({ path, reason: plainReason(error) });
      continue;
    }
    if (!bytes) {
      unreadable.push({ path, reason: 'not a DICOM Part 10 file (no "DICM" marker at byte 128)' });
      continue;
    }
    let file: DicomFile;
    try {
      const message = data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const meta = data.DicomMetaDictionary.naturalizeDataset(message.meta);
      file = {
        path,
        dataset: data.DicomMetaDictionary.naturalizeDataset(message.dict),
        transferSyntaxUID: String(meta.TransferSyntaxUID ?? ''),
        unparsedNumbers: unparsedNumbers(message.dict),
      };
    } catch (error) {
      unreadable.push({ path, reason: `dcmjs cannot parse it (${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    const declared = pixelDataLength(file.dataset.PixelData);
    const missing = declared === null ? 0 : missingPixelDataBytes(bytes, declared, file.transferSyntaxUID);
    if (declared !== null && missing > 0) {
      unreadable.push({ path, reason: `the file is cut short: it holds ${declared - missing} of its ${declared} bytes of pixel data (an interrupted copy or transfer?)` });
      continue;
    }
    files.push(file);
  }
  return { files, unreadable, skippedLinks: listing.links };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The first unreadable files with their reasons, one indented line each, then how many more. */
export function unreadableLines(unreadable: DicomScan['unreadable']): string {
  const lines = unreadable.slice(0, LISTED).map((file) => `  ${file.path}: ${file.reason}`);
  if (unreadable.length > LISTED) lines.push(`  ... and ${unreadable.length - LISTED} more`);
  return lines.join('\n');
}

/** "N files in FOLDER cannot be read:" and the lines above. */
export function describeUnreadable(unreadable: DicomScan['unreadable'], folder: string): string {
  return `${plural(unreadable.length, 'file')} in ${folder} cannot be read:\n${unreadableLines(unreadable)}`;
}

/** The first unreadable names on one line, for a warning kept in result.json. */
export function unreadableNames(unreadable: DicomScan['unreadable']): string {
  const names = unreadable.slice(0, LISTED).map((file) => file.path).join(', ');
  return unreadable.length > LISTED ? `${names} and ${unreadable.length - LISTED} more` : names;
}

/** One sentence about the symbolic links a scan skipped, or null when there were none. */
export function describeSkippedLinks(scan: DicomScan, folder: string): string | null {
  if (scan.skippedLinks.length === 0) return null;
  const names = scan.skippedLinks.slice(0, LISTED).join(', ');
  const more = scan.skippedLinks.length > LISTED ? ` and ${scan.skippedLinks.length - LISTED} more` : '';
  return `Skipped ${plural(scan.skippedLinks.length, 'symbolic link')} in ${folder} (links are not followed): ${names}${more}. Copy the files themselves into the folder to include them.`;
}
