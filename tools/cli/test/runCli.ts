import { main } from '../src/main';

/** What one in-process run of the CLI returned and printed. */
export interface CliRun {
  code: number;
  /** console.log output, one line per call. */
  out: string;
  /** console.error output, one line per call. */
  err: string;
}

/**
 * Runs `dotatate-liver <args>` in-process, capturing what it prints with console.log and
 * console.error; progress written straight to stderr is swallowed.
 */
export async function runCli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const log = jest.spyOn(console, 'log').mockImplementation((...parts) => void (out += `${parts.join(' ')}\n`));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts) => void (err += `${parts.join(' ')}\n`));
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}
