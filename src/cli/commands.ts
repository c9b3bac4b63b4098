import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import { configureInputLimits } from '../data/csvRecords.ts';

/** A sub-command module registers itself on the root program. */
export type RegisterCommand = (program: Command) => void;

/**
 * Every sub-command by name, in the order `restudy --help` lists them, each loaded on demand so that
 * `restudy run` does not pay for importing the imaging, audit and simulation code. Add one entry per
 * command module. A Map: a name typed by the user never reaches Object.prototype.
 */
export const commandLoaders: ReadonlyMap<string, () => Promise<RegisterCommand>> = new Map([
  ['simulate', async () => (await import('./simulate.ts')).registerSimulate],
  ['features', async () => (await import('./features.ts')).registerFeatures],
  ['run', async () => (await import('./run.ts')).registerRun],
  ['audit', async () => (await import('./audit.ts')).registerAudit],
  ['extract', async () => (await import('./extract.ts')).registerExtract],
]);

/** Commands that read a cohort table and so take the input-limit flags. */
const READS_COHORT = new Set(['run', 'simulate']);

/** The registrations for `argv`: only the named sub-command when there is one, else all (for help). */
export async function loadCommands(argv: readonly string[] = []): Promise<RegisterCommand[]> {
  const first = argv.find((a) => !a.startsWith('-'));
  const named = first === undefined ? undefined : commandLoaders.get(first);
  const loaders = named === undefined ? [...commandLoaders.values()] : [named];
  return (await Promise.all(loaders.map((load) => load()))).map(withHouseRules);
}

/**
 * Wraps a registration so that every sub-command it adds follows the house rules: a usage error inside it
 * (unknown option, missing argument or required option, bad option value) throws a CommanderError that the
 * entry point turns into exit 2, instead of commander's own exit 1; commands that read a cohort get the
 * input-limit flags.
 */
function withHouseRules(register: RegisterCommand): RegisterCommand {
  return (program) => {
    const before = new Set(program.commands);
    register(program);
    for (const command of program.commands) {
      if (before.has(command)) continue;
      applyUsageExitCode(command);
      if (READS_COHORT.has(command.name())) addLimitFlags(command);
    }
  };
}

/** exitOverride on the command and its own sub-commands: usage errors throw with exitCode 2 (help stays 0). */
function applyUsageExitCode(command: Command): void {
  command.exitOverride((error) => {
    throw error.exitCode === 0 ? error : new CommanderError(2, error.code, error.message);
  });
  for (const sub of command.commands) applyUsageExitCode(sub);
}

const positiveNumber =
  (flag: string) =>
  (text: string): number => {
    const value = Number(text);
    if (!/^\d+(?:\.\d+)?$/.test(text) || !(value > 0)) throw new InvalidArgumentError(`${flag} must be a positive number`);
    return value;
  };

function addLimitFlags(command: Command): void {
  command
    .option('--max-input-mb <n>', 'refuse a cohort file larger than this (MiB)', positiveNumber('--max-input-mb'))
    .option('--max-rows <n>', 'refuse a cohort with more data rows than this', positiveNumber('--max-rows'))
    .option('--max-line-kb <n>', 'refuse a CSV record longer than this (KiB)', positiveNumber('--max-line-kb'))
    .hook('preAction', (_root, action) => {
      const o = action.opts<{ maxInputMb?: number; maxRows?: number; maxLineKb?: number }>();
      configureInputLimits({
        ...(o.maxInputMb === undefined ? {} : { maxBytes: Math.floor(o.maxInputMb * 1024 ** 2) }),
        ...(o.maxRows === undefined ? {} : { maxRows: Math.floor(o.maxRows) }),
        ...(o.maxLineKb === undefined ? {} : { maxRecordChars: Math.floor(o.maxLineKb * 1024) }),
      });
    });
}
