/**
 * Output files of the CLI: checked before any work (a typo in a folder name should not cost a
 * whole detection), and written through a temporary file and a rename, so that a reader or a
 * PACS import never sees half a file, and a set of files (SEG + SR) appears whole or not at all.
 */
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../command';

/**
 * Refuses (UsageError naming `option`) an output path that is a folder, or whose folder does not
 * exist, is not a folder or cannot be written to.
 */
export function checkOutputPath(path: string, option: string): void {
  const absolute = resolve(path);
  const folder = dirname(absolute);
  try {
    if (statSync(absolute).isDirectory()) throw new UsageError(`${option} ${path} is a folder; give a file name`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Not there yet: the usual case.
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new UsageError(`${option} ${path}: the folder ${folder} does not exist`);
  }
  if (!isFolder) throw new UsageError(`${option} ${path}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UsageError(`${option} ${path}: the folder ${folder} is not writable (permission denied)`);
  }
}

/** Two options that must not name the same file (e.g. --seg and --sr). */
export function checkDistinctOutputs(first: { option: string; path: string }, second: { option: string; path: string }): void {
  if (resolve(first.path) === resolve(second.path)) {
    throw new UsageError(`${first.option} and ${second.option} name the same file (${first.path}); give two different files`);
  }
}

export interface OutputFile {
  path: string;
  contents: Uint8Array | string;
}

function reason(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the disk is read-only';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes every file to a temporary name beside it, then renames them into place. When a write or
 * a rename fails, the temporaries and the files already renamed are removed and an Error says
 * which file failed and that none was written.
 */
export function writeFilesAtomically(outputs: OutputFile[]): void {
  const staged = outputs.map((output) => {
    const absolute = resolve(output.path);
    return { ...output, absolute, temporary: join(dirname(absolute), `.${basename(absolute)}.${process.pid}.${Date.now()}.tmp`) };
  });
  const remove = (paths: string[]) => paths.forEach((path) => rmSync(path, { force: true }));
  const written: string[] = [];
  for (const file of staged) {
    try {
      writeFileSync(file.temporary, file.contents, { flag: 'wx' });
      written.push(file.temporary);
    } catch (error) {
      remove([...written, file.temporary]);
      throw new Error(`cannot write ${file.path}: ${reason(error)}; no output file was written.`);
    }
  }
  const placed: string[] = [];
  for (const [n, file] of staged.entries()) {
    try {
      renameSync(file.temporary, file.absolute);
      placed.push(file.absolute);
    } catch (error) {
      remove([...placed, ...staged.slice(n).map((later) => later.temporary)]);
      throw new Error(`cannot write ${file.path}: ${reason(error)}; no output file was written.`);
    }
  }
}
