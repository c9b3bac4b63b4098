import { fSf, tSf } from '../stats/distributions/index.ts';
import { corners, fmt, fmtIv, pText } from './_interval.ts';
import type { GroupSummary } from './arithmetic.ts';
import type { CheckOutcome, Interval } from './types.ts';

/** n, mean and SD of one group, as exact numbers. */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

export interface SummaryTest {
  readonly statistic: number;
  readonly df1: number;
  readonly df2: number;
  readonly pValue: number;
}

/**
 * One-way ANOVA from group summaries: F = [Σ nᵢ(mᵢ − M)²/(k − 1)] / [Σ (nᵢ − 1)sᵢ²/(N − k)].
 * Identical to R `oneway.test(var.equal = TRUE)` / `aov` on the raw data (they depend on the data only
 * through n, mean and SD).
 */
export function anovaFromSummary(groups: readonly Summary[]): SummaryTest {
  const k = groups.length;
  const N = groups.reduce((a, g) => a + g.n, 0);
  const M = groups.reduce((a, g) => a + g.n * g.mean, 0) / N;
  const ssb = groups.reduce((a, g) => a + g.n * (g.mean - M) ** 2, 0);
  const ssw = groups.reduce((a, g) => a + (g.n - 1) * g.sd ** 2, 0);
  const df1 = k - 1;
  const df2 = N - k;
  const statistic = ssb / df1 / (ssw / df2);
  return { statistic, df1, df2, pValue: fSf(statistic, df1, df2) };
}

/**
 * Welch's heteroscedastic one-way ANOVA from summaries, as R `oneway.test(var.equal = FALSE)`:
 * wᵢ = nᵢ/sᵢ², F = [Σ wᵢ(mᵢ − m_w)²/(k − 1)] / [1 + 2(k − 2)/(k² − 1)·Λ], Λ = Σ (1 − wᵢ/W)²/(nᵢ − 1),
 * df2 = (k² − 1)/(3Λ). For k = 2 it is Welch's t-test (F = t²).
 * Reference: Welch BL. Biometrika 1951;38:330–336.
 */
export function welchAnovaFromSummary(groups: readonly Summary[]): SummaryTest {
  const k = groups.length;
  const w = groups.map((g) => g.n / g.sd ** 2);
  const W = w.reduce((a, b) => a + b, 0);
  const mw = groups.reduce((a, g, i) => a + w[i] * g.mean, 0) / W;
  const A = groups.reduce((a, g, i) => a + w[i] * (g.mean - mw) ** 2, 0) / (k - 1);
  const lambda = groups.reduce((a, g, i) => a + (1 - w[i] / W) ** 2 / (g.n - 1), 0);
  const statistic = A / (1 + ((2 * (k - 2)) / (k * k - 1)) * lambda);
  const df2 = (k * k - 1) / (3 * lambda);
  return { statistic, df1: k - 1, df2, pValue: fSf(statistic, k - 1, df2) };
}

/** Two-sample t-test from summaries (pooled variance, or Welch), two-sided; R `t.test`. */
export function tTestFromSummary(
  a: Summary,
  b: Summary,
  opts: { varEqual?: boolean } = {},
): { statistic: number; df: number; pValue: number } {
  let se: number;
  let df: number;
  if (opts.varEqual) {
    const sp2 = ((a.n - 1) * a.sd ** 2 + (b.n - 1) * b.sd ** 2) / (a.n + b.n - 2);
    se = Math.sqrt(sp2 * (1 / a.n + 1 / b.n));
    df = a.n + b.n - 2;
  } else {
    const va = a.sd ** 2 / a.n;
    const vb = b.sd ** 2 / b.n;
    se = Math.sqrt(va + vb);
    df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  }
  const statistic = (a.mean - b.mean) / se;
  return { statistic, df, pValue: Math.min(1, 2 * tSf(Math.abs(statistic), df)) };
}

/** Factor by which the p's must differ (and fall on opposite sides of 0.05) to be called implausible. */
export const SUMMARY_P_FACTOR = 20;
export const SUMMARY_ALPHA = 0.05;

