/**
 * The `roc` kind: markers (numeric columns, logistic scores of listed covariates, or the fitted probabilities
 * of a logistic-model analysis) against a binary outcome. Per marker: AUC with CI, the direction (declared, or
 * `auto` as pROC chooses it, printed), a threshold (Youden, closest to (0, 1), or given) with sensitivity,
 * specificity, PPV and NPV and their exact CIs; paired DeLong tests between any two markers; unpaired DeLong
 * tests of one marker between two subgroups. Browser-safe.
 */
import { z } from 'zod';
import { InputError } from '../../stats/_shared/errors.ts';
import * as S from '../api.ts';
import { display } from '../cells.ts';
import { compareToPublished } from '../compare.ts';
import { fixed, formatP, pStatement } from '../format.ts';
import type { Cell, ConventionValue, PublishedRef, Row, TableRow } from '../types.ts';
import { aucSensitivity, bootstrapDrawNote } from './_auc.ts';
import { clopperPearson } from './_binomialCi.ts';
import {
  checkNumeric,
  checkOutcome,
  checkSubgroup,
  columnLabel,
  columnValue,
  completeRows,
  identifier,
  outcomeOf,
  outcomeSchema,
  subgroupRows,
} from './_common.ts';
import type { AnalysisOutput, CheckContext, Kind, KindContext, RocCurveOutput } from './_kind.ts';
import { tableFields, tableResult } from './summaryTable.schema.ts';

const markerSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { variable: v } : v),
  z.strictObject({
    id: identifier.optional(),
    label: z.string().optional(),
    /** A numeric column … */
    variable: z.string().min(1).optional(),
    /** … or the logistic score of these covariates (numeric columns) … */
    model: z.array(z.string().min(1)).min(1).optional(),
    /** … or the fitted probabilities of a logistic-model analysis (`id`, or `id/outcome` for one of its outcomes). */
    from: z.string().min(1).optional(),
    /** pROC direction: '<' controls lower than cases; '>' higher; auto: as pROC chooses (medians). */
    direction: z.enum(['<', '>', 'auto']).default('auto'),
    /** Why this direction (printed beside it). */
    why: z.string().optional(),
  }),
);

const pairSchema = z.preprocess(
  (v) => (Array.isArray(v) && v.length === 2 ? { a: v[0], b: v[1] } : v),
  z.strictObject({ a: z.string().min(1), b: z.string().min(1) }),
);

export const rocSchema = z.strictObject({
  ...tableFields,
  kind: z.literal('roc'),
  outcome: outcomeSchema,
  markers: z.array(markerSchema).min(1),
  thresholds: z.union([z.enum(['youden', 'closest-topleft']), z.record(z.string(), z.number())]).default('youden'),
  /** Paired DeLong tests between two markers. */
  compare: z.array(pairSchema).optional(),
  /** The printed table of the DeLong p's and AUC ranges (default: this table). */
  comparePublished: z.string().optional(),
  /** Unpaired DeLong: one marker in two subgroups. */
  unpaired: z
    .array(z.strictObject({ marker: z.string().min(1), subgroups: z.tuple([z.string(), z.string()]) }))
    .optional(),
  /** Rows with the smallest and largest AUC of the column markers or of the models. */
  ranges: z
    .array(z.strictObject({ key: z.string().min(1), label: z.string(), of: z.enum(['columns', 'models']) }))
    .optional(),
  /** Harrell's optimism-corrected AUC of the model markers (seeded bootstrap) in the sensitivity panel. */
  optimismCorrection: z.boolean().default(true),
  cutoffDigits: z.number().int().min(0).max(6).default(3),
});
export type RocSpec = z.infer<typeof rocSchema>;
type Marker = RocSpec['markers'][number];

const markerId = (m: Marker): string => m.id ?? m.variable ?? m.from ?? '';

