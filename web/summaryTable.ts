/**
 * The page's summary table ("Table 1"): every chosen column summarised by the groups of one grouping column,
 * with a test chosen by the same rules as `restudy run` (`test: auto` of analyses/README.md) and named beside
 * each p. This is the page's adapter until the study runner's browser-safe summary-table module lands; it uses
 * only the public statistics API through src/browser.ts, so its numbers are the runner's numbers.
 *
 * Rules (as the runner's `auto`):
 * - categorical: Pearson χ² (Yates on 2 × 2 when the preset says so), Fisher's exact test when an expected
 *   count is below `fisherWhenExpectedBelow`;
 * - numeric: Shapiro–Wilk in every group (each with ≥ 3 values and at most 5 000 in all); all p ≥
 *   `normalityAlpha` → one-way ANOVA (≥ 3 groups) or the preset's t-test (2 groups), else Kruskal–Wallis or
 *   Mann–Whitney (exactness and continuity per preset).
 */
import {
  chiSquareTest,
  fisherExactTest,
  kruskalWallis,
  mannWhitneyU,
  mean,
  oneWayAnova,
  quantile,
  shapiroWilk,
  standardDeviation,
  tTest,
} from '../src/browser.ts';
import { fixed, formatP } from '../src/study/format.ts';
import type { ColumnType, RawRow } from './columns.ts';

/** The conventions that change a summary table's numbers; the two built-in presets of the study language. */
export interface SummaryConventions {
  readonly yates: boolean;
  readonly fisherWhenExpectedBelow: number;
  readonly quantileType: 6 | 7;
  readonly mannWhitney: { readonly exact: boolean | undefined; readonly correct: boolean };
  readonly tTest: 'student' | 'welch';
  readonly normalityAlpha: number;
}

export const PRESETS: Readonly<Record<'spss' | 'r', { label: string; conventions: SummaryConventions }>> = {
  spss: {
    label: 'SPSS: Pearson χ² without continuity correction, percentiles type 6 (HAVERAGE), Student t, asymptotic Mann–Whitney',
    conventions: { yates: false, fisherWhenExpectedBelow: 5, quantileType: 6, mannWhitney: { exact: false, correct: false }, tTest: 'student', normalityAlpha: 0.05 },
  },
  r: {
    label: "R defaults: chisq.test with Yates on 2 × 2, quantile type 7, Welch t, wilcox.test's exactness rule",
    conventions: { yates: true, fisherWhenExpectedBelow: 5, quantileType: 7, mannWhitney: { exact: undefined, correct: true }, tTest: 'welch', normalityAlpha: 0.05 },
  },
};

/** Above this many values Shapiro–Wilk is undefined (R's limit): `auto` takes the rank test and says why. */
export const SHAPIRO_MAX_N = 5000;

export type NumericSummary = 'auto' | 'mean_sd' | 'median_iqr';

export interface SummaryColumn {
  readonly name: string;
  readonly type: Exclude<ColumnType, 'id' | 'empty'>;
}

export interface SummaryRequest {
  readonly rows: readonly RawRow[];
  readonly groupColumn: string;
  /** the groups shown and their order (as `levels` of a summary-table spec); default: every group, sorted */
  readonly groupOrder?: readonly string[];
  readonly columns: readonly SummaryColumn[];
  readonly conventions: SummaryConventions;
  /** numeric rows: mean ± SD, median (Q1, Q3), or `auto` (mean ± SD when the chosen test is parametric) */
  readonly numericSummary: NumericSummary;
  /** decimals of means, SDs and quantiles @default 2 */
  readonly digits?: number;
}

export interface SummaryCell {
  readonly text: string;
}

export interface SummaryLevelRow {
  readonly level: string;
  /** by group code, plus `total` */
  readonly cells: Readonly<Record<string, SummaryCell>>;
}

export interface SummaryRow {
  readonly variable: string;
  readonly type: SummaryColumn['type'];
  /** what the cells show: "mean ± SD", "median (Q1, Q3)", "n (%)" */
  readonly summary: string;
  readonly cells: Readonly<Record<string, SummaryCell>>;
  readonly levels: readonly SummaryLevelRow[];
  /** values used / left out as missing (or with no group) */
  readonly used: number;
  readonly missing: number;
  readonly p: number | null;
  readonly pDisplay: string;
  /** short test name shown beside p ("χ²", "Fisher", "Kruskal–Wallis", …) */
  readonly test: string;
  /** the test with its statistic and why it was chosen */
  readonly method: string;
  readonly warnings: readonly string[];
}

