import { InputError } from '../_shared/errors.ts';
import { createRng } from '../_shared/random.ts';
import { freezeResult } from '../_shared/result.ts';
import { confidenceLevel } from '../_shared/validate.ts';
import { quantile } from '../descriptive/quantile.ts';
import { normalQuantileUpper, normalSf } from '../distributions/normal.ts';
import { bootstrapAucs } from './_bootstrapAuc.ts';
import type { RocDirection } from './_data.ts';
import { delongPlacements, delongVariance } from './_placements.ts';
import type { RocCurve } from './rocCurve.ts';

export type AucCiMethod = 'delong' | 'hanley-mcneil' | 'spss' | 'bootstrap';

export interface AucConfidenceIntervalOptions {
  /**
   * `'delong'` (pROC `ci.auc` default), `'hanley-mcneil'` (Hanley & McNeil 1982 exponential Q1, Q2; SPSS
   * DISTRIBUTION(NEGEXPO)), `'spss'` (SPSS ROC default "nonparametric" SE: Hanley–McNeil with empirical
   * Q1, Q2), `'bootstrap'` (stratified percentile, pROC)
   */
  method: AucCiMethod;
  /** @default 0.95 */
  confLevel?: number;
  /** bootstrap replicates. @default 2000 (pROC `boot.n`) */
  nBoot?: number;
  /** bootstrap seed for {@link createRng}. @default 1 */
  seed?: number;
  /**
   * bootstrap: above this many cases + controls a replicate is drawn as multinomial counts of the distinct
   * scores instead of m + n uniform indices (same distribution, other random stream; far fewer draws when
   * scores are tied). The result's conventions say which. @default {@link BOOTSTRAP_COUNTS_ABOVE}
   */
  countsAbove?: number;
}

/** Cases + controls above which the bootstrap draws multinomial counts per distinct score (see countsAbove). */
export const BOOTSTRAP_COUNTS_ABOVE = 5000;

export interface AucConfidenceInterval {
  readonly method: AucCiMethod;
  readonly auc: number;
  /** standard error of the AUC (bootstrap: SD of the replicate AUCs, as pROC `var(method = "bootstrap")`) */
  readonly se: number;
  /** the interval, truncated to [0, 1] as pROC does (with a warning when truncation happened) */
  readonly confInt: readonly [number, number];
  /** the interval before truncation (equal to confInt when nothing was truncated) */
  readonly confIntUntruncated: readonly [number, number];
  readonly confLevel: number;
  /**
   * two-sided p of H0: AUC = 0.5 with the null SE √((m + n + 1)/(12·m·n)) (no tie correction), SPSS's
   * "Asymptotic Sig." — the same for every method
   */
  readonly pValue: number;
  /** the null SE used by `pValue` */
  readonly seNull: number;
  readonly nCases: number;
  readonly nControls: number;
  /** bootstrap only: replicates used and the seed */
  readonly nBoot?: number;
  readonly seed?: number;
  /**
   * bootstrap only: how a replicate was drawn — `'indices'` m + n uniform indices (pROC's draws, m + n ≤
   * countsAbove), `'counts'` multinomial counts per distinct score (larger samples)
   */
  readonly replicateDraw?: 'indices' | 'counts';
  readonly conventions: Readonly<Record<string, string | number | boolean>>;
  readonly warnings: readonly string[];
}

