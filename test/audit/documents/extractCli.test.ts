import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExtract } from '../../../src/cli/extract.ts';
import { loadPublishedFiles } from '../../../src/data/published/loadPublished.ts';
import { shownFiles } from '../../helpers/reportFiles.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'restudy-extract-'));
function capture() {
  let out = '';
  let err = '';
  return {
    io: { out: (s: string) => (out += s), err: (s: string) => (err += s) },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
const TABLE =
  '<p>Table 1. Sex by arm.</p><table><tr><th>Sex</th><th>A (n = 10)</th><th>B (n = 10)</th><th>p</th></tr><tr><td>Sex</td><td></td><td></td><td>0.650</td></tr><tr><td>Female</td><td>5 (50.0%)</td><td>4 (40.0%)</td><td></td></tr><tr><td>Male</td><td>5 (50.0%)</td><td>6 (60.0%)</td><td></td></tr></table><p>Table 9. Any number.</p><table><tr><th>x</th><th>y</th></tr><tr><td>a</td><td>1.0</td></tr></table>';

describe('restudy extract', () => {
  it('writes valid published-number files, each entry noting where it was read; reruns replace them', async () => {
    const dir = tmp();
    const file = join(dir, 'Paper 1.html');
    writeFileSync(file, TABLE);
    const out = join(tmp(), 'extracted');
    const c = capture();
    expect(await runExtract(file, { out }, c.io)).toBe(0);
    expect(shownFiles(out)).toEqual(['table1.json', 'table9.json']);
    expect(readdirSync(out)).toContain('.restudy-output');
    const [loaded, nine] = loadPublishedFiles(out);
    expect(nine.numbers.map((e) => e.id)).toEqual(['table9/a/y']);
    expect(loaded.study).toBe('paper_1');
    expect(loaded.context).toEqual({ groups: { a: 10, b: 10 } });
    expect(loaded.numbers.find((e) => e.id === 'table1/sex:male/b_pct')).toMatchObject({
      printed: '6 (60.0%)',
      value: 60,
      denominator: 10,
      note: 'Table 1, row "Male", column "B (n = 10)": "6 (60.0%)"',
    });
    const first = readFileSync(join(out, 'table1.json'), 'utf8');
    expect(await runExtract(file, { out }, capture().io)).toBe(0); // restudy's own folder: replaced
    expect(readFileSync(join(out, 'table1.json'), 'utf8')).toBe(first); // deterministic
  });
  it('refuses, before reading, an --out that is missing, is the input, or is a folder restudy did not write', async () => {
    const dir = tmp();
    const file = join(dir, 'p.html');
    writeFileSync(file, TABLE);
    const foreign = tmp();
    writeFileSync(join(foreign, 'mine.txt'), 'keep me');
    for (const [opts, message] of [
      [{}, /give --out/],
      [{ out: file }, /refusing to overwrite an input/],
      [{ out: dir }, /contains the input|inside the input folder|refusing/],
      [{ out: foreign }, /not empty|restudy did not write|--force/],
    ] as const) {
      const c = capture();
      expect(await runExtract(file, opts, c.io)).toBe(2);
      expect(c.err).toMatch(message);
    }
    expect(readFileSync(file, 'utf8')).toBe(TABLE);
    expect(readFileSync(join(foreign, 'mine.txt'), 'utf8')).toBe('keep me');
  });
  it('no table in the document: exit 1 and nothing written; an unreadable document: exit 2', async () => {
    const dir = tmp();
    const prose = join(dir, 'p.txt');
    writeFileSync(prose, 'Only prose here, t(28) = 2.10, p = .045.\n');
    const out = join(tmp(), 'o');
    const c = capture();
    expect(await runExtract(prose, { out }, c.io)).toBe(1);
    expect(c.err).toMatch(/no table with printed numbers found; nothing written/);
    expect(() => readdirSync(out)).toThrow();
    const pdf = join(dir, 'x.pdf');
    writeFileSync(pdf, 'not a pdf');
    expect(await runExtract(pdf, { out }, c.io)).toBe(2);
  });
  it('from the command line: unknown options and bad choices exit 2 (usage), not 1 (inconsistent)', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'd'));
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['bin/restudy.js', ...args], { encoding: 'utf8', timeout: 120_000 });
    expect(run(['audit', '--bogus', 'x.txt']).status).toBe(2);
    expect(run(['audit', '--p-zero', 'maybe', 'x.txt']).status).toBe(2);
    expect(run(['extract', join(dir, 'a.html')]).status).toBe(2);
    expect(execFileSync(process.execPath, ['bin/restudy.js', 'extract', '--help'], { encoding: 'utf8' })).toMatch(
      /--out <dir>/,
    );
  });
});
