/**
 * The `summary-table` kind: Table 1 and its relatives. Plain rows, column information, the spec and the
 * conventions in; a typed result out (the table with every number as a cell, one typed entry per variable,
 * the sensitivity rows and the exclusions). Browser-safe: `restudy run` and the offline page build the same
 * table with the same numbers from this module.
 */
import { type CellFactory, display, plainCells } from '../cells.ts';
import type { Adjust, Conventions } from '../conventions.ts';
import { SpecError } from '../errors.ts';
import { fixed } from '../format.ts';
import { inSubgroup, type Subgroup, subgroupNamed } from '../subgroups.ts';
import type { ColumnInfo, DisplayCell, Exclusion, Row, SensitivityRow, TableResult, TableRow } from '../types.ts';
import { categoricalRow, numericRow, type RowContext } from './_summaryRows.ts';
import { type TestName, type TestOutcome, testMisfit } from './_tests.ts';
import {
  parseRows,
  type RowItem,
  type SummaryName,
  type SummaryTableSpec,
  tableResult,
  type VariableRowSpec,
} from './summaryTable.schema.ts';

export { parseRows, type RowItem, type SummaryTableSpec, summaryTableSchema } from './summaryTable.schema.ts';

export interface Pair {
  id: string;
  a: string;
  b: string;
  label: string;
}

export interface Group {
  code: string;
  label: string;
  n: number;
}

/** One variable of the table, as numbers (what figures and the findings read). */
export interface SummaryVariable {
  variable: string;
  label: string;
  /** The row key of its cells (the printed row key when the spec gives one). */
  rowKey: string;
  type: 'categorical' | 'numeric';
  summary: SummaryName;
  subgroup: string;
  /** Rows with a value (n used) and without one, in the row's subgroup. */
  n: number;
  missing: number;
  /** Numeric rows: the values of each group (table order). */
  values?: number[][];
  /** Categorical rows: counts[level][group]. */
  counts?: { levels: string[]; table: number[][] };
  test: { requested: TestName; outcome: TestOutcome | null; why?: string; notComputed?: string } | null;
  pairwise: { pair: Pair; pValue: number | null; shown: boolean; method: string }[];
}

export interface SummaryTableResult {
  table: TableResult;
  groups: Group[];
  pairs: Pair[];
  variables: SummaryVariable[];
  sensitivity: SensitivityRow[];
  exclusions: Exclusion[];
}

export interface SummaryTableInput {
  spec: SummaryTableSpec;
  /** The rows, with `rowsFrom` already followed; default: `spec.rows` parsed. */
  rows?: RowItem[];
  data: readonly Row[];
  columns: ReadonlyMap<string, ColumnInfo>;
  conventions: Conventions;
  alpha: number;
  subgroups?: ReadonlyMap<string, Subgroup>;
  /** Makes each number's cell (the runner's compares it with the printed number). @default plainCells */
  cells?: CellFactory;
  /** How an excluded row is named. @default its 1-based position in `data` */
  rowId?: (row: Row, index: number) => string;
  /** The study's seed stream, for a Fisher p simulated above `exactUpTo`. @default every such p uses seed 1 */
  nextSeed?: () => number;
  /** The spec file, for error messages. @default the spec's id */
  file?: string;
}

const safeId = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_');

function levelLabel(column: ColumnInfo | undefined, code: string, override?: Record<string, string>): string {
  if (override && Object.hasOwn(override, code)) return override[code];
  return column?.levels?.find((l) => l.code === code)?.label ?? code;
}

interface Resolved {
  rows: RowItem[];
  groups: { code: string; label: string }[];
  pairs: Pair[];
}

/** Every problem with the spec against these columns and subgroups (empty when it can run). */
export function checkSummaryTable(input: CheckInput): string[] {
  return resolve(input).problems;
}

type CheckInput = Pick<SummaryTableInput, 'spec' | 'rows' | 'columns' | 'subgroups'>;

