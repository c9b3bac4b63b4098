/**
 * Issue 14 items 1, 2 and 9 through `restudy run`: no output may overwrite, replace or write through a
 * symlink onto an input; a bad --out is refused before the analysis runs; a non-empty folder restudy did
 * not write needs --force; stale files of an earlier report do not survive.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RunCliOptions, runCommand } from '../../src/cli/run.ts';
import { miniCohort, writeCsv } from '../study/_miniCohort.ts';

const CODEBOOK = 'data/shen2025/codebook.yaml';

async function run(
  opts: Omit<RunCliOptions, 'codebook' | 'replicates'>,
): Promise<{ code: number; err: string; ms: number }> {
  let err = '';
  const started = performance.now();
  const io = { stdout: (): void => undefined, stderr: (s: string): void => void (err += s) };
  const code = await runCommand('analyses/shen2025', { codebook: CODEBOOK, replicates: '20', ...opts }, io);
  return { code, err, ms: performance.now() - started };
}

function workspace(): { dir: string; cohort: string; bytes: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'restudy-outputs-'));
  mkdirSync(join(dir, 'D'));
  const cohort = join(dir, 'D', 'table1.csv');
  writeCsv(cohort, miniCohort(5));
  return { dir, cohort, bytes: readFileSync(cohort) };
}

describe('restudy run: outputs never touch inputs (issue 14 item 1)', () => {
  it('refuses --out D when the cohort is D/table1.csv: exit 2, cohort unchanged', async () => {
    const { dir, cohort, bytes } = workspace();
    const r = await run({ data: cohort, out: join(dir, 'D') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/output .*D contains the input .*table1\.csv/);
    expect(readFileSync(cohort).equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, 'D'))).toEqual(['table1.csv']);
  });
  it('refuses an --out inside the printed-numbers folder', async () => {
    const { dir, cohort } = workspace();
    const published = join(dir, 'published');
    cpSync('data/shen2025/published', published, { recursive: true });
    const before = readdirSync(published).sort();
    const r = await run({ data: cohort, published, out: join(published, 'report') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/inside the input folder/);
    expect(readdirSync(published).sort()).toEqual(before);
  });
  it('refuses an --out that reaches the cohort through a symlinked folder', async () => {
    const { dir, cohort, bytes } = workspace();
    symlinkSync(join(dir, 'D'), join(dir, 'L'));
    const r = await run({ data: cohort, out: join(dir, 'L') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/symbolic link/);
    expect(readFileSync(cohort).equals(bytes)).toBe(true);
  });
  it('never writes through a symlink planted in --out (O/index.html -> ../victim)', async () => {
    const { dir, cohort } = workspace();
    mkdirSync(join(dir, 'O'));
    writeFileSync(join(dir, 'victim'), 'keep me');
    symlinkSync('../victim', join(dir, 'O', 'index.html'));
    const refused = await run({ data: cohort, out: join(dir, 'O') });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/non-empty folder that restudy did not write.*--force/s);
    const forced = await run({ data: cohort, out: join(dir, 'O'), force: true });
    expect(forced.err).toBe('');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(dir, 'O', 'index.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });
});

describe('restudy run: a bad --out is refused before any work (issue 14 item 9)', () => {
  it('an --out that is a file: exit 2 at once, the file unchanged', async () => {
    const { dir, cohort } = workspace();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await run({ data: cohort, out: join(dir, 'notes.txt') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/notes\.txt is a file, not a folder/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
  it('a non-empty folder restudy did not write: exit 2, nothing in it touched', async () => {
    const { dir, cohort } = workspace();
    mkdirSync(join(dir, 'thesis'));
    writeFileSync(join(dir, 'thesis', 'chapter1.docx'), 'draft');
    const r = await run({ data: cohort, out: join(dir, 'thesis') });
    expect(r.code).toBe(2);
    expect(readdirSync(join(dir, 'thesis'))).toEqual(['chapter1.docx']);
  });
});

describe('restudy run: a second run replaces the first report whole (issue 14 item 2)', () => {
  it('leaves no stale file of the earlier run', async () => {
    const { dir, cohort } = workspace();
    const out = join(dir, 'report');
    expect((await run({ data: cohort, out })).code).toBe(0);
    writeFileSync(join(out, 'table9.csv'), 'from an older version');
    expect((await run({ data: cohort, out })).code).toBe(0);
    expect(existsSync(join(out, 'table9.csv'))).toBe(false);
    expect(readdirSync(out)).toContain('.restudy-output');
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
