import { CliCommand, UsageError } from './command';

/**
 * Sub-commands, loaded lazily so that `dotatate-liver detect` does not pay for the phantom
 * generator and the reverse. Each module default-exports a CliCommand.
 */
const commands: Record<string, () => Promise<{ default: CliCommand }>> = {
  // require, not import(): the bin runs these sources through tsx's CommonJS hook.
  phantom: async () => require('./commands/phantom'),
  cohort: async () => require('./commands/cohort'),
  detect: async () => require('./commands/detect'),
  evaluate: async () => require('./commands/evaluate'),
  report: async () => require('./commands/report'),
};

function printHelp(): void {
  const names = Object.keys(commands);
  console.log('Usage: dotatate-liver <command> [options]\n');
  console.log(names.length ? `Commands: ${names.join(', ')}` : 'No commands are available.');
  console.log('Run `dotatate-liver <command> --help` for the options of one command.');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    printHelp();
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`dotatate-liver: unknown command "${name}".`);
    printHelp();
    return 2;
  }
  const command = (await load()).default;
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`dotatate-liver ${name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`dotatate-liver ${name}: ${message}`);
    return 1;
  }
}
