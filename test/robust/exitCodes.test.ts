/**
 * Issue 14 item 5: a usage error inside any sub-command exits 2 (1 means "inconsistent numbers found"),
 * help and version exit 0, and a name typed by the user never finds a JavaScript built-in.
 */
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandLoaders, loadCommands } from '../../src/cli/commands.ts';
import { buildProgram } from '../../src/cli.ts';

/** Parses argv with the real program; returns the exit code commander asked for and what it printed. */
async function usage(args: string[]): Promise<{ code: number | undefined; err: string }> {
  const program: Command = await buildProgram();
  let err = '';
  const quiet = (c: Command): void => {
    c.configureOutput({ writeErr: (s) => void (err += s), writeOut: () => undefined });
    for (const sub of c.commands) quiet(sub);
  };
  quiet(program);
  program.exitOverride();
  try {
    await program.parseAsync(['node', 'restudy', ...args]);
    return { code: undefined, err };
  } catch (error) {
    return { code: (error as { exitCode?: number }).exitCode, err };
  }
}

describe('usage errors inside sub-commands exit 2', () => {
  it.each([
    ['audit', ['audit', '--bogus']],
    ['run without --out', ['run', 'analyses/shen2025']],
    ['run with an unknown flag', ['run', 'analyses/shen2025', '--out', 'x', '--frobnicate']],
    ['run without its study folder', ['run', '--out', 'x']],
    ['run with a bad --max-rows', ['run', 'analyses/shen2025', '--out', 'x', '--max-rows', 'lots']],
    [
      'features with --fit bogus',
      ['features', '--dwi', 'a', '--bvals', 'b', '--mask', 'm', '--out', 'o', '--fit', 'bogus'],
    ],
    // a missing --dwi/--out is the action's UsageError since --manifest became the alternative: test/cli/features
    ['features with an unknown flag', ['features', '--dwi', 'a', '--bvals', 'b', '--mask', 'm', '--nope']],
    ['simulate without --seed', ['simulate', '--study', 'shen2025']],
    ['simulate with an unknown flag', ['simulate', '--study', 'shen2025', '--seed', '1', '--nope']],
    ['extract with an unknown flag', ['extract', 'paper.pdf', '--out', 'x', '--nope']],
    ['init with an unknown flag', ['init', 'data.csv', '--nope']],
  ])('%s', async (_name, args) => {
    const r = await usage(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: /m);
  });
  it('every sub-command is covered above', () => {
    expect([...commandLoaders.keys()].sort()).toEqual(['audit', 'extract', 'features', 'init', 'run', 'simulate']);
  });
  it.each([['--help'], ['run', '--help'], ['audit', '--help'], ['--version']])('%s exits 0', async (...args) => {
    expect((await usage(args)).code).toBe(0);
  });
});

describe('command names typed by the user are looked up as own entries only', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    '%s loads every command (for help), never a built-in',
    async (name) => {
      const registers = await loadCommands([name]);
      expect(registers).toHaveLength(commandLoaders.size);
    },
  );
});

describe('the installed binary', () => {
  const exitOf = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['bin/restudy.js', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
  it('exits 2 for usage errors in sub-commands and unknown commands, 0 for help, with no stack trace', async () => {
    const [audit, run, simulate, help, unknown] = await Promise.all([
      exitOf(['audit', '--bogus']),
      exitOf(['run', 'analyses/shen2025']),
      exitOf(['simulate', '--study', 'toString', '--seed', '1']),
      exitOf(['run', '--help']),
      exitOf(['constructor']),
    ]);
    expect(audit).toMatchObject({ code: 2 });
    expect(audit.stderr).toMatch(/unknown option '--bogus'/);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--out <dir>' not specified/);
    expect(simulate.code).toBe(2);
    expect(simulate.stderr).toMatch(/--study must be one of shen2025; got "toString"/);
    expect(help.code).toBe(0);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'constructor'/);
    for (const r of [audit, run, simulate, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
