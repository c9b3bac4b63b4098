/**
 * Compares a study's results (results.json, or the same object in memory) with the committed R computation of
 * its example study (test/fixtures/r/examples/<study>/generate.R). Two directions, so that neither side can
 * drift silently: every number R computed must be in the report and agree, and every number the report shows
 * for those analyses must have an R value.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
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
  tables: readonly {
    id: string;
    rows: readonly { cells: Record<string, { text: string; parts: readonly ReportedCell[] }> }[];
  }[];
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
      for (const cell of Object.values(row.cells))
        for (const p of cell.parts) cells.set(keyOf(p.table, p.row, p.column), p);
    }
  }
  return cells;
}

/**
 * Asserts that the report agrees with R on the named analyses. Columns `missing` (a row's missing values)
 * and `excluded` (rows without a grouping value) are read from the report's exclusions; every other case is a
 * cell. Returns how many numbers were compared at full precision.
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
      expect(
        ex.reduce((n, e) => n + e.patientIds.length, 0),
        where,
      ).toBe(c.value);
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

/** One run of an example study: the parsed results.json and the report folder. */
export interface ExampleRun {
  results: ReportLike & Record<string, unknown>;
  dir: string;
}

/**
 * Runs `restudy run analyses/<study>` as a user would on a fresh clone: from an empty temporary working
 * directory (so every path must resolve against the study folder), the report written to a new folder there.
 * In-process (the CLI's runCommand), with 100 bootstrap replicates: the numbers compared do not depend on them
 * (DeLong CIs; the replicates only feed the sensitivity panel's optimism estimates).
 */
export async function runExample(study: string): Promise<ExampleRun> {
  const studyDir = resolve('analyses', study);
  const cwd = mkdtempSync(join(tmpdir(), `restudy-example-${study}-`));
  const dir = join(cwd, 'report');
  const previous = process.cwd();
  let stderr = '';
  process.chdir(cwd); // the forks pool gives each test file its own process
  try {
    const code = await runCommand(
      studyDir,
      { out: dir, replicates: '100' },
      { stdout: () => {}, stderr: (s) => (stderr += s) },
    );
    expect(code, stderr).toBe(0);
  } finally {
    process.chdir(previous);
  }
  return { results: JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')), dir };
}

/** Runs the example once before the file's tests (see {@link runExample}); the getter returns that run. */
export function useExampleRun(study: string): () => ExampleRun {
  let run: ExampleRun | undefined;
  beforeAll(async () => {
    run = await runExample(study);
  }, 300_000);
  return () => run as ExampleRun;
}
