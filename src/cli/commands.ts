import type { Command } from 'commander';
import { registerSimulate } from './simulate.ts';
import { registerFeatures } from './features.ts';
import { registerRun } from './run.ts';
import { registerAudit } from './audit.ts';

/** A sub-command module registers itself on the root program. */
export type RegisterCommand = (program: Command) => void;

/** Every sub-command, in the order `restudy --help` lists them. Add one line per command module. */
export const commands: RegisterCommand[] = [
  registerSimulate,
  registerFeatures,
  registerRun,
  registerAudit,
];
