/**
 * The rows of a summary table: one categorical or numeric variable each, with its summaries, its test, its
 * pairwise p's and its method-sensitivity rows. Browser-safe.
 */
import { InputError } from '../../stats/_shared/errors.ts';
import * as S from '../api.ts';
import { type CellFactory, display, sensitivityRow } from '../cells.ts';
import { type Adjust, type Conventions, conventionValue } from '../conventions.ts';
import { SpecError } from '../errors.ts';
import { fixed, formatP, pStatement } from '../format.ts';
import type { Cell, ColumnInfo, ConventionValue, DisplayCell, Row, SensitivityRow, TableRow } from '../types.ts';
import {
  autoNumeric,
  categoricalTest,
  mannWhitneyOptions,
  numericTest,
  type TestName,
  type TestOutcome,
} from './_tests.ts';
import type { SummaryTableSpec, VariableRowSpec } from './summaryTable.schema.ts';
import type { Pair, SummaryVariable } from './summaryTable.ts';

export interface RowContext {
  tableKey: string;
  spec: SummaryTableSpec;
  conv: Conventions;
  alpha: number;
  cells: CellFactory;
  groups: readonly { code: string; label: string }[];
  pairs: readonly Pair[];
  showTotal: boolean;
  groupOf: (r: Row) => string | null;
  adjustNumeric: Adjust;
  adjustCategorical: Adjust;
  subgroupLabel: (name: string) => string;
  sensitivity: SensitivityRow[];
  warnings: string[];
  /** The study's seed stream, drawn only when a test is simulated (a Fisher p above `exactUpTo`). */
  nextSeed?: () => number;
}

export interface RowInput {
  item: VariableRowSpec;
  col: ColumnInfo;
  label: string;
  rows: readonly Row[];
  missing: number;
  file: string;
}

const columnValue = (r: Row, column: string): Row[string] => (Object.hasOwn(r, column) ? r[column] : null);

function levelLabel(col: ColumnInfo, code: string, override?: Record<string, string>): string {
  if (override && Object.hasOwn(override, code)) return override[code];
  return col.levels?.find((l) => l.code === code)?.label ?? code;
}

/** Runs `compute`; a degenerate input (InputError: one value, no variance) becomes a warning and null. */
export function guarded<T>(warnings: string[], label: string, compute: () => T): T | { notComputed: string } {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    warnings.push(`${label}: p not computed (${error.message}); the row shows NA and the rest of the report goes on`);
    return { notComputed: error.message };
  }
}
const failed = <T>(x: T | { notComputed: string }): x is { notComputed: string } =>
  typeof x === 'object' && x !== null && 'notComputed' in x;

function adjustAll(raw: (number | null)[], adjust: Adjust): (number | null)[] {
  const present = raw.filter((p): p is number => p !== null);
  if (adjust === 'bonferroni') return raw.map((p) => (p === null ? null : Math.min(1, p * raw.length)));
  if (adjust === 'none' || !present.length) return raw;
  const adjusted = S.adjustP(present, adjust);
  let i = 0;
  return raw.map((p) => (p === null ? null : adjusted[i++]));
}

const ADJUST_NAME: Record<Adjust, string> = { holm: 'Holm', bonferroni: 'Bonferroni', none: 'unadjusted' };

function naCell(
  ctx: RowContext,
  rowKey: string,
  column: string,
  method: string,
  conventions?: Record<string, ConventionValue>,
): DisplayCell {
  return display('NA', [
    ctx.cells(ctx.tableKey, rowKey, column, null, 'NA', { method, ...(conventions ? { conventions } : {}) }),
  ]);
}

function omnibusNa(ctx: RowContext, p: number | null, test: string): string | undefined {
  if (!ctx.conv.pairwiseOnlyWhenOmnibusSignificant || p === null || p < ctx.alpha) return undefined;
  return `not shown: ${test} p = ${formatP(p)} ≥ ${ctx.alpha} (preset: pairwiseOnlyWhenOmnibusSignificant)`;
}