/**
 * Confidence interval for the AUC of an empirical ROC curve.
 *
 * - `'delong'`: DeLong et al. (1988) variance S10/m + S01/n from placements computed by one sort per group
 *   (Sun & Xu 2014), O(N log N); interval AUC ± z·SE, truncated to [0, 1] — exactly pROC's `ci.auc(roc)`
 *   (`ci.auc.delong`, which truncates silently; here truncation adds a warning and `confIntUntruncated`
 *   keeps the computed bounds).
 * - `'hanley-mcneil'`: SE² = [A(1−A) + (m−1)(Q1−A²) + (n−1)(Q2−A²)]/(m·n) with Q1 = A/(2−A),
 *   Q2 = 2A²/(1+A) (Hanley & McNeil 1982, exponential approximation), interval A ± z·SE, truncated
 *   to [0, 1]. This is SPSS's ROC SE under the "bi-negative exponential" option; SPSS's default
 *   "nonparametric" SE estimates Q1 and Q2 from the data (a DeLong-type estimate); its "Asymptotic 95%
 *   Confidence Interval" is A ± 1.96·SE, not truncated.
 * - `'spss'`: SPSS's default ("nonparametric" / DISTRIBUTION(FREE)) standard error: the Hanley–McNeil
 *   formula with Q1 = (1/(m²n)) Σ_controls [G² + G·E + E²/3] and Q2 = (1/(m n²)) Σ_cases [L² + L·E + E²/3]
 *   (G, E: cases above / tied with the control; L, E: controls below / tied with the case), interval
 *   A ± z·SE. Close to, but not equal to, DeLong (it uses biased second moments plus A(1 − A)/(m·n)).
 *   Checked against PSPP's ROC test outputs (PSPP re-implements SPSS's algorithm; 3 printed decimals),
 *   not against SPSS itself.
 * - `'bootstrap'`: stratified bootstrap (cases and controls resampled separately, direction kept), seeded
 *   MT19937 via `createRng(seed)`, percentile interval with R's quantile type 7, as pROC
 *   `ci.auc(method = "bootstrap", boot.stratified = TRUE)`. Replicates differ from R's (different RNG),
 *   so bounds agree with pROC only within Monte Carlo error. The scores are sorted once into tied blocks
 *   and each replicate's AUC is a pass over its counts per block, O(m + n) per replicate; above
 *   `countsAbove` (5 000) cases + controls the counts are drawn as a multinomial (same distribution, fewer
 *   random numbers when scores are tied, another stream), and `conventions.replicateDraw` says which.
 *
 * Degenerate curves (AUC = 0 or 1) have SE 0 under DeLong and Hanley–McNeil; the result says so in warnings.
 *
 * @param roc a curve from {@link rocCurve}
 * @param opts see {@link AucConfidenceIntervalOptions}
 * @throws InputError when roc is not a curve, method is unknown, confLevel ∉ (0, 1), nBoot is not an
 *   integer ≥ 10, the seed is invalid, or (DeLong) there are fewer than 2 cases or 2 controls
 * @returns frozen {@link AucConfidenceInterval}
 * @example
 * const curve = rocCurve([0, 0, 0, 1, 1, 1, 0, 1], [1, 2, 2, 3, 2, 5, 4, 4], { direction: '<' });
 * aucConfidenceInterval(curve, { method: 'delong' }).se // => 0.17492557941402778 (pROC sqrt(var(roc)): 0.1749)
 *
 * References: DeLong ER, DeLong DM, Clarke-Pearson DL. Comparing the areas under two or more correlated
 * receiver operating characteristic curves: a nonparametric approach. Biometrics 1988;44:837–845.
 * Sun X, Xu W. Fast implementation of DeLong's algorithm for comparing the areas under correlated receiver
 * operating characteristic curves. IEEE Signal Processing Letters 2014;21:1389–1393. Hanley JA, McNeil BJ.
 * The meaning and use of the area under a receiver operating characteristic (ROC) curve. Radiology
 * 1982;143:29–36. Carpenter J, Bithell J. Bootstrap confidence intervals. Stat Med 2000;19:1141–1164.
 */
