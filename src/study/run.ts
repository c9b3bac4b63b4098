/**
 * Runs a loaded study (specs + cohort + printed numbers) and returns every reproduced number with its
 * method, conventions and comparison with the printed one. All statistics go through ./api.ts (the public
 * API); this file only selects rows, builds tables and formats.
 */
import * as S from './api.ts';
import { compareToPublished, PublishedIndex } from './compare.ts';
import { fixed, formatP } from './format.ts';
import { rowsOf, type AgreementSpec, type AnalysisSpec, type Conventions, type GroupComparisonSpec, type LoadedStudy, type LogisticSpec, type RocSpec, type RowSpec, type ViolinSpec } from './spec.ts';
import type { Cell, ConventionValue, DisplayCell, FigureResult, PublishedRef, ScreeningStep, SensitivityRow, StudyResult, TableResult, TableRow } from './types.ts';
import { rocSpec, stars, violinSpec } from '../report/figures.ts';
import type { OptimismJob, OptimismResult } from './optimism.ts';
import { runOptimismJobs } from './parallel.ts';

export type Value = string | number | null;
export type Row = Record<string, Value>;

export interface PublishedEntry extends PublishedRef {
  location: { table: string; row: string; column: string };
}

export interface RunInputs {
  loaded: LoadedStudy;
  rows: readonly Row[];
  /** Level labels by column (from the codebook), used where a spec gives none. */
  levelLabels: Record<string, Record<string, string>>;
  /** Level codes by column, in codebook order. */
  levels: Record<string, string[]>;
  published: readonly PublishedEntry[];
  input: StudyResult['input'];
  idColumn?: string;
}

export interface RunOptions {
  preset?: string;
  seed?: number;
  bootstrapReplicates?: number;
  /** Called during bootstraps (for a progress bar). */
  progress?: (task: string, done: number, total: number) => void;
  /** Worker threads for the optimism bootstraps (0/1: this thread). Results are identical either way. @default 0 */
  threads?: number;
}

export const VERSION = '0.1.0';

/** An analysis could not be computed on this cohort (e.g. a subgroup without cases); names the analysis. */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';
  constructor(readonly analysis: string, override readonly cause: Error) {
    super(`${analysis}: ${cause.message}`);
  }
}

interface Ctx {
  inputs: RunInputs;
  conv: Conventions;
  alpha: number;
  seed: number;
  nBoot: number;
  pub: PublishedIndex;
  /** Every computed cell by row|column (first wins), for echoes of the text and abstract. */
  registry: Map<string, Cell>;
  sensitivity: SensitivityRow[];
  exclusions: StudyResult['exclusions'];
  progress?: RunOptions['progress'];
  /** Table 4 rows whose printed sensitivity/specificity count the other class as positive */
  rocClassNotes: string[];
  /** optimism bootstraps, run after the analyses (in parallel when allowed) */
  deferred: { job: OptimismJob; variant: SensitivityRow['variants'][number] }[];
  /** per-task seed counter, so every bootstrap has its own reproducible stream */
  seedCounter: number;
  groupCodes: string[];
  groupLabels: string[];
  results: Map<string, { spec: AnalysisSpec; table: TableResult; data?: GroupTableData }>;
}

interface GroupTableData {
  /** variable → values per group (in subgroup) and p's */
  continuous: Map<string, { label: string; groups: number[][]; p: number | null; p1: number | null; p2: number | null; pDisplay: string }>;
}

// ---------------------------------------------------------------- cells

function makeCell(ctx: Ctx, table: string, row: string, column: string, value: number | null, display: string, extra: { method?: string; conventions?: Record<string, ConventionValue>; note?: string; register?: boolean } = {}): Cell {
  const published = ctx.pub.get(table, row, column);
  const cmp = compareToPublished(value, display, published);
  const cell: Cell = { table, row, column, value, display, published, status: cmp.status };
  if (extra.method) cell.method = extra.method;
  if (extra.conventions) cell.conventions = extra.conventions;
  const note = [extra.note, cmp.note].filter(Boolean).join('; ');
  if (note) cell.note = note;
  if (extra.register !== false) {
    const key = `${row}|${column}`;
    if (!ctx.registry.has(key)) ctx.registry.set(key, cell);
  }
  return cell;
}

const display = (text: string, parts: Cell[], tag?: string): DisplayCell => (tag ? { text, parts, tag } : { text, parts });

function convOf(ctx: Ctx, keys: (keyof Conventions)[]): Record<string, ConventionValue> {
  const out: Record<string, ConventionValue> = {};
  for (const k of keys) {
    const v = ctx.conv[k];
    out[k] = typeof v === 'object' ? JSON.stringify(v) : v;
  }
  return out;
}

// ---------------------------------------------------------------- data selection

function subgroupRows(ctx: Ctx, subgroup: string): Row[] {
  const sg = ctx.inputs.loaded.study.subgroups[subgroup];
  const where = sg?.where;
  const gvar = ctx.inputs.loaded.study.group.variable;
  return ctx.inputs.rows.filter((r) => {
    if (r[gvar] === null || !ctx.groupCodes.includes(String(r[gvar]))) return false;
    if (!where) return true;
    return Object.entries(where).every(([col, allowed]) => r[col] !== null && allowed.includes(String(r[col])));
  });
}

function idOf(ctx: Ctx, r: Row): string {
  return String(r[ctx.inputs.idColumn ?? 'patient_id'] ?? '?');
}

function noteMissing(ctx: Ctx, table: string, variable: string, rows: readonly Row[]): void {
  const ids = rows.filter((r) => r[variable] === null || r[variable] === undefined).map((r) => idOf(ctx, r));
  if (ids.length) ctx.exclusions.push({ table, variable, patientIds: ids });
}

function numericByGroup(ctx: Ctx, rows: readonly Row[], variable: string): number[][] {
  const gvar = ctx.inputs.loaded.study.group.variable;
  return ctx.groupCodes.map((g) => rows.filter((r) => r[gvar] === g && typeof r[variable] === 'number').map((r) => r[variable] as number));
}

/** counts[level][group] */
function countsByGroup(ctx: Ctx, rows: readonly Row[], variable: string, levels: readonly string[], groups: readonly string[]): number[][] {
  const gvar = ctx.inputs.loaded.study.group.variable;
  return levels.map((l) => groups.map((g) => rows.filter((r) => r[gvar] === g && r[variable] === l).length));
}

// ---------------------------------------------------------------- tests

interface TestOutcome {
  p: number;
  tag: string;
  method: string;
  conventions: Record<string, ConventionValue>;
}

/** Pearson χ² unless an expected count is below the preset's threshold, then Fisher's exact test. */
function categoricalTest(ctx: Ctx, table: number[][]): TestOutcome | null {
  const nonEmptyRows = table.filter((r) => r.some((v) => v > 0));
  const nonEmptyCols = table[0].map((_, j) => j).filter((j) => table.some((r) => r[j] > 0));
  if (nonEmptyRows.length < 2 || nonEmptyCols.length < 2) return null;
  const chi = S.chiSquare(table, ctx.conv.yates);
  const conventions = { ...convOf(ctx, ['yates', 'fisherWhenExpectedBelow']), rule: 'auto-categorical' };
  const threshold = ctx.conv.fisherWhenExpectedBelow;
  if (chi.minExpected < threshold) {
    const f = S.fisher(table);
    return {
      p: f.pValue,
      tag: 'Fisher',
      method: `Fisher's exact test (${chi.observed.length} × ${chi.observed[0].length}), chosen because the smallest expected count is ${fixed(chi.minExpected, 2)} < ${threshold} (${chi.cellsBelow5} cell${chi.cellsBelow5 === 1 ? '' : 's'} below 5)`,
      conventions: { ...conventions, chosen: 'fisher' },
    };
  }
  const yates = ctx.conv.yates && chi.observed.length === 2 && chi.observed[0].length === 2;
  return {
    p: chi.pValue,
    tag: 'χ²',
    method: `Pearson χ² = ${fixed(chi.statistic, 3)}, df = ${chi.df}${yates ? ', Yates-corrected' : ', no continuity correction'}; every expected count ≥ ${threshold} (smallest ${fixed(chi.minExpected, 2)})`,
    conventions: { ...conventions, chosen: 'chisq' },
  };
}

// ---------------------------------------------------------------- group comparison tables

function groupColumns(ctx: Ctx, spec: GroupComparisonSpec, n: Record<string, number>): { key: string; label: string }[] {
  const cols: { key: string; label: string }[] = [];
  if (spec.showTotal) cols.push({ key: 'total', label: `Total (n = ${n.total})` });
  ctx.groupCodes.forEach((g, i) => cols.push({ key: g, label: `${ctx.groupLabels[i]} (n = ${n[g]})` }));
  cols.push({ key: 'p', label: 'p' });
  const cmp = ctx.inputs.loaded.study.comparisons;
  for (const [k, c] of Object.entries(cmp)) cols.push({ key: k, label: c.label });
  return cols;
}