function check(spec: RocSpec, ctx: CheckContext): string[] {
  const out = [...checkSubgroup(spec.subgroup, ctx, 'subgroup'), ...checkOutcome(spec.outcome, ctx, 'outcome')];
  const ids = new Set<string>();
  spec.markers.forEach((m, i) => {
    const at = `markers.${i}`;
    const given = [m.variable, m.model, m.from].filter((x) => x !== undefined).length;
    if (given !== 1) return void out.push(`${at}: give exactly one of variable, model, from`);
    if (m.model && !m.id) out.push(`${at}.id: a model marker needs an id`);
    if (m.variable !== undefined)
      out.push(
        ...checkNumeric(m.variable, ctx, `${at}.variable`).map(
          (p) => `${p} (a ROC marker must be numeric; for a categorical one, use a model marker or a derived number)`,
        ),
      );
    m.model?.forEach((v, j) => out.push(...checkNumeric(v, ctx, `${at}.model.${j}`)));
    if (m.from !== undefined) {
      const src = ctx.earlier.get(m.from.split('/')[0]);
      if (src?.kind !== 'logistic-model') out.push(`${at}.from: "${m.from}" is not an earlier logistic-model analysis`);
      if (m.direction === '>') out.push(`${at}.direction: a fitted probability of the event is higher in cases ('<')`);
    }
    const id = markerId(m);
    if (ids.has(id)) out.push(`${at}: marker id "${id}" is used twice`);
    ids.add(id);
  });
  spec.compare?.forEach((p, i) => {
    for (const side of [p.a, p.b])
      if (!ids.has(side)) out.push(`compare.${i}: "${side}" is not a marker id (${[...ids].join(', ')})`);
  });
  spec.unpaired?.forEach((u, i) => {
    if (!ids.has(u.marker)) out.push(`unpaired.${i}.marker: "${u.marker}" is not a marker id`);
    u.subgroups.forEach((s, j) => out.push(...checkSubgroup(s, ctx, `unpaired.${i}.subgroups.${j}`)));
  });
  if (typeof spec.thresholds === 'object') {
    for (const k of Object.keys(spec.thresholds)) if (!ids.has(k)) out.push(`thresholds.${k}: not a marker id`);
  }
  return out;
}

/** pROC's `direction = "auto"`: '<' when the controls' median is at most the cases' median, else '>'. */
function autoDirection(labels: number[], scores: number[]): '<' | '>' {
  const cases = scores.filter((_, i) => labels[i] === 1);
  const controls = scores.filter((_, i) => labels[i] === 0);
  const med = (x: number[]): number => S.quantiles(x, [0.5], 7)[0];
  return med(controls) <= med(cases) ? '<' : '>';
}

interface Operating {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  rule: string;
  tieNote?: string;
}

function operatingPoint(
  spec: RocSpec,
  id: string,
  curve: S.Roc,
  labels: number[],
  scores: number[],
  direction: '<' | '>',
): Operating {
  const rule = spec.thresholds;
  if (typeof rule === 'object' && Object.hasOwn(rule, id)) {
    const t = rule[id];
    const pos = scores.map((s) => (direction === '<' ? s >= t : s <= t));
    const count = (l: number, p: boolean): number => labels.filter((v, i) => v === l && pos[i] === p).length;
    return {
      threshold: t,
      tp: count(1, true),
      fp: count(0, true),
      tn: count(0, false),
      fn: count(1, false),
      rule: 'given in the spec',
    };
  }
  if (rule === 'closest-topleft') {
    const finite = curve.points.filter((p) => Number.isFinite(p.threshold));
    // a constant marker has only the ±∞ thresholds: choose among them rather than fail
    const pts = finite.length ? finite : curve.points;
    const dist = (p: (typeof pts)[number]): number => (1 - p.sensitivity) ** 2 + (1 - p.specificity) ** 2;
    const best = pts.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    return {
      threshold: best.threshold,
      tp: best.tp,
      fp: best.fp,
      tn: best.tn,
      fn: best.fn,
      rule: 'closest to (0, 1) (pROC closest.topleft)',
    };
  }
  const yd = S.youdenBest(curve);
  const best = yd.best[0];
  const tieNote =
    yd.best.length > 1
      ? `${yd.best.length} thresholds attain the maximum Youden J = ${fixed(yd.youden, 4)}` +
        `: ${yd.best.map((b) => fixed(b.threshold, spec.cutoffDigits)).join(', ')}` +
        `; the first is shown`
      : undefined;
  return {
    threshold: best.threshold,
    tp: best.tp,
    fp: best.fp,
    tn: best.tn,
    fn: best.fn,
    rule: 'Youden J (first of ties)',
    ...(tieNote ? { tieNote } : {}),
  };
}

