/**
 * Compares a study's results (results.json, or the same object in memory) with the committed R computation of
 * its example study (test/fixtures/r/examples/<study>/generate.R). Two directions, so that neither side can
 * drift silently: every number R computed must be in the report and agree, and every number the report shows
 * for those analyses must have an R value.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { expectClose } from '../helpers/expectClose.ts';

/** One number of the R fixture: where restudy reports it (analysis id = table key, row key, column key). */
export interface RCase {
  analysis: string;
  row: string;
  column: string;
  value: number | null;
  what: string;
  /** 1e-9 for closed forms, 1e-6 for iterative fits (IRLS, profile CIs and what depends on them). */
  rtol: number;
}

interface ReportedCell {
  table: string;
  row: string;
  column: string;
  value: number | null;
  method?: string;
}

/** The parts of a StudyResult the comparison reads (results.json has these fields). */
export interface ReportLike {
  tables: readonly { id: string; rows: readonly { cells: Record<string, { parts: readonly ReportedCell[] }> }[] }[];
  exclusions: readonly { table: string; variable: string; patientIds: readonly string[] }[];
}

export function fixtureOf(study: string): RCase[] {
  const path = `test/fixtures/r/examples/${study}/${study}.json`;
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: RCase[] }).cases;
}

const keyOf = (table: string, row: string, column: string): string => `${table}|${row}|${column}`;

/** Every number cell of the named analyses, by table|row|column (a cell shown twice counts once). */
export function reportedCells(report: ReportLike, analyses: readonly string[]): Map<string, ReportedCell> {
  const cells = new Map<string, ReportedCell>();
  for (const table of report.tables) {
    if (!analyses.includes(table.id)) continue;
    for (const row of table.rows) {
      for (const cell of Object.values(row.cells)) for (const p of cell.parts) cells.set(keyOf(p.table, p.row, p.column), p);
    }
  }
  return cells;
}

/**
 * Asserts that the report agrees with R on the named analyses. Columns `missing` (a row's missing values)
 * and `excluded` (rows without a grouping value) are read from the report's exclusions; every other case is a
 * cell. Returns how many numbers were compared.
 */
export function expectAgreesWithR(report: ReportLike, cases: readonly RCase[], analyses: readonly string[]): number {
  const ours = cases.filter((c) => analyses.includes(c.analysis));
  expect(ours.length, `R cases of ${analyses.join(', ')}`).toBeGreaterThan(0);
  const cells = reportedCells(report, analyses);
  const checked = new Set<string>();
  for (const c of ours) {
    const where = `${c.analysis} ${c.row} | ${c.column} (${c.what})`;
    if (c.column === 'missing' || c.column === 'excluded') {
      const ex = report.exclusions.filter((e) => e.table === c.analysis && e.variable === c.row);
      // an exact count
      expect(ex.reduce((n, e) => n + e.patientIds.length, 0), where).toBe(c.value);
      continue;
    }
    const key = keyOf(c.analysis, c.row, c.column);
    const cell = cells.get(key);
    expect(cell, `${where}: not in the report`).toBeDefined();
    checked.add(key);
    if (c.value === null) expect(cell!.value, `${where}: R gives NA`).toBeNull();
    else expectClose(cell!.value as number, c.value, { rtol: c.rtol, atol: 1e-14 }, where);
  }
  const unchecked = [...cells.entries()].filter(([k, cell]) => cell.value !== null && !checked.has(k)).map(([k]) => k);
  expect(unchecked, 'numbers in the report without an R value').toEqual([]);
  return checked.size;
}
