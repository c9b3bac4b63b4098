import type { Command } from 'commander';

/** A sub-command module registers itself on the root program. */
export type RegisterCommand = (program: Command) => void;

/**
 * Every sub-command by name, in the order `restudy --help` lists them, each loaded on demand so that
 * `restudy run` does not pay for importing the imaging, audit and simulation code. Add one entry per
 * command module.
 */
export const commandLoaders: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  simulate: async () => (await import('./simulate.ts')).registerSimulate,
  features: async () => (await import('./features.ts')).registerFeatures,
  run: async () => (await import('./run.ts')).registerRun,
  audit: async () => (await import('./audit.ts')).registerAudit,
  extract: async () => (await import('./extract.ts')).registerExtract,
};

/** The registrations for `argv`: only the named sub-command when there is one, else all (for help). */
export async function loadCommands(argv: readonly string[] = []): Promise<RegisterCommand[]> {
  const named = argv.find((a) => Object.hasOwn(commandLoaders, a));
  const first = argv.find((a) => !a.startsWith('-'));
  if (named !== undefined && named === first) return [await commandLoaders[named]()];
  return Promise.all(Object.values(commandLoaders).map((load) => load()));
}
