import { normalQuantileUpper, normalSf } from '../stats/distributions/index.ts';
import { corners, fmt, fmtIv, overlaps, pText, SLACK } from './_interval.ts';
import type { CheckOutcome, Interval } from './types.ts';

/**
 * Hanley–McNeil (1982) standard error of an AUC for n1 cases and n0 controls:
 * SE² = [A(1−A) + (n1−1)(Q1−A²) + (n0−1)(Q2−A²)]/(n1·n0), Q1 = A/(2−A), Q2 = 2A²/(1+A).
 * Reference: Hanley JA, McNeil BJ. Radiology 1982;143:29–36.
 */
export function hanleyMcNeilSe(auc: number, n1: number, n0: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  return Math.sqrt((auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n0 - 1) * (q2 - auc * auc)) / (n1 * n0));
}

/**
 * Largest standard error any empirical (DeLong) AUC estimate can have for these group sizes:
 * the placement values lie in [0, 1] with mean A, so each sample variance is at most n·A(1−A)/(n−1),
 * and SE² = S10/n1 + S01/n0 ≤ A(1−A)·(1/(n1−1) + 1/(n0−1)).
 * Reference: DeLong ER, DeLong DM, Clarke-Pearson DL. Biometrics 1988;44:837–845.
 */
export function delongMaxSe(auc: number, n1: number, n0: number): number {
  return Math.sqrt(auc * (1 - auc) * (1 / (n1 - 1) + 1 / (n0 - 1)));
}

/** Ratio band (implied SE / Hanley–McNeil SE) outside which an AUC CI is called implausible. */
export const AUC_SE_RATIO_BAND: Interval = [0.5, 2];

export interface PrintedAuc {
  readonly auc: Interval;
  readonly lower: Interval;
  readonly upper: Interval;
  /** cases (positive class) and controls */
  readonly n1: number;
  readonly n0: number;
  /** @default 0.95 */
  readonly confLevel?: number;
  readonly printed: string;
}

/**
 * An AUC's CI vs the group sizes. A DeLong or Hanley–McNeil CI is AUC ± z·SE: symmetric, and its
 * half-width gives the SE. Inconsistent when the AUC lies outside its CI or the implied SE exceeds
 * the largest SE any empirical AUC can have with these n (delongMaxSe); implausible (low) when the
 * implied SE is outside AUC_SE_RATIO_BAND × the Hanley–McNeil SE; an asymmetric CI (bootstrap,
 * logit) is reported and its SE not compared.
 */