function resolve(input: CheckInput): Resolved & { problems: string[] } {
  const { spec, columns } = input;
  const problems: string[] = [];
  let rows = input.rows;
  if (!rows) {
    if (!spec.rows) return { rows: [], groups: [], pairs: [], problems: ['rows: give rows or rowsFrom'] };
    const parsed = parseRows(spec.rows);
    problems.push(...parsed.problems);
    rows = parsed.rows;
  }
  if (!subgroupNamed(input.subgroups, spec.subgroup))
    problems.push(`subgroup: no subgroup "${spec.subgroup}" (have ${subgroupNames(input)})`);
  let groups: { code: string; label: string }[] = [];
  if (spec.by) {
    const col = columns.get(spec.by.variable);
    if (!col) problems.push(`by.variable: no column "${spec.by.variable}" in the codebook`);
    else if (col.type !== 'categorical' || !col.levels)
      problems.push(`by.variable: "${spec.by.variable}" is ${col.type}, not categorical`);
    else {
      const codes = col.levels.map((l) => l.code);
      const wanted = spec.by.levels ?? codes;
      wanted.forEach((code, i) => {
        if (!codes.includes(code))
          problems.push(`by.levels.${i}: "${code}" is not a level of ${col.name} (have ${codes.join(', ')})`);
      });
      for (const code of Object.keys(spec.by.labels ?? {})) {
        if (!wanted.includes(code)) problems.push(`by.labels: "${code}" is not a level shown (${wanted.join(', ')})`);
      }
      groups = wanted.map((code) => ({ code, label: levelLabel(col, code, spec.by?.labels) }));
    }
  }
  const pairs: Pair[] = [];
  const pw = spec.pairwise?.pairs;
  if (pw && pw !== 'none') {
    if (!spec.by) problems.push('pairwise: pairs need a grouping column (`by`)');
    const label = (code: string): string => groups.find((g) => g.code === code)?.label ?? code;
    type Listed = { id?: string; a: string; b: string; label?: string };
    const listed: Listed[] =
      pw === 'all'
        ? groups.flatMap((g, i) => groups.slice(i + 1).map((h) => ({ a: g.code, b: h.code })))
        : (pw as Listed[]);
    listed.forEach((p, i) => {
      for (const side of [p.a, p.b]) {
        if (groups.length && !groups.some((g) => g.code === side))
          problems.push(
            `pairwise.pairs.${i}: "${side}" is not a group of this table (${groups.map((g) => g.code).join(', ')})`,
          );
      }
      if (p.a === p.b) problems.push(`pairwise.pairs.${i}: a pair needs two different groups`);
      const id = p.id ?? safeId(`${p.a}_vs_${p.b}`);
      if (pairs.some((q) => q.id === id)) problems.push(`pairwise.pairs.${i}: pair id "${id}" is used twice`);
      pairs.push({ id, a: p.a, b: p.b, label: p.label ?? `${label(p.a)} vs ${label(p.b)}` });
    });
  }
  for (const r of rows) if (!('section' in r)) problems.push(...checkRow(input, r, groups.length));
  return { rows, groups, pairs, problems };
}

const subgroupNames = (input: CheckInput): string =>
  ['all', ...[...(input.subgroups?.keys() ?? [])].filter((k) => k !== 'all')].join(', ');

const NUMERIC_SUMMARIES: ReadonlySet<string> = new Set(['mean_sd', 'median_iqr', 'median_range']);

function checkRow(input: CheckInput, r: VariableRowSpec, nGroups: number): string[] {
  const at = `rows.${r.index}`;
  const col = input.columns.get(r.variable);
  if (!col) return [`${at}.variable: no column "${r.variable}" in the codebook`];
  if (col.type === 'text')
    return [`${at}.variable: "${r.variable}" is a text column; only categorical and numeric columns can be summarised`];
  const out: string[] = [];
  const summary = summaryOf(r, col);
  if (col.type === 'categorical' && NUMERIC_SUMMARIES.has(summary))
    out.push(`${at}.summary: ${summary} needs a numeric column; "${r.variable}" is categorical (use n_percent)`);
  if (col.type === 'numeric' && summary === 'n_percent')
    out.push(
      `${at}.summary: n_percent needs a categorical column; "${r.variable}" is numeric ` +
        `(use mean_sd, median_iqr or median_range, or a derived cut)`,
    );
  const misfit = testMisfit(r.test ?? 'auto', col.type, nGroups);
  if (misfit) out.push(`${at}.test: ${misfit}`);
  if (r.subgroup !== undefined && !subgroupNamed(input.subgroups, r.subgroup))
    out.push(`${at}.subgroup: no subgroup "${r.subgroup}" (have ${subgroupNames(input)})`);
  const codes = col.levels?.map((l) => l.code) ?? [];
  if (r.levels && col.type !== 'categorical') out.push(`${at}.levels: "${r.variable}" is not categorical`);
  r.levels?.forEach((l, i) => {
    if (col.type === 'categorical' && !codes.includes(l))
      out.push(`${at}.levels.${i}: "${l}" is not a level of ${r.variable} (have ${codes.join(', ')})`);
  });
  for (const l of Object.keys(r.labels ?? {}))
    if (!codes.includes(l)) out.push(`${at}.labels: "${l}" is not a level of ${r.variable} (have ${codes.join(', ')})`);
  return out;
}

