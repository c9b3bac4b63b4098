/**
 * The restudy command line: a thin shell over src/study, src/data, src/audit and src/imaging.
 * Each sub-command lives in src/cli/<name>.ts and is listed in src/cli/commands.ts.
 */
import { Command, CommanderError } from 'commander';
import { loadCommands, type RegisterCommand } from './cli/commands.ts';
import { EXIT_BAD_INPUT } from './cli/exitCodes.ts';

/** The root program with every sub-command registered (tests call this). */
export async function buildProgram(): Promise<Command> {
  return programWith(await loadCommands());
}

function programWith(registers: readonly RegisterCommand[]): Command {
  const program = new Command('restudy')
    .description('Regenerate the statistics of a published clinical imaging study and audit the numbers it prints.')
    .version('0.1.0')
    .showHelpAfterError();
  for (const register of registers) register(program);
  return program;
}

const isMain = process.argv[1] !== undefined && /(?:^|[\\/])(?:cli\.ts|restudy(?:\.js)?)$/.test(process.argv[1]);
if (isMain) {
  try {
    const program = programWith(await loadCommands(process.argv.slice(2))).exitOverride();
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    } else {
      process.stderr.write(`restudy: ${(error as Error).message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    }
  }
}