/**
 * Plausibility of a printed rank-test p (Kruskal–Wallis, Mann–Whitney, Dunn) against the parametric
 * p that the printed means, SDs and ns give (ANOVA and Welch for k ≥ 3; pooled and Welch t for
 * k = 2), over every corner of the rounding intervals and — with `pairs` — also Bonferroni-adjusted
 * (× pairs, capped at 1). Rank tests can legitimately differ from these (skewed data), so the
 * severity is low and the threshold generous: implausible only when the p's differ by more than
 * SUMMARY_P_FACTOR-fold AND fall on opposite sides of α = 0.05. Never 'inconsistent'.
 */
export function checkSummaryVsTest(
  groups: readonly GroupSummary[],
  reported: Interval,
  printedP: string,
  opts: { pairs?: number; test?: string } = {},
): CheckOutcome {
  const test = opts.test ?? (groups.length === 2 ? 'Mann–Whitney' : 'Kruskal–Wallis');
  let lo = Infinity;
  let hi = -Infinity;
  const box = corners(groups.flatMap((g) => [g.mean, [Math.max(g.sd[0], 1e-12), g.sd[1]] as Interval]));
  for (const c of box) {
    const s: Summary[] = groups.map((g, i) => ({ n: g.n, mean: c[2 * i], sd: c[2 * i + 1] }));
    const ps =
      groups.length === 2
        ? [tTestFromSummary(s[0], s[1], { varEqual: true }).pValue, tTestFromSummary(s[0], s[1]).pValue]
        : [anovaFromSummary(s).pValue, welchAnovaFromSummary(s).pValue];
    for (const p of ps) {
      const candidates = opts.pairs ? [p, Math.min(1, p * opts.pairs)] : [p];
      for (const q of candidates) {
        lo = Math.min(lo, q);
        hi = Math.max(hi, q);
      }
    }
  }
  const mid: Summary[] = groups.map((g) => ({
    n: g.n,
    mean: (g.mean[0] + g.mean[1]) / 2,
    sd: (g.sd[0] + g.sd[1]) / 2,
  }));
  const at =
    groups.length === 2
      ? `t-test p = ${fmt(tTestFromSummary(mid[0], mid[1], { varEqual: true }).pValue, 3)}, ` +
        `Welch p = ${fmt(tTestFromSummary(mid[0], mid[1]).pValue, 3)}`
      : `ANOVA p = ${fmt(anovaFromSummary(mid).pValue, 3)} ` +
        `(F = ${fmt(anovaFromSummary(mid).statistic, 4)}), ` +
        `Welch p = ${fmt(welchAnovaFromSummary(mid).pValue, 3)}`;
  const arithmetic = [
    `groups: ${mid.map((g) => `${fmt(g.mean, 5)} ± ${fmt(g.sd, 5)} (n = ${g.n})`).join(', ')}`,
    `at the printed values: ${at}`,
    `over the rounding intervals${opts.pairs ? ` and with/without Bonferroni × ${opts.pairs}` : ''}` +
      `: p ∈ ${fmtIv([lo, hi], 3)}`,
    `printed ${test} ${pText(printedP)} (${fmtIv(reported)})`,
    `threshold: implausible when > ${SUMMARY_P_FACTOR}-fold apart and on opposite sides of ${SUMMARY_ALPHA}`,
  ];
  const base = {
    reported: printedP,
    recomputed: `parametric p ∈ ${fmtIv([lo, hi], 3)}`,
    arithmetic,
    severity: 'low' as const,
  };
  const tooSmall = reported[1] * SUMMARY_P_FACTOR < lo && reported[1] < SUMMARY_ALPHA && lo >= SUMMARY_ALPHA;
  const tooLarge = reported[0] > hi * SUMMARY_P_FACTOR && reported[0] >= SUMMARY_ALPHA && hi < SUMMARY_ALPHA;
  if (tooSmall || tooLarge) {
    return {
      ...base,
      status: 'implausible',
      message:
        `printed ${test} ${pText(printedP)} is ${tooSmall ? 'far smaller' : 'far larger'} ` +
        `than the parametric p from the printed means and SDs (${fmtIv([lo, hi], 2)}); ` +
        `possible with strongly skewed data, otherwise a sign of a wrong p or wrong summaries`,
    };
  }
  return {
    ...base,
    status: 'consistent',
    message: `plausible: the parametric p from the printed summaries is ${fmtIv([lo, hi], 2)}`,
  };
}