export const summaryOf = (r: VariableRowSpec, col: ColumnInfo): SummaryName =>
  r.summary ?? (col.type === 'categorical' ? 'n_percent' : 'median_iqr');

/** Builds the table. Throws SpecError (exit 2) when the spec names something the data do not have. */
export function runSummaryTable(input: SummaryTableInput): SummaryTableResult {
  const file = input.file ?? input.spec.id;
  const resolved = resolve(input);
  if (resolved.problems.length) throw new SpecError(file, resolved.problems);
  const { spec, conventions: conv, alpha } = input;
  const cells = input.cells ?? plainCells;
  const tableKey = spec.published ?? spec.id;
  const rowId = input.rowId ?? ((_: Row, i: number) => String(i + 1));
  const byVar = spec.by?.variable;
  const grouped = resolved.groups.length > 0;
  const groupCodes = resolved.groups.map((g) => g.code);
  const showTotal = spec.total ?? !grouped;
  let positions: Map<Row, number> | undefined; // built only when a row is excluded (one entry per data row)
  const indexOf = {
    get: (r: Row): number | undefined => {
      positions ??= new Map(input.data.map((x, i) => [x, i]));
      return positions.get(r);
    },
  };
  const exclusions: Exclusion[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];

  const rowsOf = (subgroupName: string): Row[] => {
    const sg = subgroupNamed(input.subgroups, subgroupName) as Subgroup;
    return input.data.filter((r) => inSubgroup(r, sg));
  };
  const base = rowsOf(spec.subgroup);
  const groupOf = (r: Row): string | null => (byVar === undefined ? '' : r[byVar] === null ? null : String(r[byVar]));
  const codeSet = new Set(groupCodes);
  const inTable = (rows: readonly Row[]): Row[] =>
    grouped ? rows.filter((r) => codeSet.has(groupOf(r) ?? '\u0000')) : [...rows];
  if (grouped && byVar) {
    const noGroup = base.filter((r) => r[byVar] === null);
    if (noGroup.length) {
      exclusions.push({
        table: spec.id,
        variable: byVar,
        patientIds: noGroup.map((r) => rowId(r, indexOf.get(r) ?? 0)),
      });
      warnings.push(
        `${noGroup.length} row${noGroup.length === 1 ? '' : 's'} without a value of ${byVar}` +
          ` left out of the whole table`,
      );
    }
    const other = base.filter((r) => r[byVar] !== null && !groupCodes.includes(String(r[byVar]))).length;
    if (other)
      notes.push(
        `${other} row${other === 1 ? '' : 's'} in groups of ${byVar} not shown here (by.levels) are not in this table.`,
      );
  }
  const tableRows = inTable(base);
  const bySubgroup = new Map<string, Row[]>(); // rows of a row's own subgroup, filtered once per subgroup
  const subgroupRows = (name: string): Row[] => {
    let rows = bySubgroup.get(name);
    if (rows === undefined) bySubgroup.set(name, (rows = inTable(rowsOf(name))));
    return rows;
  };
  const sizes = (rows: readonly Row[]): Group[] => {
    const n = new Map<string, number>();
    for (const r of rows) {
      const g = groupOf(r);
      if (g !== null) n.set(g, (n.get(g) ?? 0) + 1);
    }
    return resolved.groups.map((g) => ({ ...g, n: n.get(g.code) ?? 0 }));
  };
  const groups = sizes(tableRows);
  const rowCtx: RowContext = {
    tableKey,
    spec,
    conv,
    alpha,
    cells,
    groups: resolved.groups,
    pairs: resolved.pairs,
    showTotal,
    groupOf,
    adjustNumeric: spec.pairwise?.adjust ?? conv.pairwiseAdjust,
    adjustCategorical: spec.pairwise?.adjust ?? conv.pairwiseCategoricalAdjust,
    subgroupLabel: (name) => subgroupNamed(input.subgroups, name)?.label ?? name,
    sensitivity: [],
    warnings,
    ...(input.nextSeed ? { nextSeed: input.nextSeed } : {}),
  };

  const out: TableRow[] = [];
  out.push(sizeRow(rowCtx, byVar ?? 'n', tableRows.length, groups));
  const variables: SummaryVariable[] = [];
  let anyMissing = false;
  for (const item of resolved.rows) {
    if ('section' in item) {
      out.push({ key: `section:${item.section}`, label: item.section, level: 0, section: true, cells: {} });
      continue;
    }
    const col = input.columns.get(item.variable) as ColumnInfo;
    const rows = item.subgroup ? subgroupRows(item.subgroup) : tableRows;
    const missingRows = rows.filter((r) => (Object.hasOwn(r, item.variable) ? r[item.variable] : null) === null);
    if (missingRows.length) {
      anyMissing = true;
      exclusions.push({
        table: spec.id,
        variable: item.variable,
        patientIds: missingRows.map((r) => rowId(r, indexOf.get(r) ?? 0)),
      });
    }
    const label = item.label ?? (col.unit ? `${col.label} (${col.unit})` : col.label);
    const common = { item, col, label, rows, missing: missingRows.length, file };
    const v = col.type === 'categorical' ? categoricalRow(rowCtx, common, out) : numericRow(rowCtx, common, out);
    variables.push(v);
  }
  if (anyMissing) {
    for (const v of variables) {
      const row = out.find((r) => r.key === v.rowKey && r.level === 0);
      if (row) row.cells.n = display(`${v.n}${v.missing ? ` (${v.missing} missing)` : ''}`, []);
    }
  }
  notes.push(...tableNotes(rowCtx, variables));
  if (anyMissing) {
    const list = variables.filter((v) => v.missing).map((v) => `${v.label} ${v.missing}`);
    notes.push(`Missing values, left out of that row only: ${list.join('; ')}.`);
  }
  const columns = tableColumns(rowCtx, groups, tableRows.length, anyMissing);
  const sg = subgroupNamed(input.subgroups, spec.subgroup) as Subgroup;
  const n: Record<string, number> = { total: tableRows.length };
  for (const g of groups) n[g.code] = g.n;
  const table = tableResult(
    spec,
    { publishedTable: tableKey, subgroupLabel: sg.label },
    { n, columns, rows: out, notes, warnings },
  );
  return { table, groups, pairs: resolved.pairs, variables, sensitivity: rowCtx.sensitivity, exclusions };
}

