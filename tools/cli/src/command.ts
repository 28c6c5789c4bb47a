/** One sub-command of `dotatate-liver`. `run` returns the process exit code. */
export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/** An error whose message is meant for the person at the terminal: printed without a stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
