/**
 * Issue 14 item 2 where the file system makes no symbolic links (Windows without the right to, FAT, some
 * network shares): every symlink call fails with EPERM here, and a report is written as plain files that
 * replace the folder by the two-rename swap of docs/outputs-and-limits.md.
 */
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const symlinkSync = (): never => {
    throw Object.assign(new Error('EPERM: operation not permitted, symlink'), { code: 'EPERM' });
  };
  return { ...real, symlinkSync, default: { ...real, symlinkSync } };
});

const { OUTPUT_MARKER, writeReportDirAtomic } = await import('../../src/io/index.ts');

describe('a report folder where links cannot be made', () => {
  it('is written as plain files, replaced whole by the next write, with no leftovers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'restudy-nolinks-'));
    const out = join(dir, 'report');
    writeReportDirAtomic(out, { 'index.html': 'old', 'stale.csv': 'old', 'figs/a.svg': '<svg/>' });
    expect(readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'figs', 'index.html', 'stale.csv']);
    expect(lstatSync(join(out, 'index.html')).isFile()).toBe(true);
    writeReportDirAtomic(out, { 'index.html': 'new' });
    expect(readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'index.html']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(out, 'stale.csv'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['report']);
  });
});