function runGroupComparison(ctx: Ctx, spec: GroupComparisonSpec): { table: TableResult; data: GroupTableData } {
  const study = ctx.inputs.loaded.study;
  const table = spec.published;
  const baseRows = subgroupRows(ctx, spec.subgroup);
  const gvar = study.group.variable;
  const nOf = (rows: readonly Row[]): Record<string, number> => {
    const out: Record<string, number> = { total: rows.length };
    for (const g of ctx.groupCodes) out[g] = rows.filter((r) => r[gvar] === g).length;
    return out;
  };
  const n = nOf(baseRows);
  const columns = groupColumns(ctx, spec, n);
  const rowsOut: TableRow[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const data: GroupTableData = { continuous: new Map() };
  const comparisons = Object.entries(study.comparisons);
  const pairIndex = (a: string, b: string): [number, number] => [ctx.groupCodes.indexOf(a), ctx.groupCodes.indexOf(b)];
  const pairwiseNA = ctx.conv.pairwiseOnlyWhenOmnibusSignificant;

  // group sizes (the "n" row of the published tables; also the text's "60 (25.9%)")
  {
    const cells: Record<string, DisplayCell> = {};
    if (spec.showTotal) cells.total = display(String(n.total), [makeCell(ctx, table, gvar, 'total', n.total, String(n.total))]);
    for (const g of ctx.groupCodes) {
      cells[g] = display(String(n[g]), [makeCell(ctx, table, gvar, g, n[g], String(n[g]))]);
      const pct = (100 * n[g]) / n.total;
      makeCell(ctx, table, `${gvar}:${g}`, 'total', n[g], String(n[g]));
      makeCell(ctx, table, `${gvar}:${g}`, 'total_pct', pct, fixed(pct, 1));
    }
    rowsOut.push({ key: gvar, label: 'n', level: 0, cells });
  }

  for (const item of rowsOf(spec, [...ctx.results.values()].map((r) => r.spec))) {
    if ('section' in item) {
      rowsOut.push({ key: `section:${item.section}`, label: item.section, level: 0, section: true, cells: {} });
      continue;
    }
    const rs = item as RowSpec;
    const rows = rs.subgroup ? subgroupRows(ctx, rs.subgroup) : baseRows;
    noteMissing(ctx, spec.id, rs.variable, rows);
    const rowKey = rs.publishedRow ?? rs.variable;
    if (rs.summary === 'count_percent') {
      categoricalRow(ctx, spec, rs, rowKey, rows, rowsOut, warnings);
    } else {
      continuousRow(ctx, spec, rs, rowKey, rows, rowsOut, data, notes, comparisons, pairIndex, pairwiseNA);
    }
  }
  const c = ctx.conv;
  notes.push(
    `p: three groups; ${comparisons.map(([k, v]) => `${k}: ${v.label}`).join('; ')}.`,
    `Categorical rows: Pearson χ²${c.yates ? ' (Yates on 2 × 2)' : ' without continuity correction'}, or Fisher's exact test when an expected count is below ${c.fisherWhenExpectedBelow} (tag per cell); pairwise p's on the 2-group sub-table by the same rule${c.pairwiseCategoricalAdjust === 'none' ? ', unadjusted' : ', Bonferroni-adjusted'}.`,
    `Continuous rows: Kruskal–Wallis (tie-corrected) with pairwise Dunn tests, ${c.pairwiseAfterKruskal.adjust}-adjusted and capped at 1 (SPSS "Adj. Sig."); "auto" rows choose one-way ANOVA when Shapiro–Wilk p ≥ ${c.normalityAlpha} in every group.`,
    pairwiseNA ? `Pairwise p's are "NA" when the three-group p ≥ ${ctx.alpha}, as the paper prints.` : 'Pairwise p\'s are shown whatever the three-group p.',
    `Medians and quartiles: quantile type ${c.quantileType}${c.quantileType === 6 ? ' (SPSS HAVERAGE)' : ' (R default)'}; SD with n − 1.`,
  );
  const sg = study.subgroups[spec.subgroup];
  return {
    table: { id: spec.id, kind: spec.kind, title: spec.title, ...(spec.caption ? { caption: spec.caption } : {}), publishedTable: table, subgroup: { id: spec.subgroup, label: sg.label }, n, columns, rows: rowsOut, notes, warnings, figures: [] },
    data,
  };
}

function levelLabel(ctx: Ctx, rs: RowSpec, level: string): string {
  return rs.levelLabels?.[level] ?? ctx.inputs.levelLabels[rs.variable]?.[level] ?? level;
}

function categoricalRow(ctx: Ctx, spec: GroupComparisonSpec, rs: RowSpec, rowKey: string, rows: readonly Row[], out: TableRow[], warnings: string[]): void {
  const study = ctx.inputs.loaded.study;
  const table = spec.published;
  const levels = rs.levels ?? ctx.inputs.levels[rs.variable] ?? [...new Set(rows.map((r) => r[rs.variable]).filter((v) => v !== null).map(String))].sort();
  const counts = countsByGroup(ctx, rows, rs.variable, levels, ctx.groupCodes);
  const colTotals = ctx.groupCodes.map((_, j) => counts.reduce((s, r) => s + r[j], 0));
  const total = colTotals.reduce((a, b) => a + b, 0);
  const unknown = rows.filter((r) => r[rs.variable] !== null && !levels.includes(String(r[rs.variable]))).length;
  if (unknown) warnings.push(`${rs.variable}: ${unknown} row(s) with a level not listed in the spec were left out`);

  const head: Record<string, DisplayCell> = {};
  const omni = categoricalTest(ctx, counts);
  const pCell = (column: string, t: TestOutcome | null, naReason?: string): DisplayCell => {
    if (naReason || !t) {
      const c = makeCell(ctx, table, rowKey, column, null, 'NA', { method: naReason ?? 'test not defined (fewer than two non-empty levels or groups)', conventions: convOf(ctx, ['pairwiseOnlyWhenOmnibusSignificant']) });
      return display('NA', [c]);
    }
    const c = makeCell(ctx, table, rowKey, column, t.p, formatP(t.p), { method: t.method, conventions: t.conventions });
    return display(formatP(t.p), [c], t.tag);
  };
  head.p = pCell('p', omni);
  const sensVariants: { col: string; table: number[][]; outcome: TestOutcome | null }[] = [{ col: 'p', table: counts, outcome: omni }];
  for (const [key, cmp] of Object.entries(study.comparisons)) {
    const ia = ctx.groupCodes.indexOf(cmp.a);
    const ib = ctx.groupCodes.indexOf(cmp.b);
    const sub = counts.map((r) => [r[ia], r[ib]]);
    const t = categoricalTest(ctx, sub);
    const adj = ctx.conv.pairwiseCategoricalAdjust === 'bonferroni' && t ? { ...t, p: Math.min(1, t.p * Object.keys(study.comparisons).length), method: `${t.method}; Bonferroni × ${Object.keys(study.comparisons).length}` } : t;
    const na = ctx.conv.pairwiseOnlyWhenOmnibusSignificant && omni && !(omni.p < ctx.alpha) ? `not shown: three-group p = ${formatP(omni.p)} ≥ ${ctx.alpha} (the paper's rule)` : undefined;
    head[key] = pCell(key, adj, na);
    if (!na) sensVariants.push({ col: key, table: sub, outcome: t });
  }
  out.push({ key: rowKey, label: rs.label, level: 0, cells: head });

  const withDenominator = !spec.showTotal;
  levels.forEach((level, li) => {
    const cells: Record<string, DisplayCell> = {};
    const rk = `${rowKey}:${level}`;
    const put = (column: string, count: number, denom: number): void => {
      const pct = denom > 0 ? (100 * count) / denom : null;
      const cCount = makeCell(ctx, table, rk, column, count, String(count), { method: `count of ${level} among ${denom} with a recorded value` });
      const cPct = makeCell(ctx, table, rk, `${column}_pct`, pct, pct === null ? 'NA' : fixed(pct, 1), { method: `percentage of ${denom}` });
      const text = `${withDenominator ? `${count}/${denom}` : count} (${pct === null ? 'NA' : fixed(pct, 1)}%)`;
      cells[column] = display(text, [cCount, cPct]);
    };
    const rowTotal = counts[li].reduce((a, b) => a + b, 0);
    put('total', rowTotal, total);
    if (!spec.showTotal) delete cells.total; // computed (for the text's totals) but not shown
    ctx.groupCodes.forEach((g, j) => put(g, counts[li][j], colTotals[j]));
    out.push({ key: rk, label: levelLabel(ctx, rs, level), level: 1, cells });
  });

  // method sensitivity: Pearson vs Yates vs Fisher on each table
  for (const v of sensVariants) {
    const chosen = v.outcome;
    if (!chosen) continue;
    const variants: SensitivityRow['variants'] = [];
    const chiP = S.chiSquare(v.table, false);
    variants.push({ name: 'Pearson χ², no correction (SPSS)', value: chiP.pValue, display: formatP(chiP.pValue), decision: chiP.pValue < ctx.alpha });
    const is2x2 = chiP.observed.length === 2 && chiP.observed[0].length === 2;
    if (is2x2) {
      const y = S.chiSquare(v.table, true);
      variants.push({ name: 'χ² with Yates (R chisq.test default)', value: y.pValue, display: formatP(y.pValue), decision: y.pValue < ctx.alpha });
    }
    const f = chosen.tag === 'Fisher' ? { pValue: chosen.p } : S.fisher(v.table);
    variants.push({ name: "Fisher's exact test", value: f.pValue, display: formatP(f.pValue), decision: f.pValue < ctx.alpha });
    variants.push({ name: `preset rule (${chosen.tag})`, value: chosen.p, display: formatP(chosen.p), decision: chosen.p < ctx.alpha });
    pushSensitivity(ctx, { check: 'Categorical p: Pearson vs Yates vs Fisher exact', table: spec.published, row: rowKey, label: `${rs.label}${rs.subgroup ? ` (${ctx.inputs.loaded.study.subgroups[rs.subgroup].label})` : ''}`, quantity: v.col, decision: `p < ${ctx.alpha}`, variants });
  }
}

/** The three-group omnibus p under Kruskal–Wallis, ANOVA and Welch, as one sensitivity row. */
function pushOmnibusSensitivity(ctx: Ctx, table: string, row: string, label: string, variants: [string, number][]): void {
  pushSensitivity(ctx, {
    check: 'Three-group p: Kruskal–Wallis vs ANOVA vs Welch',
    table,
    row,
    label,
    quantity: 'p',
    decision: `p < ${ctx.alpha}`,
    variants: variants.map(([name, p]) => ({ name, value: p, display: formatP(p), decision: p < ctx.alpha })),
  });
}

function pushSensitivity(ctx: Ctx, row: Omit<SensitivityRow, 'flips'>): void {
  const decided = row.variants.filter((v) => v.decision !== null).map((v) => v.decision);
  const flips = decided.length > 1 && decided.some((d) => d !== decided[0]);
  ctx.sensitivity.push({ ...row, flips });
}

function continuousRow(
  ctx: Ctx,
  spec: GroupComparisonSpec,
  rs: RowSpec,
  rowKey: string,
  rows: readonly Row[],
  out: TableRow[],
  data: GroupTableData,
  notes: string[],
  comparisons: [string, { a: string; b: string; label: string }][],
  pairIndex: (a: string, b: string) => [number, number],
  pairwiseNA: boolean,
): void {
  const table = spec.published;
  const groups = numericByGroup(ctx, rows, rs.variable);
  const all = groups.flat();
  const digits = rs.digits ?? 2;
  const cells: Record<string, DisplayCell> = {};
  const qType = ctx.conv.quantileType;
  const summarize = (column: string, x: number[], show = true): void => {
    if (x.length === 0) {
      cells[column] = display('NA', [makeCell(ctx, table, rowKey, column, null, 'NA', { method: 'no values' })]);
      return;
    }
    if (rs.summary === 'mean_sd') {
      const m = S.mean(x);
      const s = x.length > 1 ? S.sd(x) : null;
      const cm = makeCell(ctx, table, rowKey, `${column}_mean`, m, fixed(m, digits), { method: `mean of ${x.length}` });
      const cs = makeCell(ctx, table, rowKey, `${column}_sd`, s, s === null ? 'NA' : fixed(s, digits), { method: 'standard deviation (n − 1)' });
      cells[column] = display(`${fixed(m, digits)} ± ${s === null ? 'NA' : fixed(s, digits)}`, [cm, cs]);
    } else {
      const [q1, med, q3] = S.quantiles(x, [0.25, 0.5, 0.75], qType);
      const conv = convOf(ctx, ['quantileType']);
      const cMed = makeCell(ctx, table, rowKey, `${column}_median`, med, fixed(med, digits), { method: `median (type ${qType})`, conventions: conv });
      const c1 = makeCell(ctx, table, rowKey, `${column}_q1`, q1, fixed(q1, digits), { method: `25th percentile (type ${qType})`, conventions: conv });
      const c3 = makeCell(ctx, table, rowKey, `${column}_q3`, q3, fixed(q3, digits), { method: `75th percentile (type ${qType})`, conventions: conv });
      cells[column] = display(`${fixed(med, digits)} (${fixed(q1, digits)}, ${fixed(q3, digits)})`, [cMed, c1, c3]);
      if (!show) return;
      // sensitivity: quantile type 6 vs 7 (descriptive)
      const alt: 6 | 7 = qType === 6 ? 7 : 6;
      const [a1, am, a3] = S.quantiles(x, [0.25, 0.5, 0.75], alt);
      const fmt = (m: number, l: number, h: number): string => `${fixed(m, digits)} (${fixed(l, digits)}, ${fixed(h, digits)})`;
      pushSensitivity(ctx, {
        check: 'Percentiles: type 6 (SPSS) vs type 7 (R)',
        table,
        row: rowKey,
        label: `${rs.label}, ${column}`,
        quantity: 'median (Q1, Q3)',
        decision: '',
        variants: [
          { name: `type ${qType}${qType === 6 ? ' (SPSS)' : ' (R)'}`, value: med, display: fmt(med, q1, q3), decision: null },
          { name: `type ${alt}${alt === 6 ? ' (SPSS)' : ' (R)'}`, value: am, display: fmt(am, a1, a3), decision: null },
        ],
      });
    }
  };
  if (spec.showTotal) summarize('total', all);
  ctx.groupCodes.forEach((g, j) => summarize(g, groups[j]));
  if (!spec.showTotal) {
    // the total is still computed (for numbers the text quotes), not shown
    summarize('total', all, false);
    delete cells.total;
  }

  let omnibusP: number | null = null;
  const pvals: Record<string, number | null> = {};
  const usable = groups.filter((g) => g.length > 0).length >= 2 && groups.every((g) => g.length >= 1);
  if (rs.test !== 'none' && usable) {
    let test: 'kruskal' | 'anova' = rs.test === 'anova' ? 'anova' : 'kruskal';
    let choice = '';
    if (rs.test === 'auto-continuous') {
      const sw = groups.map((g) => (g.length >= 3 ? S.shapiro(g).pValue : null));
      const normal = sw.every((p) => p !== null && p >= ctx.conv.normalityAlpha);
      test = normal ? 'anova' : 'kruskal';
      choice = `; chosen by Shapiro–Wilk (${sw.map((p, i) => `${ctx.groupCodes[i]} p = ${p === null ? 'NA' : formatP(p)}`).join(', ')}): ${normal ? `all ≥ ${ctx.conv.normalityAlpha} → ANOVA` : `some < ${ctx.conv.normalityAlpha} → Kruskal–Wallis`}`;
    }
    const conventions = convOf(ctx, ['pairwiseAfterKruskal', 'pairwiseOnlyWhenOmnibusSignificant', 'normalityAlpha']);
    if (test === 'kruskal') {
      const kw = S.kruskal(groups);
      omnibusP = kw.pValue;
      cells.p = display(formatP(kw.pValue), [makeCell(ctx, table, rowKey, 'p', kw.pValue, formatP(kw.pValue), { method: `Kruskal–Wallis H = ${fixed(kw.statistic, 3)}, df = ${kw.df}, tie-corrected${choice}`, conventions })], 'KW');
      const dunn = S.dunn(groups, ctx.conv.pairwiseAfterKruskal.adjust);
      for (const [key, cmp] of comparisons) {
        const [ia, ib] = pairIndex(cmp.a, cmp.b);
        const c = dunn.comparisons.find((x) => (x.a === ia && x.b === ib) || (x.a === ib && x.b === ia));
        const p = c ? c.pAdjusted : null;
        pvals[key] = p;
        const na = pairwiseNA && !(kw.pValue < ctx.alpha);
        if (na || p === null) {
          cells[key] = display('NA', [makeCell(ctx, table, rowKey, key, null, 'NA', { method: `not shown: Kruskal–Wallis p = ${formatP(kw.pValue)} ≥ ${ctx.alpha} (the paper's rule); Dunn ${ctx.conv.pairwiseAfterKruskal.adjust} p would be ${p === null ? 'NA' : formatP(p)}`, conventions })]);
        } else {
          cells[key] = display(formatP(p), [makeCell(ctx, table, rowKey, key, p, formatP(p), { method: `Dunn's test z = ${fixed(c!.statistic, 3)} on the pooled ranks, ${ctx.conv.pairwiseAfterKruskal.adjust} × ${dunn.comparisons.length}, capped at 1 (unadjusted p = ${formatP(c!.pValue)})`, conventions })], 'Dunn');
        }
      }
      // sensitivity of the pairwise p's: Dunn Bonferroni / Holm, Mann–Whitney (R default exactness) and asymptotic
      const holm = S.dunn(groups, 'holm');
      // only where the preset prints a pairwise p (a flip of a p the paper shows as "NA" is moot)
      const pairwiseShown = !pairwiseNA || kw.pValue < ctx.alpha;
      for (const [key, cmp] of pairwiseShown ? comparisons : []) {
        const [ia, ib] = pairIndex(cmp.a, cmp.b);
        const find = (d: typeof dunn) => d.comparisons.find((x) => (x.a === ia && x.b === ib) || (x.a === ib && x.b === ia));
        const b = find(dunn);
        const h = find(holm);
        if (!b || !h || groups[ia].length === 0 || groups[ib].length === 0) continue;
        const mwDefault = S.mannWhitney(groups[ia], groups[ib], {});
        const mwAsym = S.mannWhitney(groups[ia], groups[ib], { exact: false, correct: true });
        const m = (ctx.groupCodes.length * (ctx.groupCodes.length - 1)) / 2; // the same family as Dunn's
        const bonf = (p: number): number => Math.min(1, p * m);
        const exactUsed = String(mwDefault.conventions.exact ?? mwDefault.method).includes('true') || /exact/i.test(mwDefault.method);
        pushSensitivity(ctx, {
          check: 'Pairwise p: Dunn (Bonferroni/Holm) vs Mann–Whitney exact/asymptotic',
          table,
          row: rowKey,
          label: `${rs.label}`,
          quantity: key,
          decision: `p < ${ctx.alpha}`,
          variants: [
            { name: `Dunn, ${ctx.conv.pairwiseAfterKruskal.adjust} (preset)`, value: b.pAdjusted, display: formatP(b.pAdjusted), decision: b.pAdjusted < ctx.alpha },
            { name: 'Dunn, Holm', value: h.pAdjusted, display: formatP(h.pAdjusted), decision: h.pAdjusted < ctx.alpha },
            { name: `Mann–Whitney ${exactUsed ? 'exact' : 'asymptotic'} (R default), Bonferroni × ${m}`, value: bonf(mwDefault.pValue), display: formatP(bonf(mwDefault.pValue)), decision: bonf(mwDefault.pValue) < ctx.alpha },
            { name: `Mann–Whitney asymptotic + continuity, Bonferroni × ${m}`, value: bonf(mwAsym.pValue), display: formatP(bonf(mwAsym.pValue)), decision: bonf(mwAsym.pValue) < ctx.alpha },
          ],
        });
      }
      pushOmnibusSensitivity(ctx, table, rowKey, rs.label, [
        ['Kruskal–Wallis (preset)', kw.pValue],
        ['one-way ANOVA', S.anova(groups, true).pValue],
        ['Welch ANOVA', S.anova(groups, false).pValue],
      ]);
    } else {
      const an = S.anova(groups, true);
      omnibusP = an.pValue;
      cells.p = display(formatP(an.pValue), [makeCell(ctx, table, rowKey, 'p', an.pValue, formatP(an.pValue), { method: `one-way ANOVA F = ${fixed(an.statistic, 3)}${choice}`, conventions })], 'ANOVA');
      const pairs: [string, number, number][] = comparisons.map(([key, cmp]) => [key, ...pairIndex(cmp.a, cmp.b)] as [string, number, number]);
      const raw = pairs.map(([, ia, ib]) => S.tTest(groups[ia], groups[ib], true).pValue);
      const adj = S.adjustP(raw, 'bonferroni');
      pairs.forEach(([key], i) => {
        pvals[key] = adj[i];
        const na = pairwiseNA && !(an.pValue < ctx.alpha);
        cells[key] = na
          ? display('NA', [makeCell(ctx, table, rowKey, key, null, 'NA', { method: `not shown: ANOVA p = ${formatP(an.pValue)} ≥ ${ctx.alpha} (the paper's rule)`, conventions })])
          : display(formatP(adj[i]), [makeCell(ctx, table, rowKey, key, adj[i], formatP(adj[i]), { method: `Student t-test, Bonferroni × ${pairs.length} (unadjusted p = ${formatP(raw[i])})`, conventions })], 't');
      });
      pushOmnibusSensitivity(ctx, table, rowKey, rs.label, [
        ['one-way ANOVA (chosen)', an.pValue],
        ['Welch ANOVA', S.anova(groups, false).pValue],
        ['Kruskal–Wallis', S.kruskal(groups).pValue],
      ]);
    }
  }
  out.push({ key: rowKey, label: rs.label, level: 0, cells });
  data.continuous.set(rs.variable, { label: rs.label, groups, p: omnibusP, p1: pvals.p1 ?? null, p2: pvals.p2 ?? null, pDisplay: formatP(omnibusP) });
}

// ---------------------------------------------------------------- Figure 3

function runViolin(ctx: Ctx, spec: ViolinSpec): TableResult {
  const src = ctx.results.get(spec.source);
  if (!src?.data) throw new Error(`${spec.id}: source ${spec.source} has not run`);
  const study = ctx.inputs.loaded.study;
  const entries = [...src.data.continuous.entries()].filter(([v, d]) => (spec.select === 'significant' ? d.p !== null && d.p < ctx.alpha : spec.select.includes(v)));
  const comparisons = Object.entries(study.comparisons);
  const panels = entries.map(([variable, d]) => ({
    variable,
    label: d.label,
    groups: ctx.groupCodes.map((g, i) => ({ code: g, label: ctx.groupLabels[i], values: d.groups[i] })),
    pDisplay: d.pDisplay,
    brackets: comparisons.map(([key, c]) => ({
      from: ctx.groupCodes.indexOf(c.a),
      to: ctx.groupCodes.indexOf(c.b),
      text: stars(key === 'p1' ? d.p1 : key === 'p2' ? d.p2 : null, spec.stars.thresholds, spec.stars.notSignificant),
    })),
  }));
  const [t1, t2, t3] = spec.stars.thresholds;
  const caption = `${panels.length} feature${panels.length === 1 ? '' : 's'} with Kruskal–Wallis p < ${ctx.alpha} in ${study.subgroups[src.table.subgroup.id].label}. Brackets: ${comparisons.map(([, c]) => c.label).join(' and ')}, Dunn ${ctx.conv.pairwiseAfterKruskal.adjust}-adjusted: * p < ${t1}, ** p < ${t2}, *** p < ${t3}, ${spec.stars.notSignificant}: not significant. Violins: Gaussian kernel density (vega, Scott's bandwidth), each scaled to the same width; dot and bar: median and quartiles.`;
  const figures: FigureResult[] = panels.length
    ? [{ id: `${spec.id}-violins`, title: spec.title, caption, vegaLite: violinSpec(panels, { columns: 4 }) }]
    : [];
  return {
    id: spec.id,
    kind: spec.kind,
    title: spec.title,
    publishedTable: 'figure3',
    subgroup: src.table.subgroup,
    n: src.table.n,
    columns: [],
    rows: [],
    notes: panels.length ? [] : [`No feature reached p < ${ctx.alpha} in this subgroup: nothing to draw.`],
    warnings: [],
    figures,
  };
}

// ---------------------------------------------------------------- Table S2

function nextSeed(ctx: Ctx): number {
  ctx.seedCounter += 1;
  return ((ctx.seed + ctx.seedCounter * 7919) % 0xfffffffe) + 1;
}

function runLogistic(ctx: Ctx, spec: LogisticSpec): TableResult {
  const study = ctx.inputs.loaded.study;
  const gvar = study.group.variable;
  const base = subgroupRows(ctx, spec.subgroup);
  const rowsOut: TableRow[] = [];
  const trace: ScreeningStep[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const n: Record<string, number> = {};
  for (const g of ctx.groupCodes) n[g] = base.filter((r) => r[gvar] === g).length;
  const columns = [
    { key: 'or', label: 'OR (95% CI)' },
    { key: 'p', label: 'p' },
    { key: 'auc', label: 'Model AUC (95% CI)' },
  ];
  /** Printed ORs of this contrast that the screening kept out of the model: shown, as "differs", not hidden. */
  const notReproduced = (contrastId: string, contrastLabel: string): void => {
    const missing = ctx.pub.unused(new Set([spec.published])).filter((u) => u.id.startsWith(`${spec.published}/${contrastId}:`));
    const byRow = new Map<string, string[]>();
    for (const u of missing) {
      const [, row, column] = u.id.split('/');
      byRow.set(row, [...(byRow.get(row) ?? []), column]);
    }
    for (const [row, cols] of byRow) {
      const [, variable, level] = row.split(':');
      const step = trace.find((t) => t.contrast === contrastLabel && t.variable === variable);
      const why = `not in the reproduced model: ${step ? `screening ${step.reason}` : 'not a candidate'}`;
      const cells: Record<string, DisplayCell> = {};
      const orParts = cols.filter((c) => c.startsWith('or')).map((c) => makeCell(ctx, spec.published, row, c, null, 'NA', { method: why }));
      if (orParts.length) cells.or = display('NA', orParts);
      if (cols.includes('p')) cells.p = display('NA', [makeCell(ctx, spec.published, row, 'p', null, 'NA', { method: why })]);
      const cand = spec.candidates.find((c) => c.variable === variable);
      rowsOut.push({ key: row, label: `${cand?.label ?? variable}${level ? ` (${ctx.inputs.levelLabels[variable]?.[level] ?? level})` : ''} — ${why}`, level: 1, cells });
    }
  };
  for (const contrast of spec.contrasts) {
    const rows = base.filter((r) => r[gvar] === contrast.positive || r[gvar] === contrast.negative);
    const y = rows.map((r) => (r[gvar] === contrast.positive ? 1 : 0));
    rowsOut.push({ key: `section:${contrast.id}`, label: `${contrast.label} (${contrast.positive} n = ${y.filter((v) => v === 1).length}, ${contrast.negative} n = ${y.filter((v) => v === 0).length})`, level: 0, section: true, cells: {} });
    // screening
    const entered: { variable: string; label: string; reference: string; levels: string[] }[] = [];
    for (const cand of spec.candidates) {
      const levels = (ctx.inputs.levels[cand.variable] ?? []).filter((l) => rows.some((r) => r[cand.variable] === l));
      const table = levels.map((l) => [contrast.positive, contrast.negative].map((g) => rows.filter((r) => r[gvar] === g && r[cand.variable] === l).length));
      const t = levels.length >= 2 ? categoricalTest(ctx, table) : null;
      const p = t ? t.p : null;
      const enters = p !== null && p < spec.screening.threshold;
      trace.push({
        contrast: contrast.label,
        variable: cand.variable,
        label: cand.label,
        p,
        test: t ? t.method : 'not testable (fewer than two observed levels)',
        entered: enters,
        reason: p === null ? 'not testable' : `${p < 0.001 ? 'p < 0.001' : `p = ${formatP(p)}`} ${enters ? '<' : '≥'} ${spec.screening.threshold}`,
      });
      if (enters) entered.push({ variable: cand.variable, label: cand.label, reference: cand.reference, levels });
    }
    if (entered.length === 0) {
      warnings.push(`${contrast.label}: no candidate reached p < ${spec.screening.threshold}; no multivariable model`);
      notReproduced(contrast.id, contrast.label);
      continue;
    }
    // design: dummies for each non-reference level present
    const complete = rows.filter((r) => entered.every((e) => r[e.variable] !== null));
    const dropped = rows.length - complete.length;
    if (dropped) ctx.exclusions.push({ table: spec.id, variable: entered.map((e) => e.variable).join('+'), patientIds: rows.filter((r) => !complete.includes(r)).map((r) => idOf(ctx, r)) });
    const terms: { variable: string; level: string; label: string }[] = [];
    for (const e of entered) {
      if (!e.levels.includes(e.reference)) warnings.push(`${contrast.label}: reference level ${e.reference} of ${e.variable} not observed`);
      for (const l of e.levels) if (l !== e.reference) terms.push({ variable: e.variable, level: l, label: `${e.label === undefined ? e.variable : e.label}${e.levels.length > 2 ? `: ${ctx.inputs.levelLabels[e.variable]?.[l] ?? l}` : ''}` });
    }
    const X = complete.map((r) => terms.map((t) => (r[t.variable] === t.level ? 1 : 0)));
    const yc = complete.map((r) => (r[gvar] === contrast.positive ? 1 : 0));
    const names = terms.map((t) => `${t.variable}:${t.level}`);
    const events = Math.min(yc.filter((v) => v === 1).length, yc.filter((v) => v === 0).length);
    const epv = events / terms.length;
    // separation check: a dummy with an empty cell against the outcome
    const separation: string[] = [];
    terms.forEach((t, j) => {
      const cells = [
        [0, 0],
        [0, 0],
      ];
      X.forEach((row, i) => (cells[row[j]][yc[i]] += 1));
      const empty = cells.flatMap((r, a) => r.map((v, b) => (v === 0 ? `${a ? t.level : `not ${t.level}`} × ${b ? contrast.positive : contrast.negative}` : null))).filter(Boolean);
      if (empty.length) separation.push(`${t.variable}:${t.level} has an empty cell (${empty.join(', ')}): quasi-complete separation`);
    });
    const fit = S.logistic(X, yc, { names, ci: ctx.conv.orCi });
    const alt = S.logistic(X, yc, { names, ci: ctx.conv.orCi === 'wald' ? 'profile' : 'wald' });
    const firth = S.logistic(X, yc, { names, ci: 'profile', firth: true });
    notes.push(
      `${contrast.label}: ${complete.length} patients, ${terms.length} parameter${terms.length === 1 ? '' : 's'} (${terms.map((t) => t.label).join(', ')}); events per variable = ${fixed(epv, 1)}${epv < spec.minEventsPerVariable ? ` < ${spec.minEventsPerVariable} (Peduzzi et al. 1996): estimates may be unstable` : ''}; separation check: ${separation.length ? separation.join('; ') : 'no empty cells'}${fit.converged ? '' : '; the fit did not converge'}.`,
    );
    for (const w of fit.warnings) warnings.push(`${contrast.label}: ${w}`);
    const coefs = fit.coefficients.filter((c) => c.name !== '(Intercept)');
    terms.forEach((t, j) => {
      const c = coefs.find((x) => x.name === names[j]) ?? coefs[j];
      const rowKey = `${contrast.id}:${t.variable}:${t.level}`;
      const ciName = ctx.conv.orCi === 'wald' ? 'Wald' : 'profile-likelihood';
      const conventions = convOf(ctx, ['orCi']);
      const cOr = makeCell(ctx, spec.published, rowKey, 'or', c.oddsRatio, fixed(c.oddsRatio, 2), { method: `multivariable logistic regression (IRLS), outcome 1 = ${contrast.positive}; OR = exp(β), β = ${fixed(c.estimate, 4)} (SE ${fixed(c.se, 4)})`, conventions });
      const cLo = makeCell(ctx, spec.published, rowKey, 'or_ci_lower', c.confInt[0], fixed(c.confInt[0], 2), { method: `${ciName} 95% CI`, conventions });
      const cHi = makeCell(ctx, spec.published, rowKey, 'or_ci_upper', c.confInt[1], fixed(c.confInt[1], 2), { method: `${ciName} 95% CI`, conventions });
      const cP = makeCell(ctx, spec.published, rowKey, 'p', c.pValue, formatP(c.pValue), { method: `Wald z = ${fixed(c.z, 3)}` });
      rowsOut.push({
        key: rowKey,
        label: t.label,
        level: 1,
        cells: { or: display(`${fixed(c.oddsRatio, 2)} (${fixed(c.confInt[0], 2)}–${fixed(c.confInt[1], 2)})`, [cOr, cLo, cHi], ciName === 'Wald' ? 'Wald' : 'profile'), p: display(formatP(c.pValue), [cP], 'Wald') },
      });
      const a = alt.coefficients.find((x) => x.name === c.name);
      const fc = firth.coefficients.find((x) => x.name === c.name);
      const excl = (ci: readonly [number, number]): boolean => ci[0] > 1 || ci[1] < 1;
      const fmtCi = (or: number, ci: readonly [number, number]): string => `${fixed(or, 2)} (${fixed(ci[0], 2)}–${fixed(ci[1], 2)})`;
      const variants: SensitivityRow['variants'] = [{ name: `${ciName} CI (preset)`, value: c.oddsRatio, display: fmtCi(c.oddsRatio, c.confInt), decision: excl(c.confInt) }];
      if (a) variants.push({ name: `${ctx.conv.orCi === 'wald' ? 'profile-likelihood (R confint)' : 'Wald (SPSS)'} CI`, value: a.oddsRatio, display: fmtCi(a.oddsRatio, a.confInt), decision: excl(a.confInt) });
      if (fc) variants.push({ name: 'Firth penalised likelihood, profile CI', value: fc.oddsRatio, display: fmtCi(fc.oddsRatio, fc.confInt), decision: excl(fc.confInt) });
      pushSensitivity(ctx, { check: 'Odds-ratio CI: Wald vs profile likelihood vs Firth', table: spec.published, row: rowKey, label: `${contrast.label}: ${t.label}`, quantity: 'OR (95% CI)', decision: '95% CI excludes 1', variants });
    });
    // model AUC
    const curve = S.roc(yc, fit.fitted, '<');
    const ci = S.aucCi(curve, ctx.conv.aucCi, ctx.nBoot, nextSeed(ctx));
    const modelRow = `${contrast.id}:qualitative_model`;
    const m1 = makeCell(ctx, 'text', modelRow, 'auc', curve.auc, fixed(curve.auc, 3), { method: `ROC of the fitted probabilities (positive = ${contrast.positive}, direction '<')` });
    const m2 = makeCell(ctx, 'text', modelRow, 'auc_ci_lower', ci.confInt[0], fixed(ci.confInt[0], 3), { method: `${ci.method} 95% CI` });
    const m3 = makeCell(ctx, 'text', modelRow, 'auc_ci_upper', ci.confInt[1], fixed(ci.confInt[1], 3), { method: `${ci.method} 95% CI` });
    rowsOut.push({ key: modelRow, label: 'Model (all entered features)', level: 1, cells: { auc: display(`${fixed(curve.auc, 3)} (${fixed(ci.confInt[0], 3)}–${fixed(ci.confInt[1], 3)})`, [m1, m2, m3], ci.method === 'delong' ? 'DeLong' : 'boot') } });
    aucSensitivity(ctx, spec.published, modelRow, `${contrast.label}: qualitative model`, curve, null, yc);
    notReproduced(contrast.id, contrast.label);
  }
  notes.push(`Screening: each candidate's 2 × k table against the contrast (same χ²/Fisher rule as Table 2), entered when p < ${spec.screening.threshold}. ORs for the non-reference level; reference levels: ${spec.candidates.map((c) => `${c.variable} = ${c.reference}`).join(', ')}.`);
  return { id: spec.id, kind: spec.kind, title: spec.title, publishedTable: spec.published, subgroup: { id: spec.subgroup, label: study.subgroups[spec.subgroup].label }, n, columns, rows: rowsOut, notes, warnings, trace, figures: [] };
}

/** DeLong vs bootstrap CI, and (when X is given) Harrell's optimism-corrected AUC of a refitted logistic model. */
function aucSensitivity(ctx: Ctx, table: string, row: string, label: string, curve: S.Roc, X: number[][] | null, y: number[]): void {
  const delong = S.aucCi(curve, 'delong', ctx.nBoot, 1);
  const boot = S.aucCi(curve, 'bootstrap', ctx.nBoot, nextSeed(ctx));
  const fmt = (a: number, ci: [number, number]): string => `${fixed(a, 3)} (${fixed(ci[0], 3)}–${fixed(ci[1], 3)})`;
  const variants: SensitivityRow['variants'] = [
    { name: 'DeLong CI', value: curve.auc, display: fmt(curve.auc, delong.confInt), decision: delong.confInt[0] > 0.5 },
    { name: `stratified bootstrap CI (${ctx.nBoot} replicates, seeded)`, value: curve.auc, display: fmt(curve.auc, boot.confInt), decision: boot.confInt[0] > 0.5 },
  ];
  if (X) {
    // computed after every analysis, possibly on worker threads (see finishOptimism); seeded here, in order
    const variant: SensitivityRow['variants'][number] = { name: 'optimism-corrected AUC (pending)', value: null, display: 'NA', decision: null };
    variants.push(variant);
    ctx.deferred.push({ job: { X, y, apparent: curve.auc, seed: nextSeed(ctx), nBoot: ctx.nBoot }, variant });
  }
  pushSensitivity(ctx, { check: 'AUC: DeLong vs bootstrap CI; optimism-corrected AUC', table, row, label, quantity: 'AUC (95% CI)', decision: '95% CI lower limit > 0.5', variants });
}

// ---------------------------------------------------------------- Table 4

function runRoc(ctx: Ctx, spec: RocSpec): TableResult {
  const study = ctx.inputs.loaded.study;
  const gvar = study.group.variable;
  const base = subgroupRows(ctx, spec.subgroup).filter((r) => r[gvar] === spec.positive || r[gvar] === spec.negative);
  const allVars = [...new Set([...spec.features.map((f) => f.variable), ...spec.combined.flatMap((c) => c.variables)])];
  const rows = base.filter((r) => allVars.every((v) => typeof r[v] === 'number'));
  if (rows.length < base.length) ctx.exclusions.push({ table: spec.id, variable: allVars.join('+'), patientIds: base.filter((r) => !rows.includes(r)).map((r) => idOf(ctx, r)) });
  const labels = rows.map((r) => (r[gvar] === spec.positive ? 1 : 0));
  const nPos = labels.filter((v) => v === 1).length;
  const nNeg = labels.length - nPos;
  const posLabel = ctx.groupLabels[ctx.groupCodes.indexOf(spec.positive)];
  const negLabel = ctx.groupLabels[ctx.groupCodes.indexOf(spec.negative)];
  const columns = [
    { key: 'direction', label: 'Direction' },
    { key: 'auc', label: 'AUC' },
    { key: 'auc_ci', label: '95% CI' },
    { key: 'sensitivity', label: 'Sensitivity %' },
    { key: 'specificity', label: 'Specificity %' },
    { key: 'cutoff', label: 'Cut-off' },
  ];
  const rowsOut: TableRow[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const curves: { id: string; label: string; auc: number; points: { fpr: number; tpr: number }[]; combined: boolean }[] = [];
  const scoresById = new Map<string, number[]>();
  const singleAucs: number[] = [];
  const combinedAucs: number[] = [];

  const rocRow = (id: string, label: string, scores: number[], direction: '<' | '>', why: string, X: number[][] | null, cutDigits: number): void => {
    const curve = S.roc(labels, scores, direction);
    const ci = S.aucCi(curve, ctx.conv.aucCi, ctx.nBoot, nextSeed(ctx));
    const yd = S.youdenBest(curve);
    const best = yd.best[0];
    const sens = 100 * best.sensitivity;
    const spec100 = 100 * best.specificity;
    const t = spec.published;
    const conventions: Record<string, ConventionValue> = { positive: spec.positive, direction, aucCi: ctx.conv.aucCi, cutoff: 'Youden J (first of ties)' };
    const cAuc = makeCell(ctx, t, id, 'auc', curve.auc, fixed(curve.auc, 3), { method: `empirical AUC (Mann–Whitney), positive = ${spec.positive} (n = ${nPos}), negative = ${spec.negative} (n = ${nNeg}), direction '${direction}'`, conventions });
    const cLo = makeCell(ctx, t, id, 'auc_ci_lower', ci.confInt[0], fixed(ci.confInt[0], 3), { method: `${ci.method} 95% CI (SE ${fixed(ci.se, 4)})`, conventions });
    const cHi = makeCell(ctx, t, id, 'auc_ci_upper', ci.confInt[1], fixed(ci.confInt[1], 3), { method: `${ci.method} 95% CI`, conventions });
    const tieNote = yd.best.length > 1 ? `${yd.best.length} thresholds attain the maximum Youden J = ${fixed(yd.youden, 4)}: ${yd.best.map((b) => fixed(b.threshold, cutDigits)).join(', ')}; the first is shown` : undefined;
    const sensPub = ctx.pub.has(t, id, 'sensitivity') ? ctx.pub.get(t, id, 'sensitivity') : null;
    const specPub = ctx.pub.has(t, id, 'specificity') ? ctx.pub.get(t, id, 'specificity') : null;
    let swapNote: string | undefined;
    if (sensPub && specPub && compareToPublished(spec100, fixed(spec100, 2), sensPub).status === 'agrees' && compareToPublished(sens, fixed(sens, 2), specPub).status === 'agrees') {
      swapNote = `the printed sensitivity and specificity equal ours swapped: the paper appears to have taken ${spec.negative} as the positive class in this row`;
    }
    // which class do the printed percentages count? k/n must print as the value: n = cases or n = controls
    const denominators = (pub: PublishedRef | null): number[] => {
      if (!pub || pub.value === null || !pub.interval) return [];
      const [lo, hi] = pub.interval;
      return [nPos, nNeg].filter((n) => Array.from({ length: n + 1 }, (_, k) => (100 * k) / n).some((v) => v >= lo - 1e-9 && v <= hi + 1e-9));
    };
    const sensN = denominators(sensPub);
    const specN = denominators(specPub);
    if (sensN.length === 1 && specN.length === 1 && sensN[0] === nNeg && specN[0] === nPos && nPos !== nNeg) {
      const note = `printed sensitivity ${sensPub!.printed}% is a count out of ${nNeg} (${spec.negative}) and specificity ${specPub!.printed}% out of ${nPos} (${spec.positive}): the paper's positive class in this row is ${spec.negative}, not ${spec.positive}`;
      swapNote = swapNote ? `${swapNote}; ${note}` : note;
      ctx.rocClassNotes.push(label);
    }
    const cSens = makeCell(ctx, t, id, 'sensitivity', sens, fixed(sens, 2), { method: `at the Youden cut-off: ${best.tp}/${best.tp + best.fn} ${spec.positive} called positive`, conventions, note: [tieNote, swapNote].filter(Boolean).join('; ') || undefined });
    const cSpec = makeCell(ctx, t, id, 'specificity', spec100, fixed(spec100, 2), { method: `at the Youden cut-off: ${best.tn}/${best.tn + best.fp} ${spec.negative} called negative`, conventions, note: swapNote });
    const cCut = makeCell(ctx, t, id, 'cutoff', best.threshold, fixed(best.threshold, cutDigits), { method: `Youden-optimal threshold (pROC midpoint convention); positive when score ${direction === '<' ? '≥' : '≤'} threshold`, conventions, note: tieNote });
    rowsOut.push({
      key: id,
      label,
      level: X ? 0 : 1,
      cells: {
        direction: display(`${direction === '<' ? 'higher' : 'lower'} in ${posLabel} ('${direction}')`, []),
        auc: display(fixed(curve.auc, 3), [cAuc]),
        auc_ci: display(`${fixed(ci.confInt[0], 3)}–${fixed(ci.confInt[1], 3)}`, [cLo, cHi], ci.method === 'delong' ? 'DeLong' : 'boot'),
        sensitivity: display(fixed(sens, 2), [cSens]),
        specificity: display(fixed(spec100, 2), [cSpec]),
        cutoff: display(fixed(best.threshold, cutDigits), [cCut]),
      },
    });
    curves.push({ id, label, auc: curve.auc, points: curve.points.map((p) => ({ fpr: 1 - p.specificity, tpr: p.sensitivity })), combined: X !== null });
    scoresById.set(id, scores);
    (X ? combinedAucs : singleAucs).push(curve.auc);
    aucSensitivity(ctx, t, id, label, curve, spec.optimismCorrection ? X : null, labels);
  };

  for (const f of spec.features) {
    rocRow(f.variable, f.label, rows.map((r) => r[f.variable] as number), f.direction, f.why, null, spec.cutoffDigits);
  }
  for (const c of spec.combined) {
    const X = rows.map((r) => c.variables.map((v) => r[v] as number));
    const fit = S.logistic(X, labels, { names: c.variables, ci: 'wald' });
    for (const w of fit.warnings) warnings.push(`${c.label}: ${w}`);
    notes.push(`${c.label}: logistic regression of ${spec.positive} (1) vs ${spec.negative} (0) on ${c.variables.join(', ')}; score = fitted probability of ${spec.positive}${fit.converged ? '' : ' (did not converge)'}.`);
    rocRow(c.id, c.label, fit.fitted, '<', 'fitted probability', X, spec.cutoffDigits);
  }
  // DeLong tests
  if (spec.delong) {
    const ref = spec.delong.reference;
    for (const other of spec.delong.against) {
      const a = scoresById.get(ref)!;
      const b = scoresById.get(other)!;
      const d = S.delong(labels, a, b, '<');
      const row = `${ref}_vs_${other}`;
      const labelA = spec.combined.find((c) => c.id === ref)!.label;
      const labelB = spec.combined.find((c) => c.id === other)!.label;
      const cell = makeCell(ctx, 'text', row, 'delong_p', d.pValue, formatP(d.pValue), { method: `DeLong paired test, z = ${fixed(d.statistic, 3)}, AUC ${fixed(d.aucA, 3)} vs ${fixed(d.aucB, 3)}`, conventions: { positive: spec.positive, direction: '<' } });
      rowsOut.push({ key: row, label: `DeLong: ${labelA} vs ${labelB}`, level: 0, cells: { auc: display(`p = ${formatP(d.pValue)}`, [cell], 'DeLong') } });
    }
  }
  // the text's ranges
  const range = (row: string, label: string, aucs: number[]): void => {
    if (!aucs.length) return;
    const lo = Math.min(...aucs);
    const hi = Math.max(...aucs);
    const a = makeCell(ctx, 'text', row, 'auc_range_min', lo, fixed(lo, 3), { method: 'smallest AUC of the rows above' });
    const b = makeCell(ctx, 'text', row, 'auc_range_max', hi, fixed(hi, 3), { method: 'largest AUC of the rows above' });
    rowsOut.push({ key: row, label, level: 0, cells: { auc: display(`${fixed(lo, 3)} to ${fixed(hi, 3)}`, [a, b]) } });
  };
  range('single_features', 'AUC range, single features', singleAucs);
  range('combined_models', 'AUC range, combined models', combinedAucs);

  if (ctx.rocClassNotes.length) {
    warnings.push(
      `The printed numbers themselves: in ${ctx.rocClassNotes.length} of ${spec.features.length + spec.combined.length} rows (${ctx.rocClassNotes.join(', ')}) the printed sensitivity is a count out of the ${negLabel} group (n = ${nNeg}) and the specificity out of ${posLabel} (n = ${nPos}): the paper switched the positive class between rows. Here ${posLabel} is positive in every row, so those cells are compared against swapped definitions.`,
    );
  }
  notes.unshift(
    `Positive class (cases): ${posLabel} (n = ${nPos}); negative class (controls): ${negLabel} (n = ${nNeg}) — the same in every row. Direction fixed in advance from the paper's reported sign (pROC convention: '<' = ${spec.negative} lower than ${spec.positive}); never chosen from the data.`,
    `Directions (from the spec, with the reason): ${spec.features.map((f) => `${f.label} '${f.direction}' (${f.why})`).join('; ')}; combined models '<' (fitted probability of ${spec.positive}).`,
    `AUC CI: ${ctx.conv.aucCi === 'delong' ? 'DeLong (pROC ci.auc default)' : `stratified bootstrap, ${ctx.nBoot} replicates`}; sensitivity/specificity at the Youden-optimal threshold (ties listed in the cell's note).`,
  );
  const figures: FigureResult[] = [
    {
      id: `${spec.id}-roc`,
      title: 'ROC curves',
      caption: `${posLabel} (positive) vs ${negLabel} in ${study.subgroups[spec.subgroup].label}. Left: single features; right: combined logistic-regression models. Dashed: chance.`,
      vegaLite: rocSpec([
        { title: 'Single features', curves: curves.filter((c) => !c.combined) },
        { title: 'Combined models', curves: curves.filter((c) => c.combined) },
      ]),
    },
  ];
  const n: Record<string, number> = { [spec.positive]: nPos, [spec.negative]: nNeg };
  return { id: spec.id, kind: spec.kind, title: spec.title, publishedTable: spec.published, subgroup: { id: spec.subgroup, label: study.subgroups[spec.subgroup].label }, n, columns, rows: rowsOut, notes, warnings, figures };
}

// ---------------------------------------------------------------- Table S5

function runAgreement(ctx: Ctx, spec: AgreementSpec): TableResult {
  const [s1, s2] = spec.readerSuffixes;
  const rows = ctx.inputs.rows;
  const rowsOut: TableRow[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const kappas: number[] = [];
  const form = ctx.conv.icc;
  const columns = [
    { key: 'n', label: 'n rated by both' },
    { key: 'value', label: 'Agreement (95% CI)' },
    { key: 'range', label: 'Range' },
  ];
  rowsOut.push({ key: 'section:kappa', label: `Cohen's kappa (${ctx.conv.kappaWeights === 'none' ? 'unweighted' : `${ctx.conv.kappaWeights} weights`})`, level: 0, section: true, cells: {} });
  for (const k of spec.kappa) {
    const pairs = rows.filter((r) => r[k.variable + s1] !== null && r[k.variable + s1] !== undefined && r[k.variable + s2] !== null && r[k.variable + s2] !== undefined);
    if (pairs.length < 2) {
      warnings.push(`${k.variable}: fewer than two patients rated by both readers`);
      continue;
    }
    const r1 = pairs.map((r) => String(r[k.variable + s1]));
    const r2 = pairs.map((r) => String(r[k.variable + s2]));
    const levels = ctx.inputs.levels[k.variable];
    const res = S.kappa(r1, r2, ctx.conv.kappaWeights, levels);
    kappas.push(res.kappa);
    const cell = makeCell(ctx, spec.published, k.variable, 'kappa', res.kappa, fixed(res.kappa, 3), { method: `${res.method}, ${pairs.length} patients`, conventions: convOf(ctx, ['kappaWeights']) });
    rowsOut.push({ key: k.variable, label: k.label, level: 1, cells: { n: display(String(pairs.length), []), value: display(`${fixed(res.kappa, 3)} (${fixed(res.confInt[0], 3)}–${fixed(res.confInt[1], 3)})`, [cell]) } });
  }
  const rangeCells = (row: string, col: string, values: number[]): DisplayCell => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const a = makeCell(ctx, spec.published, row, `${col}_range_min`, lo, fixed(lo, 3), { method: 'smallest of the rows above' });
    const b = makeCell(ctx, spec.published, row, `${col}_range_max`, hi, fixed(hi, 3), { method: 'largest of the rows above' });
    return display(`${fixed(lo, 3)}–${fixed(hi, 3)}`, [a, b]);
  };
  if (kappas.length) rowsOut.push({ key: 'qualitative', label: 'All qualitative features', level: 0, cells: { range: rangeCells('qualitative', 'kappa', kappas) } });
  const formName = `ICC ${form.model === 'oneway' ? 'one-way random' : form.model === 'twoway-random' ? 'two-way random' : 'two-way mixed'}, ${form.type === 'agreement' ? 'absolute agreement' : 'consistency'}, ${form.unit} rater${form.unit === 'single' ? '' : 's (average)'} (McGraw & Wong; ${form.model === 'twoway-random' && form.type === 'agreement' ? form.unit === 'single' ? 'ICC(2,1), psych ICC2' : 'ICC(2,k), psych ICC2k' : form.model === 'oneway' ? form.unit === 'single' ? 'ICC(1,1), psych ICC1' : 'ICC(1,k), psych ICC1k' : form.unit === 'single' ? 'ICC(3,1), psych ICC3' : 'ICC(3,k), psych ICC3k'})`;
  for (const g of spec.icc) {
    rowsOut.push({ key: `section:${g.id}`, label: `${g.label}: ${formName}`, level: 0, section: true, cells: {} });
    const values: number[] = [];
    for (const v of g.variables) {
      const pairs = rows.filter((r) => typeof r[v + s1] === 'number' && typeof r[v + s2] === 'number');
      if (pairs.length < 2) {
        warnings.push(`${v}: fewer than two patients measured by both readers`);
        continue;
      }
      const ratings = pairs.map((r) => [r[v + s1] as number, r[v + s2] as number]);
      const res = S.iccOf(ratings, form);
      values.push(res.value);
      const cell = makeCell(ctx, spec.published, v, 'icc', res.value, fixed(res.value, 3), { method: `${formName}, ${pairs.length} patients × 2 readers`, conventions: { model: form.model, type: form.type, unit: form.unit } });
      rowsOut.push({ key: v, label: v, level: 1, cells: { n: display(String(pairs.length), []), value: display(`${fixed(res.value, 3)} (${fixed(res.confInt[0], 3)}–${fixed(res.confInt[1], 3)})`, [cell]) } });
    }
    if (values.length) rowsOut.push({ key: g.id, label: `All ${g.label} features`, level: 0, cells: { range: rangeCells(g.id, 'icc', values) } });
  }
  notes.push(`Kappa on patients rated by both readers (mass and NME descriptors only where recorded). ICC form: ${formName}; the paper does not name its form.`);
  return { id: spec.id, kind: spec.kind, title: spec.title, publishedTable: spec.published, subgroup: { id: 'all', label: ctx.inputs.loaded.study.subgroups.all?.label ?? 'All patients' }, n: { total: rows.length }, columns, rows: rowsOut, notes, warnings, figures: [] };
}

// ---------------------------------------------------------------- echoes of the text and abstract

function runEchoes(ctx: Ctx): TableResult | null {
  const rowsOut: TableRow[] = [];
  for (const table of ['text', 'abstract']) {
    for (const entry of ctx.pub.unused(new Set([table]))) {
      const [, row, column] = entry.id.split('/');
      const src = ctx.registry.get(`${row}|${column}`);
      if (!src) continue;
      const published = ctx.pub.get(table, row, column);
      const cmp = compareToPublished(src.value, src.display, published);
      const cell: Cell = { table, row, column, value: src.value, display: src.display, published, status: cmp.status, method: `${src.method ?? ''} (reproduced in ${src.table})`.trim() };
      if (src.conventions) cell.conventions = src.conventions;
      rowsOut.push({ key: `${table}/${row}/${column}`, label: `${table === 'text' ? 'Text' : 'Abstract'}: ${row} — ${column}`, level: 0, cells: { value: display(src.display, [cell]) } });
    }
  }
  if (!rowsOut.length) return null;
  return {
    id: 'text_abstract',
    kind: 'echo',
    title: 'Numbers quoted in the text and abstract',
    publishedTable: 'text',
    subgroup: { id: 'all', label: 'As in the table each number comes from' },
    n: {},
    columns: [{ key: 'value', label: 'Reproduced' }],
    rows: rowsOut,
    notes: ['Each number the text or abstract repeats, compared with the same reproduced cell as in its table.'],
    warnings: [],
    figures: [],
  };
}

// ---------------------------------------------------------------- driver

/** Fills the optimism-corrected AUCs (Harrell) of the combined models. */
function finishOptimism(ctx: Ctx, results: readonly OptimismResult[]): void {
  ctx.deferred.forEach(({ variant }, i) => {
    const opt = results[i];
    variant.name = `optimism-corrected AUC (Harrell, ${ctx.nBoot} bootstrap refits${opt.failed ? `, ${opt.failed} not converged` : ''})`;
    variant.value = opt.corrected;
    variant.display = `${fixed(opt.corrected, 3)} (optimism ${fixed(opt.optimism, 3)})`;
  });
}

/** Runs every analysis of a loaded study on cohort rows. Deterministic for a given seed, whatever `threads`. */
export async function runAnalyses(inputs: RunInputs, opts: RunOptions = {}): Promise<StudyResult> {
  const study = inputs.loaded.study;
  const presetName = opts.preset ?? study.defaultPreset;
  const preset = study.presets[presetName];
  if (!preset) throw new Error(`preset must be one of ${Object.keys(study.presets).join(', ')}; got "${presetName}"`);
  const ctx: Ctx = {
    inputs,
    conv: preset.conventions,
    alpha: study.alpha,
    seed: opts.seed ?? study.seed,
    nBoot: opts.bootstrapReplicates ?? study.bootstrapReplicates,
    pub: new PublishedIndex(inputs.published),
    registry: new Map(),
    sensitivity: [],
    exclusions: [],
    progress: opts.progress,
    seedCounter: 0,
    deferred: [],
    rocClassNotes: [],
    groupCodes: study.group.levels.map((l) => l.code),
    groupLabels: study.group.levels.map((l) => l.label),
    results: new Map(),
  };
  const tables: TableResult[] = [];
  for (const spec of inputs.loaded.analyses) {
    let table: TableResult;
    let data: GroupTableData | undefined;
    try {
      if (spec.kind === 'group-comparison') ({ table, data } = runGroupComparison(ctx, spec));
      else if (spec.kind === 'violin') table = runViolin(ctx, spec);
      else if (spec.kind === 'logistic-screening') table = runLogistic(ctx, spec);
      else if (spec.kind === 'roc') table = runRoc(ctx, spec);
      else table = runAgreement(ctx, spec);
    } catch (error) {
      throw new AnalysisError(spec.id, error as Error);
    }
    ctx.results.set(spec.id, { spec, table, data });
    tables.push(table);
  }
  finishOptimism(ctx, await runOptimismJobs(ctx.deferred.map((d) => d.job), { threads: opts.threads ?? 0, onProgress: (done, total) => ctx.progress?.('optimism bootstrap', done, total) }));
  const echoes = runEchoes(ctx);
  if (echoes) tables.push(echoes);
  const summary = tables
    .filter((t) => t.rows.length)
    .map((t) => {
      const s = { table: t.id, title: t.title, agrees: 0, differs: 0, notPrinted: 0 };
      for (const r of t.rows) {
        for (const col of t.columns) {
          for (const p of r.cells[col.key]?.parts ?? []) {
            if (p.status === 'agrees') s.agrees += 1;
            else if (p.status === 'differs') s.differs += 1;
            else s.notPrinted += 1;
          }
        }
      }
      return s;
    });
  const publishedTables = new Set(inputs.published.map((p) => p.location.table));
  return {
    generator: { name: 'restudy', version: VERSION },
    study: { id: study.id, title: study.title, citation: study.citation },
    preset: { name: presetName, description: preset.description, conventions: { ...preset.conventions } },
    alpha: study.alpha,
    seed: ctx.seed,
    bootstrapReplicates: ctx.nBoot,
    input: inputs.input,
    summary,
    tables,
    sensitivity: ctx.sensitivity,
    unmatchedPublished: ctx.pub.unused(publishedTables),
    exclusions: ctx.exclusions,
  };
}