export interface SummaryTable {
  readonly groupColumn: string;
  readonly groups: readonly { readonly code: string; readonly n: number }[];
  readonly total: number;
  /** rows whose group is missing: left out of every row */
  readonly withoutGroup: number;
  readonly rows: readonly SummaryRow[];
  readonly notes: readonly string[];
  readonly conventions: SummaryConventions;
}

/** Error in the request itself (no groups, a group column that is not categorical, …): shown in the page. */
export class SummaryInputError extends Error {
  override readonly name = 'SummaryInputError';
}

const byNatural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/** Builds the summary table. @throws SummaryInputError when fewer than two groups have rows */
export function summaryTable(req: SummaryRequest): SummaryTable {
  const { rows, groupColumn, conventions } = req;
  const withGroup = rows.filter((r) => r[groupColumn] !== null && r[groupColumn] !== undefined);
  const present = [...new Set(withGroup.map((r) => String(r[groupColumn])))].sort(byNatural);
  const codes = req.groupOrder?.length ? [...req.groupOrder] : present;
  const unknown = codes.filter((c) => !present.includes(c));
  if (unknown.length) {
    throw new SummaryInputError(`group order: ${unknown.map((c) => `"${c}"`).join(', ')} ${unknown.length === 1 ? 'is not a value' : 'are not values'} of "${groupColumn}" (have ${present.join(', ')})`);
  }
  const repeated = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (repeated.length) throw new SummaryInputError(`group order: "${repeated[0]}" is listed twice`);
  const grouped = withGroup.filter((r) => codes.includes(String(r[groupColumn])));
  if (codes.length < 2) {
    throw new SummaryInputError(`grouping column "${groupColumn}" has ${codes.length} group(s) with data; a summary table compares at least two`);
  }
  if (codes.length > 20) {
    throw new SummaryInputError(`grouping column "${groupColumn}" has ${codes.length} distinct values; pick a categorical column (at most 20 groups)`);
  }
  const groups = codes.map((code) => ({ code, n: grouped.filter((r) => String(r[groupColumn]) === code).length }));
  const out: SummaryRow[] = [];
  for (const col of req.columns) {
    if (col.name === groupColumn) continue;
    out.push(col.type === 'numeric' ? numericRow(req, grouped, codes, col.name) : categoricalRow(req, grouped, codes, col.name));
  }
  const c = conventions;
  const notes = [
    `Groups: ${groupColumn} (${groups.map((g) => `${g.code} n = ${g.n}`).join(', ')}); ${rows.length - withGroup.length} row(s) without a group${withGroup.length > grouped.length ? ` and ${withGroup.length - grouped.length} in groups not shown` : ''} left out.`,
    `Categorical rows: Pearson χ²${c.yates ? ' (Yates on 2 × 2)' : ' without continuity correction'}, or Fisher's exact test when an expected count is below ${c.fisherWhenExpectedBelow}.`,
    `Numeric rows: Shapiro–Wilk in every group; all p ≥ ${c.normalityAlpha} → ${codes.length > 2 ? 'one-way ANOVA' : `${c.tTest === 'student' ? 'Student' : 'Welch'} t-test`}, else ${codes.length > 2 ? 'Kruskal–Wallis (tie-corrected)' : `Mann–Whitney U (${mwConventionText(c)})`}; above ${SHAPIRO_MAX_N} values the rank test without Shapiro–Wilk.`,
    `Medians and quartiles: quantile type ${c.quantileType}${c.quantileType === 6 ? ' (SPSS HAVERAGE)' : ' (R default)'}; SD with n − 1. Percentages of the non-missing values in each group.`,
  ];
  return Object.freeze({ groupColumn, groups, total: grouped.length, withoutGroup: rows.length - grouped.length, rows: out, notes, conventions });
}

function mwConventionText(c: SummaryConventions): string {
  const exact = c.mannWhitney.exact === undefined ? "exact when both n < 50 and no ties (R's rule)" : c.mannWhitney.exact ? 'exact' : 'normal approximation';
  return `${exact}, ${c.mannWhitney.correct ? 'with' : 'without'} continuity correction`;
}

