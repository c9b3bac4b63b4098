/**
 * The restudy command line: a thin shell over src/study, src/data, src/audit and src/imaging.
 * Each sub-command lives in src/cli/<name>.ts and is listed in src/cli/commands.ts.
 * bin/restudy.js calls {@link main} on the built copy (dist/cli.js); `npm run restudy` runs this file through tsx.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { loadCommands, type RegisterCommand } from './cli/commands.ts';
import { EXIT_BAD_INPUT } from './cli/exitCodes.ts';
import { VERSION } from './version.ts';

/** The root program with every sub-command registered (tests call this). */
export async function buildProgram(): Promise<Command> {
  return programWith(await loadCommands());
}

function programWith(registers: readonly RegisterCommand[]): Command {
  const program = new Command('restudy')
    .description('Regenerate the statistics of a published clinical imaging study and audit the numbers it prints.')
    .version(VERSION)
    .showHelpAfterError();
  for (const register of registers) register(program);
  return program;
}

/** `restudy --version` (or -V) alone: answered without loading any sub-command module, so it starts fast. */
function asksOnlyVersion(args: readonly string[]): boolean {
  return args.length === 1 && (args[0] === '--version' || args[0] === '-V');
}

/**
 * Runs the command line on `argv` (`process.argv`: node, script, arguments…) and sets `process.exitCode`:
 * 0 ok, 1 an analysis problem, 2 bad input or usage (see src/cli/exitCodes.ts).
 */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const args = argv.slice(2);
  try {
    const registers = asksOnlyVersion(args) ? [] : await loadCommands(args);
    await programWith(registers)
      .exitOverride()
      .parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    } else {
      process.stderr.write(`restudy: ${(error as Error).message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    }
  }
}

/** True when this module is the script node was started with (`tsx src/cli.ts …`), not imported. */
function isEntryScript(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryScript()) await main();