export function aucConfidenceInterval(roc: RocCurve, opts: AucConfidenceIntervalOptions): AucConfidenceInterval {
  if (roc === null || typeof roc !== 'object' || !Array.isArray(roc.cases) || !Array.isArray(roc.controls)) {
    throw new InputError('roc', 'a curve returned by rocCurve', roc);
  }
  if (opts === null || typeof opts !== 'object')
    throw new InputError('opts', "an options object with method 'delong' | 'hanley-mcneil' | 'bootstrap'", opts);
  const method = opts.method;
  if (method !== 'delong' && method !== 'hanley-mcneil' && method !== 'spss' && method !== 'bootstrap') {
    throw new InputError('method', "one of 'delong', 'hanley-mcneil', 'spss', 'bootstrap'", method);
  }
  const confLevel = confidenceLevel(opts.confLevel ?? 0.95);
  const cases = Float64Array.from(roc.cases);
  const controls = Float64Array.from(roc.controls);
  const m = cases.length;
  const n = controls.length;
  const direction = roc.direction;
  const auc = roc.auc;
  const warnings: string[] = [];
  const z = normalQuantileUpper((1 - confLevel) / 2);
  let se: number;
  let raw: [number, number];
  const extra: { nBoot?: number; seed?: number; replicateDraw?: 'indices' | 'counts' } = {};
  const conventions: Record<string, string | number | boolean> = { method, direction, confLevel };
  if (method === 'delong') {
    if (m < 2 || n < 2) {
      throw new InputError(
        'roc',
        'a curve with at least 2 cases and 2 controls for the DeLong variance',
        `${m} cases, ${n} controls`,
      );
    }
    const placements = delongPlacements(cases, controls, direction);
    se = Math.sqrt(delongVariance(placements));
    raw = [auc - z * se, auc + z * se];
    conventions.variance = 'DeLong 1988 placements (pROC ci.auc / var.roc)';
    conventions.interval = 'AUC +/- z*SE, truncated to [0, 1] as pROC';
  } else if (method === 'hanley-mcneil') {
    const q1 = auc / (2 - auc);
    const q2 = (2 * auc * auc) / (1 + auc);
    const a2 = auc * auc;
    const variance = (auc * (1 - auc) + (m - 1) * (q1 - a2) + (n - 1) * (q2 - a2)) / (m * n);
    se = Math.sqrt(Math.max(variance, 0));
    raw = [auc - z * se, auc + z * se];
    conventions.variance = 'Hanley-McNeil 1982, Q1 = A/(2-A), Q2 = 2A^2/(1+A)';
    conventions.interval = 'AUC +/- z*SE, truncated to [0, 1]';
  } else if (method === 'spss') {
    const { q1, q2 } = empiricalQ(cases, controls, direction);
    const a2 = auc * auc;
    const variance = (auc * (1 - auc) + (m - 1) * (q1 - a2) + (n - 1) * (q2 - a2)) / (m * n);
    se = Math.sqrt(Math.max(variance, 0));
    raw = [auc - z * se, auc + z * se];
    conventions.variance = 'SPSS ROC nonparametric: Hanley-McNeil formula with empirical Q1, Q2 (ties 1/3)';
    conventions.interval = 'AUC +/- z*SE (SPSS asymptotic CI), truncated to [0, 1]';
  } else {
    const nBoot = opts.nBoot ?? 2000;
    if (!Number.isInteger(nBoot) || nBoot < 10) throw new InputError('nBoot', 'an integer ≥ 10', nBoot);
    const seed = opts.seed ?? 1;
    const rng = createRng(seed);
    const countsAbove = opts.countsAbove ?? BOOTSTRAP_COUNTS_ABOVE;
    if (!(countsAbove >= 0)) throw new InputError('countsAbove', 'a number ≥ 0', countsAbove);
    const scheme = m + n > countsAbove ? 'counts' : 'indices';
    const aucs = bootstrapAucs(cases, controls, direction, nBoot, rng, scheme);
    let mean = 0;
    for (let b = 0; b < nBoot; b++) mean += aucs[b];
    mean /= nBoot;
    let ss = 0;
    for (let b = 0; b < nBoot; b++) ss += (aucs[b] - mean) ** 2;
    se = Math.sqrt(ss / (nBoot - 1));
    const alpha = 1 - confLevel;
    const [lo, hi] = quantile(aucs, [alpha / 2, 1 - alpha / 2], { type: 7 });
    raw = [lo, hi];
    extra.nBoot = nBoot;
    extra.seed = seed;
    extra.replicateDraw = scheme;
    conventions.resampling = 'stratified (cases and controls separately), direction fixed';
    conventions.replicateDraw =
      scheme === 'indices'
        ? `m + n uniform indices per replicate (m + n <= ${countsAbove})`
        : `m + n = ${m + n} > ${countsAbove}: multinomial counts per distinct score (conditional binomials)`;
    conventions.interval = 'percentile, R quantile type 7 (pROC ci.auc bootstrap)';
    conventions.rng = 'MT19937 (createRng)';
    conventions.nBoot = nBoot;
    conventions.seed = seed;
  }
  if (se === 0)
    warnings.push(
      `standard error is 0 (AUC = ${auc}): the interval [${auc}, ${auc}] is degenerate and can be misleading`,
    );
  const confInt: [number, number] = [Math.max(0, Math.min(1, raw[0])), Math.max(0, Math.min(1, raw[1]))];
  if (confInt[0] !== raw[0] || confInt[1] !== raw[1]) {
    warnings.push(
      `the ${method} interval [${raw[0]}, ${raw[1]}] extends beyond [0, 1] and was truncated to ` +
        `[${confInt[0]}, ${confInt[1]}] (as pROC); see confIntUntruncated`,
    );
  }
  const seNull = Math.sqrt((m + n + 1) / (12 * m * n));
  const pValue = Math.min(1, 2 * normalSf(Math.abs(auc - 0.5) / seNull));
  conventions.pValue = 'H0 AUC = 0.5, two-sided, null SE sqrt((m+n+1)/(12mn)) (SPSS Asymptotic Sig.)';
  return freezeResult({
    method,
    auc,
    se,
    confInt,
    confIntUntruncated: raw,
    confLevel,
    pValue,
    seNull,
    nCases: m,
    nControls: n,
    ...extra,
    conventions,
    warnings,
  });
}

/**
 * SPSS's empirical Q1 (two cases vs one control) and Q2 (one case vs two controls) with ties weighted as
 * in SPSS's algorithm (E²/3), from one merge of the sorted groups. O(N log N).
 */
function empiricalQ(cases: Float64Array, controls: Float64Array, direction: RocDirection): { q1: number; q2: number } {
  const m = cases.length;
  const n = controls.length;
  const sc = Float64Array.from(cases).sort();
  const sk = Float64Array.from(controls).sort();
  let i = 0;
  let j = 0;
  let sum1 = 0;
  let sum2 = 0;
  while (i < m || j < n) {
    const v = j >= n || (i < m && sc[i] < sk[j]) ? sc[i] : sk[j];
    let c = 0;
    let d = 0;
    while (i + c < m && sc[i + c] === v) c++;
    while (j + d < n && sk[j + d] === v) d++;
    // '<': a case beats a control when above it; '>': when below it
    const casesBeating = direction === '<' ? m - i - c : i;
    const controlsBeaten = direction === '<' ? j : n - j - d;
    sum1 += d * (casesBeating * casesBeating + casesBeating * c + (c * c) / 3);
    sum2 += c * (controlsBeaten * controlsBeaten + controlsBeaten * d + (d * d) / 3);
    i += c;
    j += d;
  }
  return { q1: sum1 / (m * m * n), q2: sum2 / (m * n * n) };
}