function numericRow(req: SummaryRequest, rows: readonly RawRow[], codes: readonly string[], variable: string): SummaryRow {
  const { conventions: c, groupColumn } = req;
  const digits = req.digits ?? 2;
  const warnings: string[] = [];
  const groups = codes.map((g) => rows.filter((r) => String(r[groupColumn]) === g).map((r) => r[variable]).filter(isNumber));
  const all = groups.flat();
  const missing = rows.length - all.length;
  const empty = codes.filter((_, i) => groups[i].length === 0);
  if (empty.length) warnings.push(`no values in group(s) ${empty.join(', ')}`);

  let p: number | null = null;
  let test = 'none';
  let method = 'no test: fewer than two groups with values';
  let parametric = false;
  if (groups.every((g) => g.length > 0) && all.length > codes.length) {
    const chosen = chooseNumericTest(groups, codes, c);
    parametric = chosen.parametric;
    const result = runNumericTest(groups, c, parametric);
    p = result.p;
    test = result.test;
    method = `${result.method}; ${chosen.why}`;
    warnings.push(...result.warnings);
  }
  const summary = req.numericSummary === 'auto' ? (parametric ? 'mean_sd' : 'median_iqr') : req.numericSummary;
  const describe = (x: number[]): SummaryCell => ({ text: describeNumeric(x, summary, c.quantileType, digits) });
  const cells: Record<string, SummaryCell> = { total: describe(all) };
  codes.forEach((g, i) => (cells[g] = describe(groups[i])));
  return Object.freeze({
    variable,
    type: 'numeric' as const,
    summary: summary === 'mean_sd' ? 'mean ± SD' : `median (Q1, Q3), type ${c.quantileType}`,
    cells,
    levels: [],
    used: all.length,
    missing,
    p,
    pDisplay: formatP(p),
    test,
    method,
    warnings,
  });
}

function isNumber(v: RawRow[string]): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function describeNumeric(x: number[], summary: 'mean_sd' | 'median_iqr', type: 6 | 7, digits: number): string {
  if (x.length === 0) return 'NA';
  if (summary === 'mean_sd') return `${fixed(mean(x), digits)} ± ${x.length > 1 ? fixed(standardDeviation(x), digits) : 'NA'}`;
  const [q1, med, q3] = quantile(x, [0.25, 0.5, 0.75], { type });
  return `${fixed(med, digits)} (${fixed(q1, digits)}, ${fixed(q3, digits)})`;
}

function chooseNumericTest(groups: number[][], codes: readonly string[], c: SummaryConventions): { parametric: boolean; why: string } {
  const n = groups.reduce((s, g) => s + g.length, 0);
  if (n > SHAPIRO_MAX_N) return { parametric: false, why: `${n} values: Shapiro–Wilk is undefined above ${SHAPIRO_MAX_N} (R's limit), so the rank test` };
  const sw = groups.map((g) => (g.length >= 3 && new Set(g).size > 1 ? shapiroWilk(g).pValue : null));
  const normal = sw.every((p) => p !== null && p >= c.normalityAlpha);
  const list = sw.map((p, i) => `${codes[i]} p = ${p === null ? 'NA' : formatP(p)}`).join(', ');
  return { parametric: normal, why: `chosen by Shapiro–Wilk (${list}): ${normal ? `all ≥ ${c.normalityAlpha}` : `some < ${c.normalityAlpha} or NA`}` };
}

