/**
 * The `agreement` kind: Cohen's kappa (unweighted or weighted) of two readers' categorical ratings and the ICC
 * (form named, McGraw & Wong) of numeric ratings by two or more readers, with CIs and the number of rows rated
 * by every reader. Readers are listed per entry, or built from `readerSuffixes`. Browser-safe.
 */
import { z } from 'zod';
import * as S from '../api.ts';
import { display } from '../cells.ts';
import type { Conventions } from '../conventions.ts';
import { fixed, formatP, pStatement } from '../format.ts';
import type { DisplayCell, TableRow } from '../types.ts';
import { checkSubgroup, columnLabel, columnValue, identifier, subgroupRows } from './_common.ts';
import type { AnalysisOutput, CheckContext, Kind, KindContext } from './_kind.ts';
import { tableFields, tableResult } from './summaryTable.schema.ts';

const iccForm = z.strictObject({
  model: z.enum(['oneway', 'twoway-random', 'twoway-mixed']),
  type: z.enum(['consistency', 'agreement']),
  unit: z.enum(['single', 'average']),
});

const kappaEntry = z.strictObject({
  /** Row key (default: the variable, or the readers joined by `_vs_`): several weightings of one pair need ids. */
  id: identifier.optional(),
  variable: z.string().min(1).optional(),
  readers: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
  label: z.string().optional(),
  weights: z.enum(['none', 'linear', 'quadratic']).optional(),
});
const iccEntry = z.strictObject({
  id: identifier.optional(),
  label: z.string().optional(),
  /** One ICC per variable (readers from readerSuffixes), reported with the group's range … */
  variables: z.array(z.string().min(1)).min(1).optional(),
  /** … or one ICC of these reader columns. */
  readers: z.array(z.string().min(1)).min(2).optional(),
  form: iccForm.optional(),
});

export const agreementSchema = z.strictObject({
  ...tableFields,
  kind: z.literal('agreement'),
  /** Reader columns `<variable><suffix>` for each suffix. */
  readerSuffixes: z.array(z.string().min(1)).min(2).optional(),
  kappa: z.array(kappaEntry).default([]),
  icc: z.array(iccEntry).default([]),
  /** Row key and label of the range over every kappa row. */
  kappaRange: z.strictObject({ key: z.string(), label: z.string() }).optional(),
});
export type AgreementSpec = z.infer<typeof agreementSchema>;

const weightsName = (w: Conventions['kappaWeights']): string => (w === 'none' ? 'unweighted' : `${w} weights`);

const readersOf = (spec: AgreementSpec, variable: string): string[] =>
  (spec.readerSuffixes ?? []).map((s) => `${variable}${s}`);

function check(spec: AgreementSpec, ctx: CheckContext): string[] {
  const out = checkSubgroup(spec.subgroup, ctx, 'subgroup');
  if (!spec.kappa.length && !spec.icc.length) out.push('kappa: give kappa or icc entries');
  const column = (name: string, at: string, type: 'categorical' | 'numeric'): void => {
    const col = ctx.columns.get(name);
    if (!col) out.push(`${at}: no column "${name}" in the codebook`);
    else if (col.type !== type) out.push(`${at}: "${name}" is ${col.type}; ${type} ratings are needed`);
  };
  spec.kappa.forEach((k, i) => {
    if ((k.variable === undefined) === (k.readers === undefined))
      return void out.push(`kappa.${i}: give variable (with readerSuffixes) or readers`);
    if (k.variable !== undefined && !spec.readerSuffixes)
      return void out.push(`kappa.${i}.variable: needs readerSuffixes in the spec`);
    const readers = k.readers ?? readersOf(spec, k.variable as string);
    if (readers.length !== 2) out.push(`kappa.${i}: Cohen's kappa needs exactly two readers`);
    readers.forEach((r, j) => column(r, `kappa.${i}.readers.${j}`, 'categorical'));
  });
  const keys = spec.kappa.map((k) => kappaKey(spec, k));
  keys.forEach((key, i) => {
    const first = keys.indexOf(key);
    if (first !== i)
      out.push(`kappa.${i}: row "${key}" is also kappa.${first}'s; give each entry of one reader pair its own id`);
  });
  spec.icc.forEach((g, i) => {
    if ((g.variables === undefined) === (g.readers === undefined))
      return void out.push(`icc.${i}: give variables (with readerSuffixes) or readers`);
    if (g.variables && !spec.readerSuffixes)
      return void out.push(`icc.${i}.variables: needs readerSuffixes in the spec`);
    if (g.variables && !g.id) out.push(`icc.${i}.id: a group of variables needs an id`);
    const readers = g.readers ?? (g.variables ?? []).flatMap((v) => readersOf(spec, v));
    readers.forEach((r, j) => column(r, `icc.${i}.readers.${j}`, 'numeric'));
  });
  return out;
}

type KappaEntry = AgreementSpec['kappa'][number];