export function checkAucCi(d: PrintedAuc): CheckOutcome {
  const z = normalQuantileUpper((1 - (d.confLevel ?? 0.95)) / 2);
  const midRange: Interval = [(d.lower[0] + d.upper[0]) / 2, (d.lower[1] + d.upper[1]) / 2];
  const se: Interval = [Math.max(0, (d.upper[0] - d.lower[1]) / (2 * z)), (d.upper[1] - d.lower[0]) / (2 * z)];
  const a = (d.auc[0] + d.auc[1]) / 2;
  const hm = hanleyMcNeilSe(a, d.n1, d.n0);
  const hmRange: Interval = [
    Math.min(hanleyMcNeilSe(d.auc[0], d.n1, d.n0), hanleyMcNeilSe(d.auc[1], d.n1, d.n0)),
    Math.max(hanleyMcNeilSe(d.auc[0], d.n1, d.n0), hanleyMcNeilSe(d.auc[1], d.n1, d.n0)),
  ];
  const maxSe = Math.max(
    delongMaxSe(d.auc[0], d.n1, d.n0),
    delongMaxSe(d.auc[1], d.n1, d.n0),
    a <= 0.5 && d.auc[1] >= 0.5 ? delongMaxSe(0.5, d.n1, d.n0) : 0,
  );
  const arithmetic = [
    `n1 = ${d.n1} cases, n0 = ${d.n0} controls`,
    `CI midpoint (lower + upper)/2 ∈ ${fmtIv(midRange)}; printed AUC ∈ ${fmtIv(d.auc)}`,
    `implied SE = (upper − lower)/(2 × ${fmt(z, 6)}) ∈ ${fmtIv(se, 4)}`,
    `Hanley–McNeil SE at AUC ${fmt(a, 4)} = ${fmt(hm, 4)} (ratio ${fmt(se[0] / hm, 3)}–${fmt(se[1] / hm, 3)})`,
    `largest possible DeLong SE = √(A(1−A)(1/(n1−1) + 1/(n0−1))) = ${fmt(maxSe, 4)}`,
  ];
  const base = { reported: d.printed, arithmetic, severity: 'high' as const };
  if (d.auc[1] < d.lower[0] - SLACK || d.auc[0] > d.upper[1] + SLACK) {
    return {
      ...base,
      status: 'inconsistent',
      recomputed: null,
      message: 'the AUC lies outside its own confidence interval',
    };
  }
  // the printed limit itself must lie in [0, 1] ("1.000" is fine: its interval reaches 1)
  if (d.lower[1] < -SLACK || d.upper[0] > 1 + SLACK) {
    return { ...base, status: 'inconsistent', recomputed: null, message: 'the CI extends outside [0, 1]' };
  }
  if (se[0] > maxSe * (1 + 1e-9)) {
    return {
      ...base,
      status: 'inconsistent',
      recomputed: `SE ∈ ${fmtIv(se, 4)} > max ${fmt(maxSe, 4)}`,
      message:
        `the CI is wider than any empirical AUC with n1 = ${d.n1}, n0 = ${d.n0} allows ` +
        `(implied SE ≥ ${fmt(se[0], 4)} > ${fmt(maxSe, 4)}); the group sizes may be wrong`,
    };
  }
  if (!overlaps(midRange, d.auc)) {
    return {
      ...base,
      status: 'not-checkable',
      recomputed: `midpoint ${fmtIv(midRange)}`,
      message: 'asymmetric CI (bootstrap or transformed?): not AUC ± z·SE, so its SE is not compared',
    };
  }
  const ratio: Interval = [se[0] / hmRange[1], se[1] / hmRange[0]];
  if (ratio[1] < AUC_SE_RATIO_BAND[0] || ratio[0] > AUC_SE_RATIO_BAND[1]) {
    return {
      ...base,
      status: 'implausible',
      severity: 'low',
      recomputed: `SE ${fmtIv(se, 4)} vs Hanley–McNeil ${fmt(hm, 4)}`,
      message:
        `the CI implies SE ${fmtIv(se, 3)}, ${ratio[1] < 1 ? 'less than half' : 'more than twice'} ` +
        `the Hanley–McNeil SE ${fmt(hm, 3)} for n1 = ${d.n1}, n0 = ${d.n0} ` +
        `(threshold: ratio outside ${AUC_SE_RATIO_BAND[0]}–${AUC_SE_RATIO_BAND[1]})`,
    };
  }
  return {
    ...base,
    status: 'consistent',
    recomputed: `SE ${fmtIv(se, 4)}; Hanley–McNeil ${fmt(hm, 4)}`,
    message: `symmetric CI; implied SE is ${fmt(ratio[0], 2)}–${fmt(ratio[1], 2)} × the Hanley–McNeil SE for these n`,
  };
}

/**
 * An empirical AUC is (#pairs case > control + ½ #ties)/(n1·n0), a multiple of 1/(2·n1·n0).
 * Consistent when such a multiple lies in the printed interval.
 */
export function checkAucGranularity(auc: Interval, n1: number, n0: number, printed: string): CheckOutcome {
  const m = 2 * n1 * n0;
  const lo = Math.ceil(auc[0] * m - SLACK * m);
  const hi = Math.floor(auc[1] * m + SLACK * m);
  const arithmetic = [`AUC × 2·n1·n0 = ${printed} × ${m} ∈ [${fmt(auc[0] * m, 8)}, ${fmt(auc[1] * m, 8)}]`];
  if (lo <= hi) {
    arithmetic.push(`${lo}/${m} = ${fmt(lo / m, 8)}`);
    return {
      status: 'consistent',
      reported: printed,
      recomputed: `${lo / 2} of ${n1 * n0} pairs`,
      message: `attainable: ${lo / 2} of ${n1}·${n0} = ${n1 * n0} case–control pairs`,
      arithmetic,
      severity: 'high',
    };
  }
  return {
    status: 'inconsistent',
    reported: printed,
    recomputed: null,
    message: `no AUC of the form k/(2·${n1}·${n0}) prints as ${printed}: the group sizes do not fit`,
    arithmetic,
    severity: 'high',
  };
}

