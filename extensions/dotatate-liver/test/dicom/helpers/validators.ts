/**
 * The external DICOM validators: dciodvfy (Debian package dicom3tools) and dsrdump (Debian
 * package dcmtk). A missing tool fails the test with the package to install.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolRun {
  status: number | null;
  output: string;
}

function run(tool: string, debianPackage: string, args: string[]): ToolRun {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: install the Debian package "${debianPackage}" (apt-get install -y ${debianPackage}).`);
  }
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

export const dciodvfy = (file: string) => run('dciodvfy', 'dicom3tools', [file]);
export const dsrdump = (file: string) => run('dsrdump', 'dcmtk', ['-Ph', file]);

/** Lines of dciodvfy output that report an error (warnings are allowed). */
export const errorLines = (output: string) => output.split('\n').filter((line) => line.startsWith('Error'));

/** Writes a buffer into a fresh temporary folder and returns the file path. */
export function writeTemp(name: string, buffer: ArrayBuffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'dicom-outputs-'));
  const file = join(folder, name);
  writeFileSync(file, new Uint8Array(buffer));
  return file;
}