interface MarkerScores {
  marker: Marker;
  id: string;
  label: string;
  scores: number[];
  X: number[][] | null;
  direction: '<' | '>';
  directionWhy: string;
}

function run(spec: RocSpec, ctx: KindContext): AnalysisOutput {
  const tableKey = spec.published ?? spec.id;
  const compareTable = spec.comparePublished ?? tableKey;
  const outcome = outcomeOf(spec.outcome, ctx.columns);
  const { rows: sgRows, subgroup } = subgroupRows(ctx, spec.subgroup);
  const inOutcome = sgRows.filter((r) => outcome.code(r) !== null);
  const fromScores = new Map<string, Map<Row, number>>();
  for (const m of spec.markers) {
    if (!m.from) continue;
    const [srcId, which] = m.from.split('/');
    const out = ctx.outputs.get(srcId);
    const entries = [...(out?.scores?.entries() ?? [])];
    const chosen = which ? entries.find(([k]) => k === which) : entries.length === 1 ? entries[0] : undefined;
    if (!chosen)
      throw new Error(
        `markers: "${m.from}" names ${entries.length} fitted models ` +
          `(${entries.map(([k]) => k).join(', ')}); write ${srcId}/<outcome id>`,
      );
    fromScores.set(markerId(m), new Map(chosen[1].rows.map((r, i) => [r, chosen[1].fitted[i]])));
  }
  const columnsUsed = [
    ...new Set(spec.markers.flatMap((m) => [...(m.variable ? [m.variable] : []), ...(m.model ?? [])])),
  ];
  let rows = completeRows(ctx, spec.id, inOutcome, columnsUsed);
  if (fromScores.size) {
    const scored = rows.filter((r) => [...fromScores.values()].every((s) => s.has(r)));
    const kept = new Set(scored);
    if (scored.length < rows.length)
      ctx.exclusions.push({
        table: spec.id,
        variable: 'model score',
        patientIds: rows.filter((r) => !kept.has(r)).map((r) => ctx.rowId(r)),
      });
    rows = scored;
  }
  const labels = rows.map((r) => outcome.code(r) as number);
  const nPos = labels.filter((v) => v === 1).length;
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0)
    throw new Error(
      `outcome: ${nPos} ${outcome.eventLabel} and ${nNeg} ${outcome.versusLabel}` +
        ` rows with every marker recorded; a ROC curve needs both`,
    );
  const notes: string[] = [];
  const warnings: string[] = [];
  const classNotes: string[] = [];
  const markers: MarkerScores[] = spec.markers.map((m) => {
    const id = markerId(m);
    let scores: number[];
    let X: number[][] | null = null;
    let label = m.label ?? (m.variable ? columnLabel(ctx.columns, m.variable) : id);
    if (m.variable) scores = rows.map((r) => columnValue(r, m.variable as string) as number);
    else if (m.model) {
      X = rows.map((r) => (m.model as string[]).map((v) => columnValue(r, v) as number));
      const fit = S.logistic(X, labels, { names: m.model, ci: 'wald' });
      for (const w of fit.warnings) warnings.push(`${label}: ${w}`);
      notes.push(
        `${label}: logistic regression of ${outcome.eventLabel} (1) vs ${outcome.versusLabel} ` +
          `(0) on ${m.model.join(', ')}` +
          `; score = fitted probability of ${outcome.eventLabel}` +
          `${fit.converged ? '' : ' (did not converge)'}.`,
      );
      scores = fit.fitted;
    } else {
      const s = fromScores.get(id) as Map<Row, number>;
      scores = rows.map((r) => s.get(r) as number);
      label = m.label ?? `${m.from} (fitted probability)`;
    }
    const scoreMarker = !m.variable;
    let direction: '<' | '>';
    let directionWhy: string;
    if (m.direction === 'auto') {
      direction = scoreMarker ? '<' : autoDirection(labels, scores);
      directionWhy = scoreMarker
        ? 'fitted probability of the event'
        : `auto (pROC): median of ${outcome.versusLabel} ${direction === '<' ? '≤' : '>'}` +
          ` median of ${outcome.eventLabel}`;
    } else {
      direction = m.direction;
      directionWhy = m.why ?? 'declared in the spec';
    }
    return { marker: m, id, label, scores, X, direction, directionWhy };
  });
  const rowsOut: TableRow[] = [];
  const curves: RocCurveOutput[] = [];
  const aucs = new Map<string, number>();
  const names = { event: outcome.eventLabel, versus: outcome.versusLabel };
  for (const m of markers) {
    try {
      rowsOut.push(markerRow(spec, ctx, tableKey, m, labels, names, [nPos, nNeg], classNotes, curves, aucs));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // a degenerate marker (e.g. constant): its row says why, the other rows go on
      warnings.push(`${m.label}: not computed (${error.message}); the row shows NA and the rest of the report goes on`);
      const na = ctx.cells(tableKey, m.id, 'auc', null, 'NA', { method: `not computed: ${error.message}` });
      rowsOut.push({
        key: m.id,
        label: m.label,
        level: m.marker.variable ? 1 : 0,
        cells: { auc: display('NA', [na]) },
      });
    }
  }
  for (const [i, p] of (spec.compare ?? []).entries()) {
    if (!aucs.has(p.a) || !aucs.has(p.b)) {
      warnings.push(`compare.${i}: ${p.a} vs ${p.b} not tested (a marker was not computed)`);
      continue;
    }
    rowsOut.push(compareRow(ctx, compareTable, markers, labels, p, i));
  }
  for (const u of spec.unpaired ?? [])
    rowsOut.push(unpairedRow(spec, ctx, tableKey, markers, inOutcome, outcome.code, u));
  for (const r of spec.ranges ?? []) {
    const of = markers
      .filter((m) => (r.of === 'models' ? !m.marker.variable : !!m.marker.variable))
      .map((m) => aucs.get(m.id) as number);
    if (!of.length) continue;
    const lo = Math.min(...of);
    const hi = Math.max(...of);
    const a = ctx.cells(compareTable, r.key, 'auc_range_min', lo, fixed(lo, 3), {
      method: 'smallest AUC of the rows above',
    });
    const b = ctx.cells(compareTable, r.key, 'auc_range_max', hi, fixed(hi, 3), {
      method: 'largest AUC of the rows above',
    });
    rowsOut.push({
      key: r.key,
      label: r.label,
      level: 0,
      cells: { auc: display(`${fixed(lo, 3)} to ${fixed(hi, 3)}`, [a, b]) },
    });
  }
  if (classNotes.length) {
    warnings.push(
      `The printed numbers themselves: in ${classNotes.length} of ${markers.length}` +
        ` rows (${classNotes.join(', ')})` +
        ` the printed sensitivity is a count out of the ${outcome.versusLabel}` +
        ` group (n = ${nNeg})` +
        ` and the specificity out of ${outcome.eventLabel} (n = ${nPos})` +
        `: the paper switched the positive class between rows.` +
        ` Here ${outcome.eventLabel} is positive in every row,` +
        ` so those cells are compared against swapped definitions.`,
    );
  }
  const aucCiText =
    ctx.conv.aucCi === 'delong' ? 'DeLong (pROC ci.auc default)' : `stratified bootstrap, ${ctx.nBoot} replicates`;
  notes.unshift(
    `Positive class (cases): ${outcome.eventLabel} (n = ${nPos})` +
      `; negative class (controls): ${outcome.versusLabel} (n = ${nNeg})` +
      ` — the same in every row.` +
      ` pROC convention: '<' = controls lower than cases.`,
    `Directions: ${markers.map((m) => `${m.label} '${m.direction}' (${m.directionWhy})`).join('; ')}.`,
    `AUC CI: ${aucCiText}` +
      `; sensitivity, specificity, PPV and NPV (exact Clopper–Pearson 95% CIs)` +
      ` at the threshold chosen by ${typeof spec.thresholds === 'string' ? spec.thresholds : 'the spec'}.`,
  );
  const n: Record<string, number> = { [outcome.eventLabel]: nPos, [outcome.versusLabel]: nNeg };
  const table = tableResult(
    spec,
    { publishedTable: tableKey, subgroupLabel: subgroup.label },
    { n, columns: COLUMNS, rows: rowsOut, notes, warnings },
  );
  const curveData = {
    title: spec.title,
    positiveLabel: outcome.eventLabel,
    negativeLabel: outcome.versusLabel,
    subgroupLabel: subgroup.label,
    curves,
  };
  return { id: spec.id, kind: spec.kind, table, curves: curveData };
}

