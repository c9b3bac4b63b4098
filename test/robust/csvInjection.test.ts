/**
 * Issue 14 item 3: every CSV restudy writes neutralises a text cell starting with =, +, -, @, tab or CR
 * (a spreadsheet would run it as a formula); numbers, and text that is a plain number, stay as they are.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
import { csvField } from '../../src/report/escape.ts';
import { miniCohort, writeCsv } from '../study/_miniCohort.ts';

const PAYLOAD = "-2+3+cmd|' /C calc'!A0";
/** What a spreadsheet would treat as a formula: a dangerous first character, and not a plain number. */
const runsAsFormula = (cell: string): boolean =>
  /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell);

describe('csvField', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1+cmd', "'+1+cmd"],
    [PAYLOAD, `'${PAYLOAD}`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\r=x', `"'\r=x"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('neutralises %j', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });
  it.each(['-0.25', '+3', '-1e-5', '.5', '12', 'plain', 'a-b', ' =x'])('leaves %j as it is', (text) => {
    expect(csvField(text)).toBe(text);
  });
  it('writes numbers as numbers, in full precision', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(-0.1 - 0.2)).toBe('-0.30000000000000004');
    expect(csvField(-Infinity)).toBe('-Inf');
    expect(csvField(Number.NaN)).toBe('NaN');
  });
  it('never yields a cell a spreadsheet runs, and round-trips through an RFC 4180 parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        const parsed = Papa.parse<string[]>(`${csvField(text)},end`, { newline: '\n' }).data[0] ?? [];
        const cell = parsed[0] ?? '';
        expect(runsAsFormula(cell)).toBe(false);
        expect(cell === text || cell === `'${text}`).toBe(true);
      }),
      { seed: 14, numRuns: 500 },
    );
  });
});

describe('restudy run: a hostile label reaches no CSV raw', () => {
  it('table and sensitivity CSVs carry the payload neutralised, and no cell runs as a formula', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restudy-csvinj-'));
    const study = join(dir, 'study');
    cpSync('analyses/shen2025', study, { recursive: true });
    for (const name of readdirSync(study).filter((n) => n.endsWith('.yaml'))) {
      const path = join(study, name);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/\blabel: FGT(?=\s*(?:[,}]|$))/gm, `label: "${PAYLOAD}"`));
    }
    const cohort = join(dir, 'cohort.csv');
    writeCsv(cohort, miniCohort(5));
    const out = join(dir, 'out');
    const io = { stdout: (): void => undefined, stderr: (s: string): void => void process.stderr.write(s) };
    const opts = {
      data: cohort,
      codebook: 'data/shen2025/codebook.yaml',
      published: false as const,
      out,
      replicates: '20',
    };
    expect(await runCommand(study, opts, io)).toBe(0);
    const csvs = readdirSync(out).filter((n) => n.endsWith('.csv'));
    let payloadCells = 0;
    for (const name of csvs) {
      const rows = Papa.parse<string[]>(readFileSync(join(out, name), 'utf8'), { skipEmptyLines: true }).data;
      for (const [r, row] of rows.entries()) {
        for (const cell of row) {
          expect(runsAsFormula(cell), `${name} row ${r + 1}: ${JSON.stringify(cell)}`).toBe(false);
          if (cell === `'${PAYLOAD}`) payloadCells++;
        }
      }
    }
    expect(csvs).toEqual(expect.arrayContaining(['table2.csv', 'sensitivity.csv']));
    expect(payloadCells).toBeGreaterThan(0);
  });
});
