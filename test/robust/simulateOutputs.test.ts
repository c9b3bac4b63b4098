/** Issue 14 item 1 for `restudy simulate`: --out may not overwrite the codebook it reads, even through a symlink. */
import { copyFileSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli.ts';

async function simulateCli(args: string[]): Promise<{ code: number | undefined; err: string }> {
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    const program = await buildProgram();
    await program.parseAsync(['node', 'restudy', 'simulate', ...args]);
    return { code: process.exitCode as number | undefined, err };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('restudy simulate: outputs never touch the codebook', () => {
  it('refuses --out equal to the codebook, and through a symlinked folder, before any work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restudy-sim-'));
    const codebook = join(dir, 'codebook.csv');
    copyFileSync('data/shen2025/codebook.yaml', codebook);
    const bytes = readFileSync(codebook);
    const direct = await simulateCli(['--study', 'shen2025', '--seed', '1', '--codebook', codebook, '--out', codebook]);
    expect(direct.code).toBe(2);
    expect(direct.err).toMatch(/is the input .*codebook\.csv; refusing to overwrite an input/);
    symlinkSync(dir, join(dir, 'via'));
    const linked = await simulateCli([
      '--study',
      'shen2025',
      '--seed',
      '1',
      '--codebook',
      codebook,
      '--out',
      join(dir, 'via', 'codebook.csv'),
    ]);
    expect(linked.code).toBe(2);
    expect(readFileSync(codebook).equals(bytes)).toBe(true);
  });
});
