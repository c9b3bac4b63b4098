/**
 * Issue 14 item 2, step by step: the kill test stops a writer at random moments, so a window of two system
 * calls can slip between its 20 kills. Here every file-system call that changes something during a report
 * write is followed by a look at the folder as a reader sees it, which must be the old report or the new
 * one, whole, after each single call.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

let watch: (() => void) | null = null;

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const watched = <A extends unknown[], R>(fn: (...args: A) => R) =>
    ((...args: A): R => {
      const result = fn(...args);
      watch?.();
      return result;
    }) as typeof fn;
  const changing = ['renameSync', 'rmSync', 'symlinkSync', 'mkdirSync', 'writeSync', 'closeSync', 'unlinkSync'];
  const copy: Record<string, unknown> = { ...real };
  for (const name of changing) copy[name] = watched(real[name as keyof typeof real] as (...a: unknown[]) => unknown);
  return { ...copy, default: copy };
});

const { writeReportDirAtomic } = await import('../../src/io/index.ts');

/**
 * The report a reader sees: shown names (recursively) → text, restudy's `.restudy-*` entries left out.
 * A name that leads nowhere throws, unless `skipDangling` (then it is not part of what a reader can open).
 */
function readReport(dir: string, skipDangling = false): Record<string, string> {
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((n) => !n.split(sep)[0]?.startsWith('.restudy-'))
    .filter((n) => !(skipDangling && !fs.existsSync(join(dir, n))))
    .filter((n) => fs.statSync(join(dir, n)).isFile())
    .sort();
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

/** Name → text in name order, as text: two reports are the same when these are equal. */
const canonical = (report: Record<string, string>): string =>
  JSON.stringify(Object.entries(report).sort(([a], [b]) => (a < b ? -1 : 1)));

afterEach(() => {
  watch = null;
});

describe('a report write, looked at after every changing file-system call', () => {
  const cases: [string, Record<string, string>, Record<string, string>][] = [
    ['the same names (a rerun)', { 'index.html': 'A', 'r.csv': 'a' }, { 'index.html': 'B', 'r.csv': 'b' }],
    ['a sub-folder', { 'index.html': 'A', 'figs/f.svg': 'a' }, { 'index.html': 'B', 'figs/f.svg': 'b' }],
  ];
  for (const [what, before, after] of cases) {
    it(`is the old report or the new one after each call: ${what}`, () => {
      const out = join(mkdtempSync(join(tmpdir(), 'restudy-steps-')), 'report');
      writeReportDirAtomic(out, before);
      writeReportDirAtomic(out, before);
      const seen: string[] = [];
      let calls = 0;
      // what the look finds is kept, not thrown: the code under test could catch a throw from inside its calls
      watch = () => {
        calls++;
        try {
          const found = canonical(readReport(out));
          seen.push(found === canonical(before) ? 'old' : found === canonical(after) ? 'new' : `mixed: ${found}`);
        } catch (error) {
          seen.push(`unreadable: ${(error as Error).message}`);
        }
      };
      writeReportDirAtomic(out, after);
      watch = null;
      expect(readReport(out)).toEqual(after);
      // the flip happened inside the write (old, then new), once
      expect(calls).toBeGreaterThan(5);
      expect(
        seen
          .join(' ')
          .replace(/^(old )+/, 'old… ')
          .replace(/( new)+$/, ' new…'),
      ).toBe('old… new…');
    });
  }

  it('names only one of the two reports has: never a mix, though such a name may lead nowhere for an instant', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'restudy-steps-')), 'report');
    const before = { 'index.html': 'A', 'old.csv': 'a' };
    const after = { 'index.html': 'B', 'new.csv': 'b' };
    writeReportDirAtomic(out, before);
    let dangling = 0;
    const bad: string[] = [];
    watch = () => {
      try {
        const names = readdirSync(out).filter((n) => !n.startsWith('.restudy-'));
        if (names.some((n) => !fs.existsSync(join(out, n)))) dangling++;
        const found = canonical(readReport(out, true));
        if (found !== canonical(before) && found !== canonical(after)) bad.push(`mixed: ${found}`);
      } catch (error) {
        bad.push(`unreadable: ${(error as Error).message}`);
      }
    };
    writeReportDirAtomic(out, after);
    watch = null;
    expect(bad).toEqual([]);
    expect(readReport(out)).toEqual(after);
    // a name of the new report links into the old copy before the flip, and the old name after it
    expect(dangling).toBeGreaterThan(0);
  });
});