const COLUMNS = [
  { key: 'direction', label: 'Direction' },
  { key: 'auc', label: 'AUC' },
  { key: 'auc_ci', label: '95% CI' },
  { key: 'sensitivity', label: 'Sensitivity % (95% CI)' },
  { key: 'specificity', label: 'Specificity % (95% CI)' },
  { key: 'ppv', label: 'PPV % (95% CI)' },
  { key: 'npv', label: 'NPV % (95% CI)' },
  { key: 'cutoff', label: 'Threshold' },
];

function markerRow(
  spec: RocSpec,
  ctx: KindContext,
  t: string,
  m: MarkerScores,
  labels: number[],
  labelsOf: { event: string; versus: string },
  [nPos, nNeg]: [number, number],
  classNotes: string[],
  curves: RocCurveOutput[],
  aucs: Map<string, number>,
): TableRow {
  const event = spec.outcome.event;
  const curve = S.roc(labels, m.scores, m.direction);
  const ci = S.aucCi(curve, ctx.conv.aucCi, ctx.nBoot, ctx.nextSeed(), ctx.conv.exactUpTo);
  const op = operatingPoint(spec, m.id, curve, labels, m.scores, m.direction);
  const conventions: Record<string, ConventionValue> = {
    positive: event,
    direction: m.direction,
    aucCi: ctx.conv.aucCi,
    cutoff: op.rule,
  };
  const c = (col: string, v: number | null, shown: string, method: string, note?: string): Cell =>
    ctx.cells(t, m.id, col, v, shown, { method, conventions, ...(note ? { note } : {}) });
  const cAuc = c(
    'auc',
    curve.auc,
    fixed(curve.auc, 3),
    `empirical AUC (Mann–Whitney), positive = ${event} (n = ${nPos}), negative n = ${nNeg}, direction '${m.direction}'`,
  );
  const ciMethod = `${ci.method} 95% CI${bootstrapDrawNote(ci)}`;
  const cLo = c('auc_ci_lower', ci.confInt[0], fixed(ci.confInt[0], 3), `${ciMethod} (SE ${fixed(ci.se, 4)})`);
  const cHi = c('auc_ci_upper', ci.confInt[1], fixed(ci.confInt[1], 3), ciMethod);
  const sens = (100 * op.tp) / (op.tp + op.fn);
  const spec100 = (100 * op.tn) / (op.tn + op.fp);
  const swapNote = printedClassCheck(ctx, t, m, sens, spec100, labelsOf, nPos, nNeg, classNotes);
  const prop = (col: string, x: number, n: number, what: string, note?: string): { cells: Cell[]; text: string } => {
    const v = n > 0 ? (100 * x) / n : null;
    const [lo, hi] = clopperPearson(x, n).map((b) => 100 * b);
    const parts = [
      c(col, v, v === null ? 'NA' : fixed(v, 2), `${what}: ${x}/${n} at the threshold`, note),
      c(`${col}_ci_lower`, n > 0 ? lo : null, fixed(lo, 2), `exact Clopper–Pearson 95% CI of ${x}/${n} (binom.test)`),
      c(`${col}_ci_upper`, n > 0 ? hi : null, fixed(hi, 2), `exact Clopper–Pearson 95% CI of ${x}/${n} (binom.test)`),
    ];
    return { cells: parts, text: v === null ? 'NA' : `${fixed(v, 2)} (${fixed(lo, 1)}–${fixed(hi, 1)})` };
  };
  const se = prop(
    'sensitivity',
    op.tp,
    op.tp + op.fn,
    `${event} called positive`,
    [op.tieNote, swapNote].filter(Boolean).join('; ') || undefined,
  );
  const sp = prop('specificity', op.tn, op.tn + op.fp, 'others called negative', swapNote);
  const ppv = prop('ppv', op.tp, op.tp + op.fp, 'positive calls that are cases');
  const npv = prop('npv', op.tn, op.tn + op.fn, 'negative calls that are controls');
  const cCut = c(
    'cutoff',
    op.threshold,
    fixed(op.threshold, spec.cutoffDigits),
    `${op.rule} threshold (pROC midpoint convention); positive when score ${m.direction === '<' ? '≥' : '≤'} threshold`,
    op.tieNote,
  );
  curves.push({
    id: m.id,
    label: m.label,
    auc: curve.auc,
    model: !m.marker.variable,
    points: curve.points.map((p) => ({ fpr: 1 - p.specificity, tpr: p.sensitivity })),
  });
  aucs.set(m.id, curve.auc);
  aucSensitivity(ctx, t, m.id, m.label, curve, spec.optimismCorrection ? m.X : null, labels);
  return {
    key: m.id,
    label: m.label,
    level: m.marker.variable ? 1 : 0,
    cells: {
      direction: display(`${m.direction === '<' ? 'higher' : 'lower'} in cases ('${m.direction}')`, []),
      auc: display(fixed(curve.auc, 3), [cAuc]),
      auc_ci: display(
        `${fixed(ci.confInt[0], 3)}–${fixed(ci.confInt[1], 3)}`,
        [cLo, cHi],
        ci.method === 'delong' ? 'DeLong' : 'boot',
      ),
      sensitivity: display(se.text, se.cells),
      specificity: display(sp.text, sp.cells),
      ppv: display(ppv.text, ppv.cells),
      npv: display(npv.text, npv.cells),
      cutoff: display(fixed(op.threshold, spec.cutoffDigits), [cCut]),
    },
  };
}