// ---------------------------------------------------------------- categorical rows

/** One pass over the rows: counts[level][group] and each level's total (rows without a group included). */
function countLevels(
  ctx: RowContext,
  rows: readonly Row[],
  variable: string,
  levels: readonly string[],
  codes: readonly string[],
): { counts: number[][]; levelTotals: number[] } {
  const levelIndex = firstIndex(levels);
  const groupIndex = firstIndex(codes);
  const byLevel = levels.map(() => codes.map(() => 0));
  const totals = levels.map(() => 0);
  for (const r of rows) {
    const v = columnValue(r, variable);
    if (v === null) continue;
    const li = levelIndex.get(String(v));
    if (li === undefined) continue;
    totals[li]++;
    const g = ctx.groupOf(r);
    const j = g === null ? undefined : groupIndex.get(g);
    if (j !== undefined) byLevel[li][j]++;
  }
  // a name listed twice counts in both places, as a filter per name would
  const at = (name: string, index: ReadonlyMap<string, number>): number => index.get(name) as number;
  return {
    counts: levels.map((l) => codes.map((g) => byLevel[at(l, levelIndex)][at(g, groupIndex)])),
    levelTotals: levels.map((l) => totals[at(l, levelIndex)]),
  };
}

/** Name → index of its first occurrence (an own-property Map: user text never reaches Object.prototype). */
function firstIndex(names: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return index;
}

/** One pass over the rows: the numbers of each group, in row order (rows without a listed group left out). */
function numbersByGroup(ctx: RowContext, rows: readonly Row[], variable: string): number[][] {
  const groupIndex = firstIndex(ctx.groups.map((g) => g.code));
  const first = ctx.groups.map(() => [] as number[]);
  for (const r of rows) {
    const v = columnValue(r, variable);
    if (typeof v !== 'number') continue;
    const g = ctx.groupOf(r);
    const j = g === null ? undefined : groupIndex.get(g);
    if (j !== undefined) first[j].push(v);
  }
  return ctx.groups.map((g) => first[groupIndex.get(g.code) as number]);
}