const kappaReaders = (spec: AgreementSpec, k: KappaEntry): string[] =>
  k.readers ?? readersOf(spec, k.variable as string);

/** The row key of a kappa entry: its id, else its variable, else its readers. */
const kappaKey = (spec: AgreementSpec, k: KappaEntry): string =>
  k.id ?? k.variable ?? kappaReaders(spec, k).join('_vs_');

function iccFormName(form: Conventions['icc']): string {
  const model =
    form.model === 'oneway' ? 'one-way random' : form.model === 'twoway-random' ? 'two-way random' : 'two-way mixed';
  const shrout = form.model === 'oneway' ? 1 : form.model === 'twoway-random' ? 2 : 3;
  const psych = `ICC${shrout}${form.unit === 'single' ? '' : 'k'}`;
  return (
    `ICC ${model}, ${form.type === 'agreement' ? 'absolute agreement' : 'consistency'}, ` +
    `${form.unit} rater${form.unit === 'single' ? '' : 's (average)'} ` +
    `(McGraw & Wong; ICC(${shrout},${form.unit === 'single' ? '1' : 'k'}), psych ${psych})`
  );
}

function run(spec: AgreementSpec, ctx: KindContext): AnalysisOutput {
  const table = spec.published ?? spec.id;
  const { rows, subgroup } = subgroupRows(ctx, spec.subgroup);
  const rowsOut: TableRow[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const columns = [
    { key: 'n', label: 'n rated by every reader' },
    { key: 'value', label: 'Agreement (95% CI)' },
    { key: 'se', label: 'SE' },
    { key: 'test', label: 'Test of no agreement' },
    { key: 'range', label: 'Range' },
  ];
  /** The value with its CI limits as cells of their own, shown as "0.208 (0.126–0.290)". */
  const valueCell = (row: string, col: string, value: number, ci: [number, number], method: string, conv: object) => {
    const limit = (which: 'lower' | 'upper', x: number) =>
      ctx.cells(table, row, `${col}_ci_${which}`, x, fixed(x, 3), { method: `95% CI, ${which} limit: ${method}` });
    const parts = [
      ctx.cells(table, row, col, value, fixed(value, 3), { method, conventions: { ...conv } }),
      limit('lower', ci[0]),
      limit('upper', ci[1]),
    ];
    return display(`${fixed(value, 3)} (${fixed(ci[0], 3)}–${fixed(ci[1], 3)})`, parts);
  };
  const rangeCells = (row: string, col: string, values: number[]): DisplayCell => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const a = ctx.cells(table, row, `${col}_range_min`, lo, fixed(lo, 3), { method: 'smallest of the rows above' });
    const b = ctx.cells(table, row, `${col}_range_max`, hi, fixed(hi, 3), { method: 'largest of the rows above' });
    return display(`${fixed(lo, 3)}–${fixed(hi, 3)}`, [a, b]);
  };
  const rated = (readers: string[]): typeof rows =>
    rows.filter((r) => readers.every((c) => columnValue(r, c) !== null));
  const kappas: number[] = [];
  // one weighting for every row: named in the section; several: named on each row
  const weightings = new Set(spec.kappa.map((k) => k.weights ?? ctx.conv.kappaWeights));
  if (spec.kappa.length) {
    const only = [...weightings][0];
    rowsOut.push({
      key: 'section:kappa',
      label: weightings.size === 1 ? `Cohen's kappa (${weightsName(only)})` : "Cohen's kappa",
      level: 0,
      section: true,
      cells: {},
    });
  }
  for (const k of spec.kappa) {
    const readers = kappaReaders(spec, k);
    const key = kappaKey(spec, k);
    const label = k.label ?? (k.variable ? columnLabel(ctx.columns, k.variable) : readers.join(' vs '));
    const both = rated(readers);
    if (both.length < 2) {
      warnings.push(`${label}: fewer than two rows rated by both readers; no kappa`);
      continue;
    }
    const weights = k.weights ?? ctx.conv.kappaWeights;
    const levels =
      ctx.columns.get(readers[0])?.levels?.map((l) => l.code) ??
      (k.variable ? ctx.columns.get(k.variable)?.levels?.map((l) => l.code) : undefined);
    const res = S.kappa(
      both.map((r) => String(columnValue(r, readers[0]))),
      both.map((r) => String(columnValue(r, readers[1]))),
      weights,
      levels,
    );
    kappas.push(res.kappa);
    for (const w of res.warnings) warnings.push(`${label}: ${w}`);
    const method = `${res.method}, ${both.length} rows`;
    const se = ctx.cells(table, key, 'kappa_se', res.se, fixed(res.se, 3), {
      method: 'asymptotic SE not assuming kappa = 0 (Fleiss, Cohen & Everitt 1969; vcd ASE, SPSS Asymp. Std. Error)',
    });
    const z = ctx.cells(table, key, 'kappa_z', res.statistic, fixed(res.statistic, 2), {
      method: 'z = kappa / SE under kappa = 0 (Fleiss, Cohen & Everitt 1969; SPSS Approx. T)',
    });
    const p = ctx.cells(table, key, 'kappa_p', res.pValue, formatP(res.pValue), { method: 'two-sided p of z' });
    rowsOut.push({
      key,
      label: weightings.size > 1 ? `${label} (${weightsName(weights)})` : label,
      level: 1,
      cells: {
        n: display(String(both.length), []),
        value: valueCell(key, 'kappa', res.kappa, res.confInt, method, { kappaWeights: weights }),
        se: display(fixed(res.se, 3), [se]),
        test: display(`z = ${fixed(res.statistic, 2)}, ${pStatement(res.pValue)}`, [z, p]),
      },
    });
  }
  // the range over every kappa row: when the spec names it, or when there are several rows
  const range = spec.kappaRange ?? (kappas.length > 1 ? { key: 'kappa_range', label: 'All kappa rows' } : null);
  if (range && kappas.length)
    rowsOut.push({
      key: range.key,
      label: range.label,
      level: 0,
      cells: { range: rangeCells(range.key, 'kappa', kappas) },
    });
  const forms = new Set<string>();
  for (const [i, g] of spec.icc.entries()) {
    const form = g.form ?? ctx.conv.icc;
    const formName = iccFormName(form);
    forms.add(formName);
    const id = g.id ?? `icc_${i + 1}`;
    const sets: { key: string; label: string; readers: string[] }[] = g.variables
      ? g.variables.map((v) => ({ key: v, label: columnLabel(ctx.columns, v), readers: readersOf(spec, v) }))
      : [{ key: id, label: g.label ?? (g.readers as string[]).join(', '), readers: g.readers as string[] }];
    rowsOut.push({ key: `section:${id}`, label: `${g.label ?? id}: ${formName}`, level: 0, section: true, cells: {} });
    const values: number[] = [];
    for (const s of sets) {
      const all = rated(s.readers);
      if (all.length < 2) {
        warnings.push(`${s.label}: fewer than two rows measured by every reader; no ICC`);
        continue;
      }
      // one array per reader, not one per row: 10⁵ rows × 21 ICCs of small arrays were 0.5 GB of garbage
      const res = S.iccOf(
        s.readers.map((c) => Float64Array.from(all, (r) => columnValue(r, c) as number)),
        form,
      );
      values.push(res.value);
      const method = `${formName}, ${all.length} rows × ${s.readers.length} readers`;
      const fTest = `F test of ICC = 0 (McGraw & Wong 1996; psych::ICC F, df1, df2, p)`;
      const f = ctx.cells(table, s.key, 'icc_F', res.fValue, fixed(res.fValue, 2), { method: fTest });
      const df1 = ctx.cells(table, s.key, 'icc_df1', res.df1, String(res.df1), { method: `${fTest}: df1` });
      const df2 = ctx.cells(table, s.key, 'icc_df2', res.df2, String(res.df2), { method: `${fTest}: df2` });
      const p = ctx.cells(table, s.key, 'icc_p', res.pValue, formatP(res.pValue), { method: `${fTest}: p` });
      rowsOut.push({
        key: s.key,
        label: s.label,
        level: 1,
        cells: {
          n: display(String(all.length), []),
          value: valueCell(s.key, 'icc', res.value, res.confInt, method, form),
          test: display(`F(${res.df1}, ${res.df2}) = ${fixed(res.fValue, 2)}, ${pStatement(res.pValue)}`, [
            f,
            df1,
            df2,
            p,
          ]),
        },
      });
    }
    if (g.variables && values.length)
      rowsOut.push({
        key: id,
        label: `All ${g.label ?? id} variables`,
        level: 0,
        cells: { range: rangeCells(id, 'icc', values) },
      });
  }
  notes.push(
    'Kappa: 95% CI kappa ± 1.96 SE with the SE not assuming kappa = 0; z test with the SE under kappa = 0 ' +
      '(Fleiss, Cohen & Everitt 1969; vcd::Kappa, SPSS). ICC: CI and F test of McGraw & Wong (1996), as psych::ICC.',
  );
  notes.push(
    `Each value on the rows rated by every reader of that row ` +
      `(missing ratings left out, counted in the n column).` +
      `${forms.size ? ` ICC form: ${[...forms].join('; ')}.` : ''}`,
  );
  // a column no row fills (SE without kappa rows, Range without several values) is left out
  const columnsUsed = columns.filter((c) => rowsOut.some((r) => r.cells[c.key]));
  return {
    id: spec.id,
    kind: spec.kind,
    table: tableResult(
      spec,
      { publishedTable: table, subgroupLabel: subgroup.label },
      { n: { total: rows.length }, columns: columnsUsed, rows: rowsOut, notes, warnings },
    ),
  };
}

export const agreementKind: Kind<AgreementSpec> = { schema: agreementSchema, sources: () => [], check, run };
