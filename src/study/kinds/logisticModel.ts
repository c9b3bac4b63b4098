/**
 * The `logistic-model` kind: a multivariable logistic regression of a binary outcome on covariates (numeric,
 * or categorical with a named reference level), all forced in unless an explicit `screening` block says
 * otherwise (its trace is reported). ORs with Wald/profile/Firth CIs, Wald p, one likelihood-ratio test per
 * term, events per variable, a separation check, the model's AUC with CI, and the data of a forest plot.
 * Browser-safe.
 */
import { z } from 'zod';
import * as S from '../api.ts';
import { display } from '../cells.ts';
import { fixed, formatP } from '../format.ts';
import type { ConventionValue, DisplayCell, Row, ScreeningStep, TableRow } from '../types.ts';
import { aucSensitivity, bootstrapDrawNote } from './_auc.ts';
import {
  checkOutcome,
  checkSubgroup,
  columnLabel,
  columnValue,
  completeRows,
  identifier,
  levelLabel,
  type Outcome,
  outcomeOf,
  outcomeSchema,
  subgroupRows,
} from './_common.ts';
import type { AnalysisOutput, CheckContext, ForestRow, Kind, KindContext } from './_kind.ts';
import { categoricalTest, TEST_NAMES } from './_tests.ts';
import { tableFields, tableResult } from './summaryTable.schema.ts';

const covariateSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { variable: v } : v),
  z.strictObject({
    variable: z.string().min(1),
    label: z.string().optional(),
    reference: z.string().min(1).optional(),
  }),
);

const namedOutcome = outcomeSchema.extend({ id: identifier, label: z.string().optional() });

export const logisticModelSchema = z.strictObject({
  ...tableFields,
  kind: z.literal('logistic-model'),
  /** One outcome, or `outcomes` (the same model for several contrasts in one table). */
  outcome: outcomeSchema.optional(),
  outcomes: z.array(namedOutcome).min(1).optional(),
  covariates: z.array(covariateSchema).min(1),
  screening: z
    .strictObject({ test: z.enum(['auto', 'chisq', 'fisher']).default('auto'), threshold: z.number().gt(0).lte(1) })
    .optional(),
  firth: z.boolean().default(false),
  minEventsPerVariable: z.number().positive().default(10),
  /** Row key and label of the model's AUC row, and the printed table it belongs to (default: this table). */
  model: z
    .strictObject({
      key: z.string().default('model'),
      label: z.string().default('Model AUC'),
      published: z.string().optional(),
    })
    .default({ key: 'model', label: 'Model AUC' }),
});
export type LogisticModelSpec = z.infer<typeof logisticModelSchema>;
type Covariate = LogisticModelSpec['covariates'][number];

function outcomesOf(
  spec: LogisticModelSpec,
): { id: string; label?: string; variable: string; event: string; versus?: string[] }[] {
  if (spec.outcomes) return spec.outcomes;
  return spec.outcome ? [{ id: 'model', ...spec.outcome }] : [];
}

function check(spec: LogisticModelSpec, ctx: CheckContext): string[] {
  const out = checkSubgroup(spec.subgroup, ctx, 'subgroup');
  if (!spec.outcome === !spec.outcomes) out.push('outcome: give exactly one of outcome or outcomes');
  if (spec.outcome) out.push(...checkOutcome(spec.outcome, ctx, 'outcome'));
  spec.outcomes?.forEach((o, i) => out.push(...checkOutcome(o, ctx, `outcomes.${i}`)));
  const seen = new Set<string>();
  spec.covariates.forEach((c, i) => {
    const at = `covariates.${i}`;
    if (seen.has(c.variable)) out.push(`${at}.variable: "${c.variable}" is listed twice`);
    seen.add(c.variable);
    const col = ctx.columns.get(c.variable);
    if (!col) return void out.push(`${at}.variable: no column "${c.variable}" in the codebook`);
    if (col.type === 'text') return void out.push(`${at}.variable: "${c.variable}" is a text column`);
    if (col.type === 'numeric' && c.reference !== undefined)
      out.push(`${at}.reference: "${c.variable}" is numeric; a reference level applies to categorical covariates`);
    const codes = col.levels?.map((l) => l.code) ?? [];
    if (col.type === 'categorical' && c.reference !== undefined && !codes.includes(c.reference)) {
      out.push(`${at}.reference: "${c.reference}" is not a level of ${c.variable} (have ${codes.join(', ')})`);
    }
    if (outcomesOf(spec).some((o) => o.variable === c.variable))
      out.push(`${at}.variable: "${c.variable}" is the outcome`);
  });
  return out;
}