export function categoricalRow(ctx: RowContext, input: RowInput, out: TableRow[]): SummaryVariable {
  const { item, col, label, rows } = input;
  const rowKey = item.published ?? item.variable;
  const levels = item.levels ?? (col.levels ?? []).map((l) => l.code);
  const outside = rows
    .map((r) => columnValue(r, item.variable))
    .filter((v) => v !== null && !levels.includes(String(v)));
  if (outside.length) {
    const seen = [...new Set(outside.map(String))].join(', ');
    throw new SpecError(input.file, [
      `rows.${item.index}.levels: ${outside.length} row(s) of ${item.variable} ` +
        `have a level not listed (${seen}); ` +
        `list every level, or narrow the rows with a subgroup`,
    ]);
  }
  const grouped = ctx.groups.length > 0;
  const codes = ctx.groups.map((g) => g.code);
  const { counts, levelTotals } = countLevels(ctx, rows, item.variable, levels, codes);
  const colTotals = codes.map((_, j) => counts.reduce((s, r) => s + r[j], 0));
  const total = levelTotals.reduce((a, b) => a + b, 0);
  const requested: TestName = item.test ?? 'auto';
  const testing = grouped && ctx.groups.length >= 2 && requested !== 'none';
  const head: Record<string, DisplayCell> = {};
  const pCell = (column: string, t: TestOutcome | null, naReason?: string): DisplayCell => {
    if (naReason || !t) {
      const conv = { pairwiseOnlyWhenOmnibusSignificant: ctx.conv.pairwiseOnlyWhenOmnibusSignificant };
      return naCell(
        ctx,
        rowKey,
        column,
        naReason ?? 'test not defined (fewer than two non-empty levels or groups)',
        conv,
      );
    }
    return display(
      formatP(t.p),
      [ctx.cells(ctx.tableKey, rowKey, column, t.p, formatP(t.p), { method: t.method, conventions: t.conventions })],
      t.tag,
    );
  };
  const omni = testing ? categoricalTest(counts, requested, ctx.conv, ctx.nextSeed) : null;
  if (testing) head.p = pCell('p', omni);
  const pairwise: SummaryVariable['pairwise'] = [];
  const sensTables: { col: string; table: number[][]; outcome: TestOutcome | null }[] = testing
    ? [{ col: 'p', table: counts, outcome: omni }]
    : [];
  if (testing && ctx.pairs.length) {
    const subs = ctx.pairs.map((pair) => counts.map((r) => [r[codes.indexOf(pair.a)], r[codes.indexOf(pair.b)]]));
    const tests = subs.map((sub) => categoricalTest(sub, requested, ctx.conv, ctx.nextSeed));
    const adjusted = adjustAll(
      tests.map((t) => (t ? t.p : null)),
      ctx.adjustCategorical,
    );
    const na = omnibusNa(ctx, omni ? omni.p : null, `${ctx.groups.length}-group`);
    ctx.pairs.forEach((pair, i) => {
      const t = tests[i];
      const m = ctx.pairs.length;
      const adj =
        t && ctx.adjustCategorical !== 'none'
          ? {
              ...t,
              p: adjusted[i] as number,
              method:
                `${t.method}; ${ADJUST_NAME[ctx.adjustCategorical]} over ${m} pairs ` +
                `(${pStatement(t.p, 'unadjusted p')})`,
            }
          : t;
      head[pair.id] = pCell(pair.id, adj, na);
      pairwise.push({
        pair,
        pValue: adj ? adj.p : null,
        shown: !na && adj !== null,
        method: adj ? adj.method : 'not defined',
      });
      if (!na) sensTables.push({ col: pair.id, table: subs[i], outcome: t });
    });
  }
  out.push({ key: rowKey, label, level: 0, cells: head });

  const withDenominator = !ctx.showTotal;
  levels.forEach((level, li) => {
    const cells: Record<string, DisplayCell> = {};
    const rk = `${rowKey}:${level}`;
    const put = (column: string, count: number, denom: number): void => {
      const pct = denom > 0 ? (100 * count) / denom : null;
      const pctText = pct === null ? 'NA' : fixed(pct, 1);
      const cCount = ctx.cells(ctx.tableKey, rk, column, count, String(count), {
        method: `count of ${level} among ${denom} with a recorded value`,
      });
      const cPct = ctx.cells(ctx.tableKey, rk, `${column}_pct`, pct, pctText, { method: `percentage of ${denom}` });
      cells[column] = display(`${withDenominator ? `${count}/${denom}` : count} (${pctText}%)`, [cCount, cPct]);
    };
    put('total', levelTotals[li], total);
    if (!ctx.showTotal) delete cells.total; // computed (for numbers a text quotes), not shown
    codes.forEach((g, j) => put(g, counts[li][j], colTotals[j]));
    out.push({ key: rk, label: levelLabel(col, level, item.labels), level: 1, cells });
  });

  const where = item.subgroup ? ` (${ctx.subgroupLabel(item.subgroup)})` : '';
  for (const v of sensTables) categoricalSensitivity(ctx, rowKey, `${label}${where}`, v);
  return {
    variable: item.variable,
    label,
    rowKey,
    type: 'categorical',
    summary: 'n_percent',
    subgroup: item.subgroup ?? ctx.spec.subgroup,
    n: total,
    missing: input.missing,
    counts: { levels, table: counts },
    test: testing ? { requested, outcome: omni } : null,
    pairwise,
  };
}