function tableColumns(
  ctx: RowContext,
  groups: Group[],
  total: number,
  withN: boolean,
): { key: string; label: string }[] {
  const cols: { key: string; label: string }[] = [];
  if (withN) cols.push({ key: 'n', label: 'n used' });
  if (ctx.showTotal) cols.push({ key: 'total', label: `${groups.length ? 'Total' : 'All'} (n = ${total})` });
  for (const g of groups) cols.push({ key: g.code, label: `${g.label} (n = ${g.n})` });
  if (groups.length >= 2) cols.push({ key: 'p', label: 'p' });
  for (const p of ctx.pairs) cols.push({ key: p.id, label: p.label });
  return cols;
}

/** The group sizes, as the first row (the printed "n" row; also the text's "60 (25.9%)"). */
function sizeRow(ctx: RowContext, key: string, total: number, groups: Group[]): TableRow {
  const cells: Record<string, DisplayCell> = {};
  if (ctx.showTotal)
    cells.total = display(String(total), [ctx.cells(ctx.tableKey, key, 'total', total, String(total))]);
  for (const g of groups) {
    cells[g.code] = display(String(g.n), [ctx.cells(ctx.tableKey, key, g.code, g.n, String(g.n))]);
    const pct = total > 0 ? (100 * g.n) / total : null;
    ctx.cells(ctx.tableKey, `${key}:${g.code}`, 'total', g.n, String(g.n));
    ctx.cells(ctx.tableKey, `${key}:${g.code}`, 'total_pct', pct, pct === null ? 'NA' : fixed(pct, 1));
  }
  return { key, label: 'n', level: 0, cells };
}

const ADJUST_TEXT: Record<Adjust, string> = {
  holm: 'Holm-adjusted',
  bonferroni: 'Bonferroni-adjusted',
  none: 'unadjusted',
};