export interface PrintedAucPair {
  readonly a: PrintedAuc;
  readonly b: PrintedAuc;
  /** rounding interval of the printed DeLong p */
  readonly p: Interval;
  readonly printedP: string;
}

/**
 * A paired DeLong p for two AUCs on the same patients: z = (A − B)/√(SE_A² + SE_B² − 2r·SE_A·SE_B),
 * SEs from the two (symmetric) CIs. The correlation r is not printed, so the check solves for the r
 * the printed p needs: inconsistent when no r in [−1, 1] gives it, implausible (low) when only a
 * negative r does (models fitted to the same patients have positively correlated AUCs).
 */
export function checkDelongP(d: PrintedAucPair): CheckOutcome {
  const z = normalQuantileUpper((1 - (d.a.confLevel ?? 0.95)) / 2);
  const seIv = (x: PrintedAuc): Interval => [
    Math.max(1e-12, (x.upper[0] - x.lower[1]) / (2 * z)),
    (x.upper[1] - x.lower[0]) / (2 * z),
  ];
  const seA = seIv(d.a);
  const seB = seIv(d.b);
  const diff: Interval = [d.a.auc[0] - d.b.auc[1], d.a.auc[1] - d.b.auc[0]];
  const zp: Interval = [
    d.p[1] >= 1 ? 0 : normalQuantileUpper(d.p[1] / 2),
    d.p[0] <= 0 ? 40 : normalQuantileUpper(d.p[0] / 2),
  ];
  // r = (sA² + sB² − (diff/z)²)/(2 sA sB); evaluate on a 5-point grid per input (corners included)
  const grid = (iv: Interval): number[] => [0, 0.25, 0.5, 0.75, 1].map((t) => iv[0] + t * (iv[1] - iv[0]));
  let rLo = Infinity;
  let rHi = -Infinity;
  for (const sa of grid(seA))
    for (const sb of grid(seB))
      for (const df of grid(diff))
        for (const zz of grid(zp)) {
          const v = zz === 0 ? Infinity : (df / zz) ** 2;
          const r = v === Infinity ? -Infinity : (sa * sa + sb * sb - v) / (2 * sa * sb);
          if (r < rLo) rLo = r;
          if (r > rHi) rHi = r;
        }
  const pAt0 = corners([seA, seB, diff]).map(
    ([sa, sb, df]) => 2 * normalSf(Math.abs(df) / Math.sqrt(sa * sa + sb * sb)),
  );
  const arithmetic = [
    `SE_A = (upper − lower)/(2z) ∈ ${fmtIv(seA, 4)}, SE_B ∈ ${fmtIv(seB, 4)}, A − B ∈ ${fmtIv(diff, 4)}`,
    `printed ${pText(d.printedP)} → |z| ∈ ${fmtIv(zp, 4)}`,
    `with r = 0 (independent AUCs) p would be ${fmtIv([Math.min(...pAt0), Math.max(...pAt0)], 3)}`,
    `correlation needed: r = (SE_A² + SE_B² − ((A−B)/z)²)/(2·SE_A·SE_B) ∈ ${fmtIv([rLo, rHi], 3)}`,
  ];
  const base = {
    reported: `${pText(d.printedP)}`,
    recomputed: `r ∈ ${fmtIv([Math.max(rLo, -99), Math.min(rHi, 99)], 3)}`,
    arithmetic,
  };
  if (rHi < -1 || rLo > 1) {
    return {
      ...base,
      status: 'inconsistent',
      severity: 'high',
      message: `no correlation between the two AUCs (r in [−1, 1]) gives ${pText(d.printedP)} with these AUCs and CIs`,
    };
  }
  if (rHi < 0) {
    return {
      ...base,
      status: 'implausible',
      severity: 'low',
      message:
        `${pText(d.printedP)} needs a negative correlation (r ≤ ${fmt(rHi, 3)}) ` +
        `between the AUCs of two models on the same patients`,
    };
  }
  return {
    ...base,
    status: 'consistent',
    severity: 'high',
    message:
      `reproducible with a correlation between the AUCs of ` + `r ∈ ${fmtIv([Math.max(rLo, -1), Math.min(rHi, 1)], 2)}`,
  };
}