/** Pearson vs Yates vs Fisher on one table; Fisher only up to `exactUpTo` rows (then χ² stands for it). */
function categoricalSensitivity(
  ctx: RowContext,
  rowKey: string,
  label: string,
  v: { col: string; table: number[][]; outcome: TestOutcome | null },
): void {
  const chosen = v.outcome;
  if (!chosen) return;
  const variants: SensitivityRow['variants'] = [];
  const chiP = S.chiSquare(v.table, false);
  variants.push({
    name: 'Pearson χ², no correction (SPSS)',
    value: chiP.pValue,
    display: formatP(chiP.pValue),
    decision: chiP.pValue < ctx.alpha,
  });
  if (chiP.observed.length === 2 && chiP.observed[0].length === 2) {
    const y = S.chiSquare(v.table, true);
    variants.push({
      name: 'χ² with Yates (R chisq.test default)',
      value: y.pValue,
      display: formatP(y.pValue),
      decision: y.pValue < ctx.alpha,
    });
  }
  const n = v.table.flat().reduce((a, b) => a + b, 0);
  let check = 'Categorical p: Pearson vs Yates vs Fisher exact';
  if (chosen.name === 'fisher' || n <= ctx.conv.exactUpTo) {
    const f = chosen.name === 'fisher' ? { pValue: chosen.p } : S.fisher(v.table);
    variants.push({
      name: chosen.conventions.sizeSwitch === undefined ? "Fisher's exact test" : "Fisher's test, Monte Carlo p",
      value: f.pValue,
      display: formatP(f.pValue),
      decision: f.pValue < ctx.alpha,
    });
  } else {
    check =
      `Categorical p: Pearson vs Yates (n = ${n} > exactUpTo ${ctx.conv.exactUpTo}: ` +
      `Fisher's exact test not run, χ² is its asymptotic form)`;
  }
  variants.push({
    name: `preset rule (${chosen.tag})`,
    value: chosen.p,
    display: formatP(chosen.p),
    decision: chosen.p < ctx.alpha,
  });
  ctx.sensitivity.push(
    sensitivityRow({
      check,
      table: ctx.tableKey,
      row: rowKey,
      label,
      quantity: v.col,
      decision: `p < ${ctx.alpha}`,
      variants,
    }),
  );
}

// ---------------------------------------------------------------- numeric rows

export function numericRow(ctx: RowContext, input: RowInput, out: TableRow[]): SummaryVariable {
  const { item, label, rows } = input;
  const rowKey = item.published ?? item.variable;
  const grouped = ctx.groups.length > 0;
  const numbers = (rs: readonly Row[]): number[] => {
    const out: number[] = [];
    for (const r of rs) {
      const v = columnValue(r, item.variable);
      if (typeof v === 'number') out.push(v);
    }
    return out;
  };
  const groups = grouped ? numbersByGroup(ctx, rows, item.variable) : [];
  const all = grouped ? groups.flat() : numbers(rows);
  const summary = item.summary ?? 'median_iqr';
  const cells: Record<string, DisplayCell> = {};
  const summarize = (column: string, x: number[], show: boolean): void => {
    const r = summaryCells(ctx, rowKey, column, x, summary, item.digits ?? 2, label, show);
    cells[column] = r;
  };
  summarize('total', all, ctx.showTotal);
  if (!ctx.showTotal) delete cells.total; // computed (for numbers a text quotes), not shown
  ctx.groups.forEach((g, j) => summarize(g.code, groups[j], true));

  const requested: TestName = item.test ?? 'auto';
  const k = ctx.groups.length;
  let test: SummaryVariable['test'] = null;
  const pairwise: SummaryVariable['pairwise'] = [];
  if (grouped && k >= 2 && requested !== 'none') {
    const empty = groups.findIndex((g) => g.length === 0);
    if (empty >= 0) {
      const why = `group ${ctx.groups[empty].label} has no values`;
      ctx.warnings.push(`${label}: p not computed (${why}); the row shows NA and the rest of the report goes on`);
      cells.p = naCell(ctx, rowKey, 'p', `not computed: ${why}`);
      test = { requested, outcome: null, notComputed: why };
    } else {
      test = numericTests(ctx, { rowKey, label, groups, requested, cells, pairwise });
    }
  }
  out.push({ key: rowKey, label, level: 0, cells });
  return {
    variable: item.variable,
    label,
    rowKey,
    type: 'numeric',
    summary,
    subgroup: item.subgroup ?? ctx.spec.subgroup,
    n: all.length,
    missing: input.missing,
    values: groups.length ? groups : [all],
    test,
    pairwise,
  };
}