interface Term {
  covariate: Covariate;
  /** Categorical: the non-reference level of this dummy; numeric: null. */
  level: string | null;
  label: string;
  name: string;
}

function run(spec: LogisticModelSpec, ctx: KindContext): AnalysisOutput {
  const tableKey = spec.published ?? spec.id;
  const { rows: base, subgroup } = subgroupRows(ctx, spec.subgroup);
  const rowsOut: TableRow[] = [];
  const trace: ScreeningStep[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const forest: ForestRow[] = [];
  const scores = new Map<string, { rows: readonly Row[]; fitted: number[] }>();
  const n: Record<string, number> = {};
  const ciName = spec.firth ? 'Firth profile-likelihood' : ctx.conv.orCi === 'wald' ? 'Wald' : 'profile-likelihood';
  const columns = [
    { key: 'or', label: 'OR (95% CI)' },
    { key: 'p', label: 'p (Wald)' },
    { key: 'lr_p', label: 'p (LR test of the term)' },
    { key: 'auc', label: 'Model AUC (95% CI)' },
  ];
  for (const o of outcomesOf(spec)) {
    const outcome = outcomeOf(o, ctx.columns);
    const label = o.label ?? `${outcome.eventLabel} vs ${outcome.versusLabel}`;
    const inOutcome = base.filter((r) => outcome.code(r) !== null);
    const y0 = inOutcome.map((r) => outcome.code(r) as number);
    const nEvent = y0.filter((v) => v === 1).length;
    // the group sizes of the subtitle: named by contrast only when the table has several
    const nPrefix = outcomesOf(spec).length > 1 ? `${label}: ` : '';
    n[`${nPrefix}${outcome.eventLabel}`] = nEvent;
    n[`${nPrefix}${outcome.versusLabel}`] = y0.length - nEvent;
    rowsOut.push({
      key: `section:${o.id}`,
      label: `${label} (${outcome.eventLabel} n = ${nEvent}, ${outcome.versusLabel} n = ${y0.length - nEvent})`,
      level: 0,
      section: true,
      cells: {},
    });
    const entered = screen(spec, ctx, o.id, label, outcome, inOutcome, trace);
    if (!entered.length) {
      warnings.push(
        `${label}: no covariate ` +
          `${spec.screening ? `reached p < ${spec.screening.threshold} in screening` : 'to fit'}` +
          `; no multivariable model`,
      );
      notInModel(spec, ctx, tableKey, o.id, label, trace, rowsOut);
      continue;
    }
    const rows = completeRows(
      ctx,
      spec.id,
      inOutcome,
      entered.map((c) => c.variable),
    );
    const terms = termsOf(entered, ctx, rows, label, warnings);
    const X = rows.map((r) => terms.map((t) => designValue(r, t)));
    const y = rows.map((r) => outcome.code(r) as number);
    const names = terms.map((t) => t.name);
    const events = Math.min(y.filter((v) => v === 1).length, y.filter((v) => v === 0).length);
    const epv = events / terms.length;
    const separation = separationCheck(terms, X, y, outcome);
    const fit = S.logistic(X, y, { names, ci: spec.firth ? 'profile' : ctx.conv.orCi, firth: spec.firth });
    // size switch: the panel's extra profile-likelihood fits (Wald's small-sample checks) only up to exactUpTo rows
    const big = rows.length > ctx.conv.exactUpTo;
    const skipped = big ? `n = ${rows.length} > exactUpTo ${ctx.conv.exactUpTo}: ` : '';
    const alt =
      big && ctx.conv.orCi === 'wald'
        ? null
        : S.logistic(X, y, { names, ci: ctx.conv.orCi === 'wald' ? 'profile' : 'wald' });
    const firth = spec.firth ? fit : big ? null : S.logistic(X, y, { names, ci: 'profile', firth: true });
    if (big)
      notes.push(
        `${label}: ${skipped}the sensitivity panel's ${alt ? '' : 'profile-likelihood and '}Firth CIs were not ` +
          'computed (Wald is their large-sample form).',
      );
    const epvNote =
      epv < spec.minEventsPerVariable
        ? ` < ${spec.minEventsPerVariable} (Peduzzi et al. 1996): estimates may be unstable`
        : '';
    const separationNote = separation.length ? separation.join('; ') : 'no empty cells';
    notes.push(
      `${label}: ${rows.length} rows, ${terms.length} parameter${terms.length === 1 ? '' : 's'} ` +
        `(${terms.map((t) => t.label).join(', ')})` +
        `; events per variable = ${fixed(epv, 1)}` +
        `${epvNote}; separation check: ${separationNote}` +
        `${fit.converged ? '' : '; the fit did not converge'}.`,
    );
    for (const w of fit.warnings) warnings.push(`${label}: ${w}`);
    const coefs = fit.coefficients.filter((c) => c.name !== '(Intercept)');
    const lrByVariable = new Map<string, { p: number; df: number; statistic: number }>();
    for (const c of entered) {
      const drop = terms.map((t, j) => (t.covariate.variable === c.variable ? j : -1)).filter((j) => j >= 0);
      const lr = S.logisticTermLrTest(X, y, names, drop);
      lrByVariable.set(c.variable, { p: lr.pValue, df: lr.df, statistic: lr.statistic });
    }
    terms.forEach((t, j) => {
      const c = coefs.find((x) => x.name === t.name) ?? coefs[j];
      const rowKey = `${o.id}:${t.covariate.variable}${t.level === null ? '' : `:${t.level}`}`;
      const conventions: Record<string, ConventionValue> = { orCi: spec.firth ? 'firth-profile' : ctx.conv.orCi };
      const cOr = ctx.cells(tableKey, rowKey, 'or', c.oddsRatio, fixed(c.oddsRatio, 2), {
        method:
          `multivariable logistic regression (${spec.firth ? 'Firth' : 'IRLS'}), outcome 1 = ${o.event}` +
          `; OR = exp(β), β = ${fixed(c.estimate, 4)} (SE ${fixed(c.se, 4)})`,
        conventions,
      });
      const cLo = ctx.cells(tableKey, rowKey, 'or_ci_lower', c.confInt[0], fixed(c.confInt[0], 2), {
        method: `${ciName} 95% CI`,
        conventions,
      });
      const cHi = ctx.cells(tableKey, rowKey, 'or_ci_upper', c.confInt[1], fixed(c.confInt[1], 2), {
        method: `${ciName} 95% CI`,
        conventions,
      });
      const cP = ctx.cells(tableKey, rowKey, 'p', c.pValue, formatP(c.pValue), { method: `Wald z = ${fixed(c.z, 3)}` });
      const cells: Record<string, DisplayCell> = {
        or: display(
          `${fixed(c.oddsRatio, 2)} (${fixed(c.confInt[0], 2)}–${fixed(c.confInt[1], 2)})`,
          [cOr, cLo, cHi],
          ciName === 'Wald' ? 'Wald' : 'profile',
        ),
        p: display(formatP(c.pValue), [cP], 'Wald'),
      };
      const first = terms.findIndex((x) => x.covariate.variable === t.covariate.variable) === j;
      const lr = lrByVariable.get(t.covariate.variable);
      const factorLevel = terms.filter((x) => x.covariate.variable === t.covariate.variable).length > 1;
      if (first && lr) {
        const cLr = ctx.cells(tableKey, `${o.id}:${t.covariate.variable}`, 'lr_p', lr.p, formatP(lr.p), {
          method:
            `likelihood-ratio test of dropping ${t.covariate.variable} ` +
            `(G² = ${fixed(lr.statistic, 3)}, df = ${lr.df}; ML fits, R anova(reduced, full, test = "Chisq"))`,
        });
        const lrCell = display(formatP(lr.p), [cLr], 'LR');
        // a factor of several levels: its one LR test on a header row of its own, above its levels' ORs
        if (factorLevel) {
          const ref = levelLabel(ctx.columns, t.covariate.variable, referenceOf(t.covariate, ctx));
          const name = t.covariate.label ?? columnLabel(ctx.columns, t.covariate.variable);
          rowsOut.push({
            key: `${o.id}:${t.covariate.variable}`,
            label: `${name} (reference ${ref})`,
            level: 1,
            cells: { lr_p: lrCell },
          });
        } else cells.lr_p = lrCell;
      }
      rowsOut.push({ key: rowKey, label: t.label, level: factorLevel ? 2 : 1, cells });
      forest.push({ group: label, label: t.label, or: c.oddsRatio, lower: c.confInt[0], upper: c.confInt[1] });
      orSensitivity(
        ctx,
        tableKey,
        rowKey,
        `${label}: ${t.label}`,
        ciName,
        c,
        alt?.coefficients.find((x) => x.name === c.name),
        spec.firth ? undefined : firth?.coefficients.find((x) => x.name === c.name),
        skipped,
      );
    });
    modelAuc(spec, ctx, o.id, o.event, label, y, fit.fitted, rowsOut);
    scores.set(o.id, { rows, fitted: fit.fitted });
    notInModel(spec, ctx, tableKey, o.id, label, trace, rowsOut);
  }
  const refs = spec.covariates
    .filter((c) => ctx.columns.get(c.variable)?.type === 'categorical')
    .map(
      (c) => `${columnLabel(ctx.columns, c.variable)} = ${levelLabel(ctx.columns, c.variable, referenceOf(c, ctx))}`,
    );
  if (spec.screening) {
    notes.push(
      `Screening: each covariate against the outcome ` +
        `(categorical: its 2 × k table by the ${spec.screening.test} rule; ` +
        `numeric: univariable logistic regression, Wald p)` +
        `, entered when p < ${spec.screening.threshold}.`,
    );
  } else {
    notes.push('Every covariate is in the model (no screening).');
  }
  if (refs.length)
    notes.push(
      `ORs for each non-reference level; reference levels: ${refs.join(', ')}. Numeric covariates: OR per unit.`,
    );
  const table = tableResult(
    spec,
    { publishedTable: tableKey, subgroupLabel: subgroup.label },
    {
      n,
      columns,
      rows: rowsOut,
      notes,
      warnings,
      ...(trace.length ? { trace } : {}),
    },
  );
  return { id: spec.id, kind: spec.kind, table, scores, forest: { title: spec.title, rows: forest, ciName } };
}

const referenceOf = (c: Covariate, ctx: { columns: CheckContext['columns'] }): string =>
  c.reference ?? ctx.columns.get(c.variable)?.levels?.[0]?.code ?? '';

/** The covariates that enter: all of them, or those whose univariable p < threshold (recorded in the trace). */
function screen(
  spec: LogisticModelSpec,
  ctx: KindContext,
  id: string,
  label: string,
  outcome: Outcome,
  rows: readonly Row[],
  trace: ScreeningStep[],
): Covariate[] {
  if (!spec.screening) return spec.covariates;
  const { threshold, test } = spec.screening;
  const entered: Covariate[] = [];
  for (const c of spec.covariates) {
    const col = ctx.columns.get(c.variable);
    let p: number | null = null;
    let method = '';
    if (col?.type === 'categorical') {
      const levels = (col.levels ?? [])
        .map((l) => l.code)
        .filter((l) => rows.some((r) => columnValue(r, c.variable) === l));
      const table = levels.map((l) =>
        [1, 0].map((code) => rows.filter((r) => outcome.code(r) === code && columnValue(r, c.variable) === l).length),
      );
      const t = levels.length >= 2 ? categoricalTest(table, test, ctx.conv) : null;
      p = t ? t.p : null;
      method = t ? t.method : 'not testable (fewer than two observed levels)';
    } else {
      const used = rows.filter((r) => typeof columnValue(r, c.variable) === 'number');
      const uni = S.logistic(
        used.map((r) => [columnValue(r, c.variable) as number]),
        used.map((r) => outcome.code(r) as number),
        { names: [c.variable], ci: 'wald' },
      );
      const coef = uni.coefficients.find((x) => x.name === c.variable);
      p = coef ? coef.pValue : null;
      method = coef ? `univariable logistic regression, Wald z = ${fixed(coef.z, 3)}` : 'not testable';
    }
    const enters = p !== null && p < threshold;
    trace.push({
      contrast: label,
      variable: c.variable,
      label: c.label ?? columnLabel(ctx.columns, c.variable),
      p,
      test: method,
      entered: enters,
      reason:
        p === null
          ? 'not testable'
          : `${p < 0.001 ? 'p < 0.001' : `p = ${formatP(p)}`} ${enters ? '<' : '≥'} ${threshold}`,
    });
    if (enters) entered.push(c);
  }
  void id;
  return entered;
}

function termsOf(
  entered: Covariate[],
  ctx: KindContext,
  rows: readonly Row[],
  label: string,
  warnings: string[],
): Term[] {
  const terms: Term[] = [];
  for (const c of entered) {
    const col = ctx.columns.get(c.variable);
    const name = c.label ?? columnLabel(ctx.columns, c.variable);
    if (col?.type !== 'categorical') {
      terms.push({ covariate: c, level: null, label: name, name: c.variable });
      continue;
    }
    const reference = referenceOf(c, ctx);
    const levels = (col.levels ?? [])
      .map((l) => l.code)
      .filter((l) => rows.some((r) => columnValue(r, c.variable) === l));
    if (!levels.includes(reference))
      warnings.push(`${label}: reference level ${reference} of ${c.variable} not observed`);
    for (const l of levels) {
      if (l === reference) continue;
      terms.push({
        covariate: c,
        level: l,
        label: `${name}${levels.length > 2 ? `: ${levelLabel(ctx.columns, c.variable, l)}` : ''}`,
        name: `${c.variable}:${l}`,
      });
    }
  }
  return terms;
}

const designValue = (r: Row, t: Term): number =>
  t.level === null
    ? (columnValue(r, t.covariate.variable) as number)
    : columnValue(r, t.covariate.variable) === t.level
      ? 1
      : 0;

/** A dummy with an empty cell against the outcome: quasi-complete separation. */
function separationCheck(terms: Term[], X: number[][], y: number[], outcome: Outcome): string[] {
  const out: string[] = [];
  terms.forEach((t, j) => {
    if (t.level === null) return;
    const cells = [
      [0, 0],
      [0, 0],
    ];
    X.forEach((row, i) => (cells[row[j]][y[i]] += 1));
    const empty = cells
      .flatMap((r, a) =>
        r.map((v, b) => (v === 0 ? `${a ? t.level : `not ${t.level}`} × ${b ? outcome.event : 'other'}` : null)),
      )
      .filter(Boolean);
    if (empty.length) out.push(`${t.name} has an empty cell (${empty.join(', ')}): quasi-complete separation`);
  });
  return out;
}

type Coef = S.LogisticFit['coefficients'][number];

function orSensitivity(
  ctx: KindContext,
  table: string,
  rowKey: string,
  label: string,
  ciName: string,
  c: Coef,
  alt: Coef | undefined,
  firth: Coef | undefined,
  skipped = '',
): void {
  const excl = (ci: readonly [number, number]): boolean => ci[0] > 1 || ci[1] < 1;
  const fmtCi = (or: number, ci: readonly [number, number]): string =>
    `${fixed(or, 2)} (${fixed(ci[0], 2)}–${fixed(ci[1], 2)})`;
  const variants = [
    {
      name: `${ciName} CI (preset)`,
      value: c.oddsRatio,
      display: fmtCi(c.oddsRatio, c.confInt),
      decision: excl(c.confInt) as boolean | null,
    },
  ];
  if (alt)
    variants.push({
      name: `${ctx.conv.orCi === 'wald' ? 'profile-likelihood (R confint)' : 'Wald (SPSS)'} CI`,
      value: alt.oddsRatio,
      display: fmtCi(alt.oddsRatio, alt.confInt),
      decision: excl(alt.confInt),
    });
  if (firth)
    variants.push({
      name: 'Firth penalised likelihood, profile CI',
      value: firth.oddsRatio,
      display: fmtCi(firth.oddsRatio, firth.confInt),
      decision: excl(firth.confInt),
    });
  const decided = variants.map((v) => v.decision);
  ctx.sensitivity.push({
    check: `Odds-ratio CI: Wald vs profile likelihood vs Firth${skipped ? ` (${skipped}profile fits not run)` : ''}`,
    table,
    row: rowKey,
    label,
    quantity: 'OR (95% CI)',
    decision: '95% CI excludes 1',
    variants,
    flips: decided.some((d) => d !== decided[0]),
  });
}

function modelAuc(
  spec: LogisticModelSpec,
  ctx: KindContext,
  id: string,
  event: string,
  label: string,
  y: number[],
  fitted: number[],
  rowsOut: TableRow[],
): void {
  const curve = S.roc(y, fitted, '<');
  const ci = S.aucCi(curve, ctx.conv.aucCi, ctx.nBoot, ctx.nextSeed(), ctx.conv.exactUpTo);
  const table = spec.model.published ?? spec.published ?? spec.id;
  const row = `${id}:${spec.model.key}`;
  const m1 = ctx.cells(table, row, 'auc', curve.auc, fixed(curve.auc, 3), {
    method: `ROC of the fitted probabilities (positive = ${event}, direction '<')`,
  });
  const m2 = ctx.cells(table, row, 'auc_ci_lower', ci.confInt[0], fixed(ci.confInt[0], 3), {
    method: `${ci.method} 95% CI${bootstrapDrawNote(ci)}`,
  });
  const m3 = ctx.cells(table, row, 'auc_ci_upper', ci.confInt[1], fixed(ci.confInt[1], 3), {
    method: `${ci.method} 95% CI${bootstrapDrawNote(ci)}`,
  });
  const text = `${fixed(curve.auc, 3)} (${fixed(ci.confInt[0], 3)}–${fixed(ci.confInt[1], 3)})`;
  rowsOut.push({
    key: row,
    label: spec.model.label,
    level: 1,
    cells: { auc: display(text, [m1, m2, m3], ci.method === 'delong' ? 'DeLong' : 'boot') },
  });
  aucSensitivity(ctx, table, row, `${label}: ${spec.model.label}`, curve, null, y);
}

/** Printed ORs of this outcome that the screening kept out of the model: shown as NA with the reason, not hidden. */
function notInModel(
  spec: LogisticModelSpec,
  ctx: KindContext,
  tableKey: string,
  id: string,
  label: string,
  trace: ScreeningStep[],
  rowsOut: TableRow[],
): void {
  const missing = ctx.published.unused(new Set([tableKey])).filter((u) => u.id.startsWith(`${tableKey}/${id}:`));
  const byRow = new Map<string, string[]>();
  for (const u of missing) {
    const [, row, column] = u.id.split('/');
    byRow.set(row, [...(byRow.get(row) ?? []), column]);
  }
  for (const [row, cols] of byRow) {
    const [, variable, level] = row.split(':');
    const step = trace.find((t) => t.contrast === label && t.variable === variable);
    const why = `not in the reproduced model: ${step ? `screening ${step.reason}` : 'not a covariate'}`;
    const cells: Record<string, DisplayCell> = {};
    const orParts = cols
      .filter((c) => c.startsWith('or'))
      .map((c) => ctx.cells(tableKey, row, c, null, 'NA', { method: why }));
    if (orParts.length) cells.or = display('NA', orParts);
    if (cols.includes('p')) cells.p = display('NA', [ctx.cells(tableKey, row, 'p', null, 'NA', { method: why })]);
    const cov = spec.covariates.find((c) => c.variable === variable);
    const name = cov?.label ?? columnLabel(ctx.columns, variable);
    rowsOut.push({
      key: row,
      label: `${name}${level ? ` (${levelLabel(ctx.columns, variable, level)})` : ''} — ${why}`,
      level: 1,
      cells,
    });
  }
}

export const logisticModelKind: Kind<LogisticModelSpec> = {
  schema: logisticModelSchema,
  sources: () => [],
  check,
  run,
};
export { TEST_NAMES };