function runNumericTest(groups: number[][], c: SummaryConventions, parametric: boolean): { p: number; test: string; method: string; warnings: readonly string[] } {
  if (groups.length > 2) {
    if (parametric) {
      const r = oneWayAnova(groups, { varEqual: true });
      return { p: r.pValue, test: 'ANOVA', method: `one-way ANOVA F = ${fixed(r.statistic as number, 3)}`, warnings: r.warnings };
    }
    const r = kruskalWallis(groups);
    return { p: r.pValue, test: 'Kruskal–Wallis', method: `Kruskal–Wallis H = ${fixed(r.statistic, 3)}, df = ${r.df}, tie-corrected`, warnings: r.warnings };
  }
  if (parametric) {
    const r = tTest(groups[0], groups[1], { varEqual: c.tTest === 'student' });
    const name = c.tTest === 'student' ? 'Student t-test' : 'Welch t-test';
    return { p: r.pValue, test: c.tTest === 'student' ? 't (Student)' : 't (Welch)', method: `${name} t = ${fixed(r.statistic as number, 3)}`, warnings: r.warnings };
  }
  const r = mannWhitneyU(groups[0], groups[1], { exact: c.mannWhitney.exact, correct: c.mannWhitney.correct });
  return { p: r.pValue, test: 'Mann–Whitney', method: `${r.method}, U = ${fixed(r.statistic, 1)}`, warnings: r.warnings };
}

function categoricalRow(req: SummaryRequest, rows: readonly RawRow[], codes: readonly string[], variable: string): SummaryRow {
  const { conventions: c, groupColumn } = req;
  const warnings: string[] = [];
  const present = rows.filter((r) => r[variable] !== null && r[variable] !== undefined);
  const levels = [...new Set(present.map((r) => String(r[variable])))].sort(byNatural);
  // counts[level][group], as the runner builds them
  const counts = levels.map((l) => codes.map((g) => present.filter((r) => String(r[groupColumn]) === g && String(r[variable]) === l).length));
  const groupTotals = codes.map((_, j) => counts.reduce((s, row) => s + row[j], 0));
  const percentCell = (count: number, of: number): SummaryCell => ({ text: `${count} (${of > 0 ? fixed((100 * count) / of, 1) : 'NA'}%)` });
  const levelRows = levels.map((level, i) => {
    const cells: Record<string, SummaryCell> = { total: percentCell(counts[i].reduce((a, b) => a + b, 0), present.length) };
    codes.forEach((g, j) => (cells[g] = percentCell(counts[i][j], groupTotals[j])));
    return { level, cells };
  });
  if (levels.length > 20) warnings.push(`${levels.length} distinct values: is this column really categorical?`);
  const outcome = categoricalTest(counts, c);
  if (!outcome) warnings.push('no test: fewer than two non-empty levels or groups');
  return Object.freeze({
    variable,
    type: 'categorical' as const,
    summary: 'n (%)',
    cells: {},
    levels: levelRows,
    used: present.length,
    missing: rows.length - present.length,
    p: outcome?.p ?? null,
    pDisplay: formatP(outcome?.p ?? null),
    test: outcome?.test ?? 'none',
    method: outcome?.method ?? 'no test: fewer than two non-empty levels or groups',
    warnings: [...warnings, ...(outcome?.warnings ?? [])],
  });
}

/** Pearson χ² unless an expected count is below the preset's threshold, then Fisher's exact test (as the runner). */
function categoricalTest(table: number[][], c: SummaryConventions): { p: number; test: string; method: string; warnings: readonly string[] } | null {
  const nonEmptyRows = table.filter((r) => r.some((v) => v > 0));
  const nonEmptyCols = (table[0] ?? []).map((_, j) => j).filter((j) => table.some((r) => r[j] > 0));
  if (nonEmptyRows.length < 2 || nonEmptyCols.length < 2) return null;
  const chi = chiSquareTest(table, { correct: c.yates });
  if (chi.minExpected < c.fisherWhenExpectedBelow) {
    const f = fisherExactTest(table);
    const below = chi.cellsExpectedBelow5;
    return {
      p: f.pValue,
      test: 'Fisher',
      method: `Fisher's exact test (${table.length} × ${table[0].length}), chosen because the smallest expected count is ${fixed(chi.minExpected, 2)} < ${c.fisherWhenExpectedBelow} (${below} cell${below === 1 ? '' : 's'} below 5)`,
      warnings: f.warnings,
    };
  }
  const yates = c.yates && chi.observed.length === 2 && chi.observed[0].length === 2;
  return {
    p: chi.pValue,
    test: 'χ²',
    method: `Pearson χ² = ${fixed(chi.statistic, 3)}, df = ${chi.df}${yates ? ', Yates-corrected' : ', no continuity correction'}; every expected count ≥ ${c.fisherWhenExpectedBelow} (smallest ${fixed(chi.minExpected, 2)})`,
    warnings: chi.warnings,
  };
}
