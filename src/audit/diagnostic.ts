import { fmt, fmtIv, SLACK } from './_interval.ts';
import { countsMatchingPercent } from './arithmetic.ts';
import type { CheckOutcome, Interval } from './types.ts';

export interface ClassSize {
  readonly name: string;
  readonly n: number;
}

/** The result of fitting one row's sensitivity and specificity to the two classes. */
export interface SensSpecFit {
  /** the class(es) that can be the positive one: sensitivity = k/n_pos and specificity = k'/n_neg */
  readonly positive: readonly string[];
  /** per candidate positive class, the counts that reproduce the printed percentages */
  readonly counts: Readonly<Record<string, { readonly tp: readonly number[]; readonly tn: readonly number[] }>>;
}

/**
 * Sensitivity and specificity must each be k/n for the group sizes at hand: sensitivity over the
 * positive class, specificity over the other. Tries both assignments of the positive class and
 * reports which reproduce the printed percentages (intervals from their printed decimals).
 * Inconsistent when neither does.
 */
export function checkSensSpec(
  sensitivity: Interval,
  specificity: Interval,
  classes: readonly [ClassSize, ClassSize],
  printed: string,
): CheckOutcome & { readonly fit: SensSpecFit } {
  const counts: Record<string, { tp: number[]; tn: number[] }> = {};
  const positive: string[] = [];
  const arithmetic: string[] = [];
  for (const [pos, neg] of [classes, [classes[1], classes[0]] as const]) {
    const tp = countsMatchingPercent(sensitivity, pos.n);
    const tn = countsMatchingPercent(specificity, neg.n);
    counts[pos.name] = { tp, tn };
    arithmetic.push(
      `positive = ${pos.name} (n = ${pos.n}): sensitivity ${fmtIv(sensitivity)}% → TP ` +
        `${tp.length ? tp.map((k) => `${k}/${pos.n} = ${fmt((100 * k) / pos.n, 6)}%`).join(', ') : 'none'}; ` +
        `specificity ${fmtIv(specificity)}% over ${neg.name} (n = ${neg.n}) → TN ` +
        `${tn.length ? tn.map((k) => `${k}/${neg.n} = ${fmt((100 * k) / neg.n, 6)}%`).join(', ') : 'none'}`,
    );
    if (tp.length > 0 && tn.length > 0) positive.push(pos.name);
  }
  const fit = { positive, counts };
  if (positive.length === 0) {
    return {
      status: 'inconsistent',
      reported: printed,
      recomputed: null,
      message:
        `sensitivity and specificity are not k/n for the group sizes ` +
        `${classes[0].name} = ${classes[0].n}, ${classes[1].name} = ${classes[1].n} with either class positive`,
      arithmetic,
      severity: 'high',
      fit,
    };
  }
  const which = positive.length === 2 ? `either class can be positive` : `positive class: ${positive[0]}`;
  const c = counts[positive[0]];
  const pos = classes.find((x) => x.name === positive[0])!;
  const neg = classes.find((x) => x.name !== positive[0])!;
  return {
    status: 'consistent',
    reported: printed,
    recomputed: `${which}; TP ${c.tp[0]}/${pos.n}, TN ${c.tn[0]}/${neg.n}`,
    message: `${which} (sensitivity ${c.tp[0]}/${pos.n}, specificity ${c.tn[0]}/${neg.n})`,
    arithmetic,
    severity: 'high',
    fit,
  };
}

/**
 * Every row of one diagnostic-accuracy table must use the same positive class. Rows whose
 * percentages fit only one class are compared; rows that disagree with the majority are named.
 */
export function checkPositiveClassAgreement(
  rows: readonly { readonly row: string; readonly positive: readonly string[] }[],
): CheckOutcome & { readonly disagreeing: readonly string[] } {
  const determinate = rows.filter((r) => r.positive.length === 1);
  const tally = new Map<string, string[]>();
  for (const r of determinate) tally.set(r.positive[0], [...(tally.get(r.positive[0]) ?? []), r.row]);
  const arithmetic = [...tally.entries()].map(([cls, rs]) => `positive = ${cls}: ${rs.join(', ')}`);
  const ambiguous = rows.filter((r) => r.positive.length === 2).map((r) => r.row);
  if (ambiguous.length) arithmetic.push(`either class fits: ${ambiguous.join(', ')}`);
  if (tally.size <= 1) {
    const only = [...tally.keys()][0];
    return {
      status: determinate.length ? 'consistent' : 'not-checkable',
      reported: `${rows.length} rows`,
      recomputed: only ? `positive = ${only}` : null,
      message: only ? `every row treats ${only} as the positive class` : 'no row determines the positive class',
      arithmetic,
      severity: 'high',
      disagreeing: [],
    };
  }
  const sorted = [...tally.entries()].sort((a, b) => b[1].length - a[1].length);
  const majority = sorted[0][0];
  const disagreeing = sorted.slice(1).flatMap(([, rs]) => rs);
  return {
    status: 'inconsistent',
    reported: `${rows.length} rows`,
    recomputed: sorted.map(([cls, rs]) => `${cls}: ${rs.length}`).join(', '),
    message:
      `rows disagree on the positive class: ${sorted.map(([cls, rs]) => `${rs.join(', ')} → ${cls}`).join('; ')} ` +
      `(sensitivity and specificity swapped in ${disagreeing.join(', ')} ` +
      `relative to the majority, positive = ${majority})`,
    arithmetic,
    severity: 'high',
    disagreeing,
  };
}

/**
 * An empirical ROC curve passes through (1 − specificity, sensitivity) and is monotone, so
 * sens·spec ≤ AUC ≤ 1 − (1 − sens)(1 − spec) (sens, spec as proportions). Symmetric in the two, so
 * it holds whichever class is positive.
 */
export function checkRocPoint(
  auc: Interval,
  sensitivityPct: Interval,
  specificityPct: Interval,
  printed: string,
): CheckOutcome {
  const se: Interval = [sensitivityPct[0] / 100, sensitivityPct[1] / 100];
  const sp: Interval = [specificityPct[0] / 100, specificityPct[1] / 100];
  const lower = se[0] * sp[0];
  const upper = 1 - (1 - se[1]) * (1 - sp[1]);
  const arithmetic = [
    `sens × spec = ${fmt(lower, 4)} ≤ AUC ≤ 1 − (1 − sens)(1 − spec) = ${fmt(upper, 4)}; printed AUC ${fmtIv(auc)}`,
  ];
  const ok = auc[1] >= lower - SLACK && auc[0] <= upper + SLACK;
  return {
    status: ok ? 'consistent' : 'inconsistent',
    reported: printed,
    recomputed: `AUC ∈ [${fmt(lower, 4)}, ${fmt(upper, 4)}]`,
    message: ok
      ? 'the operating point lies under a curve with this AUC'
      : 'no ROC curve through this operating point has this AUC',
    arithmetic,
    severity: 'high',
  };
}