function summaryCells(
  ctx: RowContext,
  rowKey: string,
  column: string,
  x: number[],
  summary: string,
  digits: number,
  label: string,
  show: boolean,
): DisplayCell {
  const c = (col: string, v: number | null, method: string, conventions?: Record<string, ConventionValue>): Cell =>
    ctx.cells(ctx.tableKey, rowKey, col, v, v === null ? 'NA' : fixed(v, digits), {
      method,
      ...(conventions ? { conventions } : {}),
    });
  if (x.length === 0)
    return display('NA', [ctx.cells(ctx.tableKey, rowKey, column, null, 'NA', { method: 'no values' })]);
  if (summary === 'mean_sd') {
    const m = S.mean(x);
    const s = x.length > 1 ? S.sd(x) : null;
    const text = `${fixed(m, digits)} ± ${s === null ? 'NA' : fixed(s, digits)}`;
    return display(text, [
      c(`${column}_mean`, m, `mean of ${x.length}`),
      c(`${column}_sd`, s, 'standard deviation (n − 1)'),
    ]);
  }
  const qType = ctx.conv.quantileType as 6 | 7;
  const conv = { quantileType: conventionValue(ctx.conv, 'quantileType') };
  if (summary === 'median_range') {
    const [med] = S.quantiles(x, [0.5], qType);
    // a loop, not Math.min(...x): spreading 1e5+ arguments overflows the call stack
    let lo = x[0];
    let hi = x[0];
    for (const v of x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const parts = [
      c(`${column}_median`, med, 'median', conv),
      c(`${column}_min`, lo, 'minimum'),
      c(`${column}_max`, hi, 'maximum'),
    ];
    return display(`${fixed(med, digits)} (${fixed(lo, digits)}–${fixed(hi, digits)})`, parts);
  }
  const [q1, med, q3] = S.quantiles(x, [0.25, 0.5, 0.75], qType);
  const parts = [
    c(`${column}_median`, med, `median (type ${qType})`, conv),
    c(`${column}_q1`, q1, `25th percentile (type ${qType})`, conv),
    c(`${column}_q3`, q3, `75th percentile (type ${qType})`, conv),
  ];
  const fmt = (m: number, l: number, h: number): string =>
    `${fixed(m, digits)} (${fixed(l, digits)}, ${fixed(h, digits)})`;
  if (show) {
    const alt: 6 | 7 = qType === 6 ? 7 : 6;
    const [a1, am, a3] = S.quantiles(x, [0.25, 0.5, 0.75], alt);
    const name = (t: number): string => `type ${t}${t === 6 ? ' (SPSS)' : t === 7 ? ' (R)' : ''}`;
    ctx.sensitivity.push(
      sensitivityRow({
        check: 'Percentiles: type 6 (SPSS) vs type 7 (R)',
        table: ctx.tableKey,
        row: rowKey,
        label: `${label}, ${column}`,
        quantity: 'median (Q1, Q3)',
        decision: '',
        variants: [
          { name: name(qType), value: med, display: fmt(med, q1, q3), decision: null },
          { name: name(alt), value: am, display: fmt(am, a1, a3), decision: null },
        ],
      }),
    );
  }
  return display(fmt(med, q1, q3), parts);
}

interface NumericTestInput {
  rowKey: string;
  label: string;
  groups: number[][];
  requested: TestName;
  cells: Record<string, DisplayCell>;
  pairwise: SummaryVariable['pairwise'];
}

function numericTests(ctx: RowContext, t: NumericTestInput): SummaryVariable['test'] {
  const { rowKey, label, groups, requested, cells } = t;
  const codes = ctx.groups.map((g) => g.code);
  let concrete: Parameters<typeof numericTest>[1];
  let why: string | undefined;
  if (requested === 'auto') {
    const choice = autoNumeric(groups, codes, ctx.conv);
    concrete = choice.test;
    why = choice.why;
  } else if (requested === 't') {
    concrete = ctx.conv.tTest === 'welch' ? 't-welch' : 't-student';
  } else {
    concrete = requested as Parameters<typeof numericTest>[1];
  }
  const conventions: Record<string, ConventionValue> = {
    pairwiseAdjust: ctx.adjustNumeric,
    pairwiseOnlyWhenOmnibusSignificant: ctx.conv.pairwiseOnlyWhenOmnibusSignificant,
    normalityAlpha: ctx.conv.normalityAlpha,
  };
  const all = groups.flat();
  // every value the same: no test is defined (R stops or returns NaN); NA and a warning, the table goes on
  const constant = all.every((v) => v === all[0]);
  const constantOutcome = (): { notComputed: string } => {
    ctx.warnings.push(
      `${label}: p not computed (every value is ${all[0]}); the row shows NA and the rest of the report goes on`,
    );
    return { notComputed: `every value is ${all[0]}` };
  };
  const outcome = constant
    ? constantOutcome()
    : guarded(ctx.warnings, label, () => numericTest(groups, concrete, ctx.conv));
  if (failed(outcome)) {
    cells.p = naCell(ctx, rowKey, 'p', `not computed: ${outcome.notComputed}`);
    for (const pair of ctx.pairs)
      cells[pair.id] = naCell(ctx, rowKey, pair.id, 'not computed: the omnibus test is not defined on these data');
    return { requested, outcome: null, ...(why ? { why } : {}), notComputed: outcome.notComputed };
  }
  for (const w of outcome.warnings ?? []) ctx.warnings.push(`${label}: ${w}`);
  const method = `${outcome.method}${why ? `; ${why}` : ''}`;
  cells.p = display(
    formatP(outcome.p),
    [
      ctx.cells(ctx.tableKey, rowKey, 'p', outcome.p, formatP(outcome.p), {
        method,
        conventions: { ...conventions, ...outcome.conventions },
      }),
    ],
    outcome.tag,
  );
  const k = groups.length;
  if (outcome.name === 'kruskal') {
    dunnPairs(ctx, t, outcome.p, conventions);
    omnibusSensitivity(ctx, rowKey, label, groups, 'kruskal', outcome.p);
  } else if (outcome.name === 'anova' || outcome.name === 'welch-anova') {
    tPairs(ctx, t, outcome.p, outcome.name === 'anova', conventions);
    omnibusSensitivity(ctx, rowKey, label, groups, outcome.name, outcome.p);
  } else if (k === 2) {
    twoGroupSensitivity(ctx, rowKey, label, groups, outcome);
  }
  return { requested, outcome: { ...outcome, method }, ...(why ? { why } : {}) };
}

/** Dunn's test after Kruskal–Wallis: family = every pair (as SPSS and dunn.test), shown for the listed pairs. */
function dunnPairs(
  ctx: RowContext,
  t: NumericTestInput,
  omnibusP: number,
  conventions: Record<string, ConventionValue>,
): void {
  if (!ctx.pairs.length) return;
  const { rowKey, label, groups, cells } = t;
  const codes = ctx.groups.map((g) => g.code);
  const dunn = S.dunn(groups, ctx.adjustNumeric);
  const na = omnibusNa(ctx, omnibusP, 'Kruskal–Wallis');
  const find = (d: typeof dunn, ia: number, ib: number) =>
    d.comparisons.find((x) => (x.a === ia && x.b === ib) || (x.a === ib && x.b === ia));
  for (const pair of ctx.pairs) {
    const c = find(dunn, codes.indexOf(pair.a), codes.indexOf(pair.b));
    const p = c ? c.pAdjusted : null;
    if (na || !c || p === null) {
      cells[pair.id] = naCell(
        ctx,
        rowKey,
        pair.id,
        `${na ?? 'not defined'}; Dunn ${ctx.adjustNumeric} p would be ${p === null ? 'NA' : formatP(p)}`,
        conventions,
      );
      t.pairwise.push({ pair, pValue: p, shown: false, method: 'Dunn' });
      continue;
    }
    const method =
      `Dunn's test z = ${fixed(c.statistic, 3)} on the pooled ranks, ` +
      `${ctx.adjustNumeric} over ${dunn.comparisons.length} pairs, capped at 1 ` +
      `(${pStatement(c.pValue, 'unadjusted p')})`;
    cells[pair.id] = display(
      formatP(p),
      [ctx.cells(ctx.tableKey, rowKey, pair.id, p, formatP(p), { method, conventions })],
      'Dunn',
    );
    t.pairwise.push({ pair, pValue: p, shown: true, method });
  }
  if (na) return; // a flip of a p the preset prints as "NA" is moot
  const holm = S.dunn(groups, 'holm');
  const m = dunn.comparisons.length;
  const bonf = (p: number): number => Math.min(1, p * m);
  for (const pair of ctx.pairs) {
    const [ia, ib] = [codes.indexOf(pair.a), codes.indexOf(pair.b)];
    const b = find(dunn, ia, ib);
    const h = find(holm, ia, ib);
    if (!b || !h) continue;
    const big = groups[ia].length + groups[ib].length > ctx.conv.exactUpTo;
    const mwDefault = S.mannWhitney(groups[ia], groups[ib], big ? { exact: false } : {});
    const mwAsym = S.mannWhitney(groups[ia], groups[ib], { exact: false, correct: true });
    const exactUsed = /exact/i.test(mwDefault.method) && !/approx|asymptotic|normal/i.test(mwDefault.method);
    const v = (name: string, p: number): SensitivityRow['variants'][number] => ({
      name,
      value: p,
      display: formatP(p),
      decision: p < ctx.alpha,
    });
    ctx.sensitivity.push(
      sensitivityRow({
        check: 'Pairwise p: Dunn (Bonferroni/Holm) vs Mann–Whitney exact/asymptotic',
        table: ctx.tableKey,
        row: rowKey,
        label,
        quantity: pair.id,
        decision: `p < ${ctx.alpha}`,
        variants: [
          v(`Dunn, ${ctx.adjustNumeric} (preset)`, b.pAdjusted),
          v('Dunn, Holm', h.pAdjusted),
          v(
            `Mann–Whitney ${exactUsed ? 'exact' : 'asymptotic'} ` +
              `(R default${big ? `; n > exactUpTo ${ctx.conv.exactUpTo}: asymptotic` : ''}), Bonferroni × ${m}`,
            bonf(mwDefault.pValue),
          ),
          v(`Mann–Whitney asymptotic + continuity, Bonferroni × ${m}`, bonf(mwAsym.pValue)),
        ],
      }),
    );
  }
}

/** t-tests of the listed pairs after ANOVA (Student) or Welch's ANOVA (Welch), adjusted over the listed pairs. */
function tPairs(
  ctx: RowContext,
  t: NumericTestInput,
  omnibusP: number,
  student: boolean,
  conventions: Record<string, ConventionValue>,
): void {
  if (!ctx.pairs.length) return;
  const { rowKey, groups, cells } = t;
  const codes = ctx.groups.map((g) => g.code);
  const raw = ctx.pairs.map(
    (pair) => S.tTest(groups[codes.indexOf(pair.a)], groups[codes.indexOf(pair.b)], student).pValue,
  );
  const adj = adjustAll(raw, ctx.adjustNumeric) as number[];
  const na = omnibusNa(ctx, omnibusP, student ? 'ANOVA' : 'Welch ANOVA');
  ctx.pairs.forEach((pair, i) => {
    const method =
      `${student ? 'Student' : 'Welch'} t-test, ` +
      `${ADJUST_NAME[ctx.adjustNumeric]} over ${ctx.pairs.length} pairs ` +
      `(${pStatement(raw[i], 'unadjusted p')})`;
    cells[pair.id] = na
      ? naCell(ctx, rowKey, pair.id, na, conventions)
      : display(
          formatP(adj[i]),
          [ctx.cells(ctx.tableKey, rowKey, pair.id, adj[i], formatP(adj[i]), { method, conventions })],
          't',
        );
    t.pairwise.push({ pair, pValue: adj[i], shown: !na, method });
  });
}

function pOrNull(compute: () => number): number | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

function omnibusSensitivity(
  ctx: RowContext,
  rowKey: string,
  label: string,
  groups: number[][],
  chosen: string,
  p: number,
): void {
  const all: [string, string, () => number][] = [
    ['kruskal', 'Kruskal–Wallis', () => S.kruskal(groups).pValue],
    ['anova', 'one-way ANOVA', () => S.anova(groups, true).pValue],
    ['welch-anova', 'Welch ANOVA', () => S.anova(groups, false).pValue],
  ];
  const ordered = [...all.filter(([k]) => k === chosen), ...all.filter(([k]) => k !== chosen)];
  const variants = ordered.map(([key, name, compute]) => {
    const value = key === chosen ? p : pOrNull(compute);
    return {
      name: key === chosen ? `${name} (${chosen === 'kruskal' ? 'preset' : 'chosen'})` : name,
      value,
      display: formatP(value),
      decision: value === null ? null : value < ctx.alpha,
    };
  });
  ctx.sensitivity.push(
    sensitivityRow({
      check: `${groups.length}-group p: Kruskal–Wallis vs ANOVA vs Welch`,
      table: ctx.tableKey,
      row: rowKey,
      label,
      quantity: 'p',
      decision: `p < ${ctx.alpha}`,
      variants,
    }),
  );
}

function twoGroupSensitivity(
  ctx: RowContext,
  rowKey: string,
  label: string,
  groups: number[][],
  chosen: TestOutcome,
): void {
  const [x, y] = groups;
  const big = x.length + y.length > ctx.conv.exactUpTo;
  const preset = mannWhitneyOptions(ctx.conv);
  const all: [string, () => number][] = [
    [
      `Mann–Whitney, preset ` +
        `(exact ${ctx.conv.mannWhitney.exact}${big ? `; n > exactUpTo ${ctx.conv.exactUpTo}: asymptotic` : ''})`,
      () => S.mannWhitney(x, y, big ? { ...preset, exact: false } : preset).pValue,
    ],
    [
      'Mann–Whitney asymptotic + continuity (R, ties or n ≥ 50)',
      () => S.mannWhitney(x, y, { exact: false, correct: true }).pValue,
    ],
    [
      'Mann–Whitney asymptotic, no correction (SPSS)',
      () => S.mannWhitney(x, y, { exact: false, correct: false }).pValue,
    ],
    ["Student's t", () => S.tTest(x, y, true).pValue],
    ["Welch's t", () => S.tTest(x, y, false).pValue],
  ];
  const variants: SensitivityRow['variants'] = [
    {
      name: `${chosen.method.split(',')[0]} (chosen)`,
      value: chosen.p,
      display: formatP(chosen.p),
      decision: chosen.p < ctx.alpha,
    },
  ];
  for (const [name, compute] of all) {
    const value = pOrNull(compute);
    variants.push({ name, value, display: formatP(value), decision: value === null ? null : value < ctx.alpha });
  }
  ctx.sensitivity.push(
    sensitivityRow({
      check: 'Two-group p: Mann–Whitney vs t-tests',
      table: ctx.tableKey,
      row: rowKey,
      label,
      quantity: 'p',
      decision: `p < ${ctx.alpha}`,
      variants,
    }),
  );
}