function tableNotes(ctx: RowContext, variables: SummaryVariable[]): string[] {
  const notes: string[] = [];
  const k = ctx.groups.length;
  if (k >= 2) {
    const pairText = ctx.pairs.map((p) => `${p.id}: ${p.label}`).join('; ');
    notes.push(`p: ${k} groups (${ctx.groups.map((g) => g.label).join(', ')})${pairText ? `; ${pairText}` : ''}.`);
  }
  const c = ctx.conv;
  const tests = new Set(variables.map((v) => v.test?.requested).filter((t) => t && t !== 'none'));
  if (variables.some((v) => v.type === 'categorical' && v.test && v.test.requested !== 'none')) {
    const auto = variables.some((v) => v.type === 'categorical' && v.test?.requested === 'auto');
    const categoricalTest = auto
      ? `Pearson χ²${c.yates ? ' (Yates on 2 × 2)' : ' without continuity correction'}` +
        `, or Fisher's exact test when an expected count is below ${c.fisherWhenExpectedBelow}`
      : 'the test named per row';
    const categoricalPairs = ctx.pairs.length
      ? `; pairwise p's on each pair's 2 × k sub-table by the row's rule, ` +
        `${ADJUST_TEXT[ctx.adjustCategorical]} over the ${ctx.pairs.length} listed pairs`
      : '';
    notes.push(`Categorical rows: ${categoricalTest} (tag per cell)${categoricalPairs}.`);
    const switched = variables.some(
      (v) =>
        v.type === 'categorical' &&
        v.n > c.exactUpTo &&
        (v.test?.requested === 'auto' || v.test?.requested === 'fisher'),
    );
    if (switched) {
      notes.push(
        `Above exactUpTo = ${c.exactUpTo} rows in a table no exact r × c test is run: "auto" keeps Pearson χ² ` +
          `(Fisher's asymptotic form) where an expected count is small, and "fisher" on a table larger than 2 × 2 ` +
          `reports a seeded Monte Carlo p (each cell's method says which).`,
      );
    }
  }
  if (variables.some((v) => v.type === 'numeric' && v.test && v.test.requested !== 'none') && k >= 2) {
    const parts: string[] = [];
    if (tests.has('auto')) {
      const parametric = k === 2 ? `${c.tTest === 'welch' ? 'Welch' : 'Student'} t-test` : 'one-way ANOVA';
      const rankBased = k === 2 ? 'Mann–Whitney' : 'Kruskal–Wallis';
      parts.push(
        `"auto" rows: Shapiro–Wilk in every group; all p ≥ ${c.normalityAlpha} → ${parametric}, ` +
          `else ${rankBased} (the choice is printed in each p's method)`,
      );
    }
    if (ctx.pairs.length && k > 2) {
      parts.push(
        `pairwise p's after Kruskal–Wallis: Dunn's test, ${ADJUST_TEXT[ctx.adjustNumeric]}` +
          ` over all ${(k * (k - 1)) / 2} pairs` +
          ` and capped at 1; after ANOVA: t-tests of the listed pairs, ` +
          `${ADJUST_TEXT[ctx.adjustNumeric]} over the ${ctx.pairs.length} listed pairs`,
      );
    }
    if (c.mannWhitney && k === 2)
      parts.push(
        `Mann–Whitney: exact ${c.mannWhitney.exact}, continuity correction ${c.mannWhitney.correct ? 'on' : 'off'}`,
      );
    if (parts.length) notes.push(`Numeric rows: ${parts.join('; ')}.`);
  }
  if (ctx.pairs.length) {
    notes.push(
      ctx.conv.pairwiseOnlyWhenOmnibusSignificant
        ? `Pairwise p's are "NA" when the ${k}-group p ≥ ${ctx.alpha} (preset: pairwiseOnlyWhenOmnibusSignificant).`
        : `Pairwise p's are shown whatever the ${k}-group p.`,
    );
  }
  if (variables.some((v) => v.summary === 'median_iqr' || v.summary === 'median_range')) {
    const typeNote = c.quantileType === 6 ? ' (SPSS HAVERAGE)' : c.quantileType === 7 ? ' (R default)' : '';
    notes.push(`Medians and quartiles: quantile type ${c.quantileType}${typeNote}; SD with n − 1.`);
  } else if (variables.some((v) => v.summary === 'mean_sd')) {
    notes.push('SD with n − 1.');
  }
  return notes;
}

export { autoNumeric, categoricalTest, numericTest, TEST_NAMES, type TestName } from './_tests.ts';
