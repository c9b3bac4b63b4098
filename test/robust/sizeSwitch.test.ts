/**
 * Issue 14 (scale): above the preset's `exactUpTo` rows a summary table runs no exact r × c test. `auto` keeps
 * Pearson χ² where it would have chosen Fisher; an explicit `fisher` on r × c gives a seeded Monte Carlo p;
 * 2 × 2 stays exact. Every switch is printed (cell method, conventions, table note, sensitivity panel), and at
 * or below the threshold nothing changes. Tested at a small threshold so the tables stay small.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareTest, fisherExactTest } from '../../src/stats/contingency/index.ts';
import { BUILT_IN_PRESETS, type Conventions } from '../../src/study/conventions.ts';
import { FISHER_SIMULATED_REPLICATES } from '../../src/study/kinds/_tests.ts';
import { runSummaryTable, type SummaryTableResult, summaryTableSchema } from '../../src/study/kinds/summaryTable.ts';
import type { Cell, ColumnInfo, Row } from '../../src/study/types.ts';

const cat = (name: string, codes: string[]): ColumnInfo => ({
  name,
  label: name.toUpperCase(),
  type: 'categorical',
  levels: codes.map((code) => ({ code, label: code })),
});
const COLUMNS = new Map<string, ColumnInfo>([
  ['id', { name: 'id', label: 'id', type: 'text' }],
  ['grp', cat('grp', ['neg', 'pos'])],
  ['c1', cat('c1', ['lo', 'mid', 'hi'])],
  ['c2', cat('c2', ['yes', 'no'])],
]);

// 60 rows; level "hi" of c1 is rare (3 rows), so an expected count is below 5 and `auto` would choose Fisher
const DATA: Row[] = Array.from({ length: 60 }, (_, i) => ({
  id: `P${i}`,
  grp: i % 2 ? 'pos' : 'neg',
  c1: i < 3 ? 'hi' : (i % 2 ? i % 3 !== 0 : i % 5 === 0) ? 'lo' : 'mid',
  c2: i % 5 < 2 ? 'yes' : 'no',
}));
const c1Table = (): number[][] =>
  ['lo', 'mid', 'hi'].map((l) => ['neg', 'pos'].map((g) => DATA.filter((r) => r.c1 === l && r.grp === g).length));

const spss = BUILT_IN_PRESETS.get('spss')?.conventions as Conventions;

function run(rows: unknown[], exactUpTo: number, nextSeed?: () => number): SummaryTableResult {
  return runSummaryTable({
    spec: summaryTableSchema.parse({ id: 's', kind: 'summary-table', title: 'S', by: 'grp', rows }),
    data: DATA,
    columns: COLUMNS,
    conventions: { ...spss, exactUpTo },
    alpha: 0.05,
    ...(nextSeed ? { nextSeed } : {}),
  });
}

const pCell = (r: SummaryTableResult, row: string): Cell => {
  const cell = r.table.rows.find((x) => x.key === row)?.cells.p?.parts[0];
  if (!cell) throw new Error(`no p cell in row ${row}`);
  return cell;
};

describe('categorical tests above exactUpTo', () => {
  it('auto at or below the threshold: Fisher, as before; no size note', () => {
    const r = run([{ variable: 'c1' }], 60);
    const cell = pCell(r, 'c1');
    expect(cell.value).toBe(fisherExactTest(c1Table()).pValue);
    expect(cell.method).toMatch(/^Fisher's exact test \(3 × 2\), chosen because the smallest expected count/);
    expect(cell.conventions?.sizeSwitch).toBeUndefined();
    expect(r.table.notes.join(' ')).not.toMatch(/exactUpTo/);
    expect(r.sensitivity[0].variants.map((v) => v.name)).toContain("Fisher's exact test");
  });

  it('auto above the threshold: Pearson χ² stands for Fisher, and the cell, conventions and notes say so', () => {
    const r = run([{ variable: 'c1' }], 59);
    const cell = pCell(r, 'c1');
    expect(cell.value).toBe(chiSquareTest(c1Table(), { correct: false }).pValue);
    expect(cell.method).toMatch(
      /^Pearson χ² = [\d.]+, df = 2, no continuity correction; the smallest expected count is [\d.]+ < 5, but n = 60 > exactUpTo 59: Pearson χ², the asymptotic form, stands for Fisher's exact test$/,
    );
    expect(cell.conventions).toMatchObject({
      chosen: 'chisq',
      exactUpTo: 59,
      sizeSwitch: 'n = 60 > exactUpTo 59: χ² for Fisher',
    });
    expect(r.table.notes.join(' ')).toMatch(/Above exactUpTo = 59 rows in a table no exact r × c test is run/);
    expect(r.sensitivity[0].check).toMatch(/n = 60 > exactUpTo 59: Fisher's exact test not run/);
  });

  it('explicit fisher on r × c above the threshold: seeded Monte Carlo p, the seed drawn from the study stream', () => {
    let drawn = 0;
    const r = run([{ variable: 'c1', test: 'fisher' }], 10, () => 4242 + drawn++);
    const cell = pCell(r, 'c1');
    const mc = fisherExactTest(c1Table(), { simulate: { replicates: FISHER_SIMULATED_REPLICATES, seed: 4242 } });
    expect(cell.value).toBe(mc.pValue);
    expect(mc.pValue).not.toBe(fisherExactTest(c1Table()).pValue);
    expect(cell.method).toMatch(/n = 60 > exactUpTo 10: Monte Carlo p from 2000 random tables .*\(seed 4242\)/);
    expect(cell.conventions?.sizeSwitch).toBe('n = 60 > exactUpTo 10: Monte Carlo p (2000 tables, seed 4242)');
    expect(drawn).toBe(1);
    const fisherVariant = r.sensitivity[0].variants.find((v) => v.name.startsWith("Fisher's test"));
    expect(fisherVariant?.name).toBe("Fisher's test, Monte Carlo p");
    expect(fisherVariant?.value).toBe(mc.pValue);
  });

  it('explicit fisher on 2 × 2 stays exact at any size (its hypergeometric sum is O(n)); no seed drawn', () => {
    let drawn = 0;
    const r = run([{ variable: 'c2', test: 'fisher' }], 10, () => ++drawn);
    const table = ['yes', 'no'].map((l) =>
      ['neg', 'pos'].map((g) => DATA.filter((x) => x.c2 === l && x.grp === g).length),
    );
    expect(pCell(r, 'c2').value).toBe(fisherExactTest(table).pValue);
    expect(pCell(r, 'c2').conventions?.sizeSwitch).toBeUndefined();
    expect(drawn).toBe(0);
  });

  it('without a seed stream (library use) the Monte Carlo p uses seed 1, and says so', () => {
    const cell = pCell(run([{ variable: 'c1', test: 'fisher' }], 10), 'c1');
    expect(cell.value).toBe(fisherExactTest(c1Table(), { simulate: { replicates: 2000, seed: 1 } }).pValue);
    expect(cell.method).toMatch(/\(seed 1\)/);
  });
});