/**
 * Which class do the printed sensitivity/specificity count? A printed percentage k/n must print as the value:
 * when it fits only n = controls for sensitivity and n = cases for specificity, the printed row took the
 * other class as positive; the cell's note and the table's warnings say so.
 */
function printedClassCheck(
  ctx: KindContext,
  t: string,
  m: MarkerScores,
  sens: number,
  spec100: number,
  names: { event: string; versus: string },
  nPos: number,
  nNeg: number,
  classNotes: string[],
): string | undefined {
  const sensPub = ctx.published.has(t, m.id, 'sensitivity') ? ctx.published.get(t, m.id, 'sensitivity') : null;
  const specPub = ctx.published.has(t, m.id, 'specificity') ? ctx.published.get(t, m.id, 'specificity') : null;
  if (!sensPub || !specPub) return undefined;
  let note: string | undefined;
  if (
    compareToPublished(spec100, fixed(spec100, 2), sensPub).status === 'agrees' &&
    compareToPublished(sens, fixed(sens, 2), specPub).status === 'agrees'
  ) {
    note =
      `the printed sensitivity and specificity equal ours swapped` +
      `: the printed row appears to have taken the other class as positive`;
  }
  const denominators = (pub: PublishedRef): number[] => {
    if (pub.value === null || !pub.interval) return [];
    const [lo, hi] = pub.interval;
    return [nPos, nNeg].filter((n) =>
      Array.from({ length: n + 1 }, (_, k) => (100 * k) / n).some((v) => v >= lo - 1e-9 && v <= hi + 1e-9),
    );
  };
  const sensN = denominators(sensPub);
  const specN = denominators(specPub);
  if (sensN.length === 1 && specN.length === 1 && sensN[0] === nNeg && specN[0] === nPos && nPos !== nNeg) {
    const more =
      `printed sensitivity ${sensPub.printed}% is a count out of ${nNeg} (${names.versus})` +
      ` and specificity ${specPub.printed}% out of ${nPos} (${names.event})` +
      `: the printed row's positive class is ${names.versus}, not ${names.event}`;
    note = note ? `${note}; ${more}` : more;
    classNotes.push(m.label);
  }
  return note;
}

