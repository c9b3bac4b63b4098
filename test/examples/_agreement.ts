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

/** What the runner does not (yet) report as a number, and how the comparison treats it. */
export interface ReportGaps {
  /**
   * R numbers the report does not show at all (columns matching this), with the reason. Such a number must
   * be absent from the report: the day the runner reports it, this test fails until it is compared.
   */
  notReported?: { columns: RegExp; reason: string };
  /**
   * Confidence limits shown only inside a cell's text, "0.257 (0.173–0.341)": a case with column
   * `<base>_ci_lower` / `<base>_ci_upper` is compared with the printed limit at the printed decimals.
   */
  ciInText?: boolean;
}

/** Decimals of a printed number ("0.173" → 3). */
const decimalsOf = (text: string): number => (text.includes('.') ? text.split('.')[1].length : 0);

/**
 * Asserts that the report agrees with R on the named analyses. Columns `missing` (a row's missing values)
 * and `excluded` (rows without a grouping value) are read from the report's exclusions; every other case is a
 * cell. Returns how many numbers were compared at full precision.
 */
export function expectAgreesWithR(
  report: ReportLike,
  cases: readonly RCase[],
  analyses: readonly string[],
  gaps: ReportGaps = {},
): number {
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
    if (cell === undefined && gaps.notReported?.columns.test(c.column)) continue;
    if (cell === undefined && gaps.ciInText && /_ci_(lower|upper)$/.test(c.column)) {
      expectPrintedLimit(report, c, where);
      continue;
    }
    expect(cell, `${where}: not in the report`).toBeDefined();
    checked.add(key);
    if (c.value === null) expect(cell!.value, `${where}: R gives NA`).toBeNull();
    else expectClose(cell!.value as number, c.value, { rtol: c.rtol, atol: 1e-14 }, where);
  }
  const unchecked = [...cells.entries()].filter(([k, cell]) => cell.value !== null && !checked.has(k)).map(([k]) => k);
  expect(unchecked, 'numbers in the report without an R value').toEqual([]);
  return checked.size;
}

/** A CI limit printed in the text of the cell that holds `<base>`: equal to R's value at the printed decimals. */
function expectPrintedLimit(report: ReportLike, c: RCase, where: string): void {
  const base = c.column.replace(/_ci_(lower|upper)$/, '');
  const table = report.tables.find((t) => t.id === c.analysis);
  const cell = table?.rows
    .flatMap((r) => Object.values(r.cells))
    .find((d) => d.parts.some((p) => p.row === c.row && p.column === base)) as { text: string } | undefined;
  const limits = cell?.text.match(/\((-?[\d.]+)–(-?[\d.]+)\)/);
  expect(limits, `${where}: no "(lower–upper)" in the text of ${c.row} | ${base}`).toBeTruthy();
  const printed = limits![c.column.endsWith('lower') ? 1 : 2];
  const half = 0.5 * 10 ** -decimalsOf(printed);
  expect(
    Math.abs(Number(printed) - (c.value as number)),
    `${where}: printed ${printed}, R ${c.value}`,
  ).toBeLessThanOrEqual(half + 1e-12);
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