function compareRow(
  ctx: KindContext,
  table: string,
  markers: MarkerScores[],
  labels: number[],
  p: { a: string; b: string },
  _i: number,
): TableRow {
  const a = markers.find((m) => m.id === p.a) as MarkerScores;
  const b = markers.find((m) => m.id === p.b) as MarkerScores;
  // orient both markers so that higher = case, then one '<' test (AUCs unchanged)
  const oriented = (m: MarkerScores): number[] => (m.direction === '<' ? m.scores : m.scores.map((s) => -s));
  const d = S.delong(labels, oriented(a), oriented(b), '<');
  const row = `${a.id}_vs_${b.id}`;
  const cell = ctx.cells(table, row, 'delong_p', d.pValue, formatP(d.pValue), {
    method:
      `DeLong paired test, z = ${fixed(d.statistic, 3)}` +
      `, AUC ${fixed(d.aucA, 3)} vs ${fixed(d.aucB, 3)} (pROC roc.test)`,
    conventions: { directionA: a.direction, directionB: b.direction },
  });
  return {
    key: row,
    label: `DeLong: ${a.label} vs ${b.label}`,
    level: 0,
    cells: { auc: display(pStatement(d.pValue), [cell], 'DeLong') },
  };
}

function unpairedRow(
  spec: RocSpec,
  ctx: KindContext,
  table: string,
  markers: MarkerScores[],
  inOutcome: Row[],
  code: (r: Row) => 0 | 1 | null,
  u: { marker: string; subgroups: [string, string] },
): TableRow {
  const m = markers.find((x) => x.id === u.marker) as MarkerScores;
  if (!m.marker.variable)
    throw new Error(
      `unpaired: "${u.marker}" is a model score; unpaired tests compare a column marker between subgroups`,
    );
  const variable = m.marker.variable;
  const sides = u.subgroups.map((name) => {
    const { rows } = subgroupRows(ctx, name);
    const set = new Set(rows);
    const kept = inOutcome.filter((r) => set.has(r) && typeof columnValue(r, variable) === 'number');
    return { labels: kept.map((r) => code(r) as number), scores: kept.map((r) => columnValue(r, variable) as number) };
  });
  const d = S.delongUnpaired(sides[0].labels, sides[0].scores, sides[1].labels, sides[1].scores, m.direction);
  const row = `${m.id}:${u.subgroups[0]}_vs_${u.subgroups[1]}`;
  const cell = ctx.cells(table, row, 'delong_p', d.pValue, formatP(d.pValue), {
    method:
      `DeLong unpaired test, z = ${fixed(d.statistic, 3)}` +
      `, AUC ${fixed(d.aucA, 3)} vs ${fixed(d.aucB, 3)} (pROC roc.test, paired = FALSE)`,
    conventions: { direction: m.direction },
  });
  void spec;
  return {
    key: row,
    label: `DeLong unpaired: ${m.label}, ${u.subgroups.join(' vs ')}`,
    level: 0,
    cells: { auc: display(pStatement(d.pValue), [cell], 'DeLong') },
  };
}

export const rocKind: Kind<RocSpec> = {
  schema: rocSchema,
  sources: (s) => s.markers.flatMap((m) => (m.from ? [m.from.split('/')[0]] : [])),
  check,
  run,
};
