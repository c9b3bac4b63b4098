import { InputError } from '../_shared/errors.ts';
import { freezeResult, type TestResult } from '../_shared/result.ts';
import { finiteSample } from '../_shared/validate.ts';
import { fSf } from '../distributions/fisherF.ts';
import { meanAndSsd } from './_moments.ts';

/** Options of {@link oneWayAnova}. */
export interface OneWayAnovaOptions {
  /**
   * `true`: Fisher's classical F test assuming equal variances (SPSS ONEWAY "ANOVA" table, R
   * `oneway.test(var.equal = TRUE)`, `anova(lm())`). `false`: Welch's (1951) heteroscedastic F
   * (SPSS "Robust Tests of Equality of Means: Welch", R `oneway.test()` default).
   * @default true (as SPSS; R's `oneway.test` defaults to Welch — "Differences from R")
   */
  varEqual?: boolean;
}

/** Result of {@link oneWayAnova}. Degrees of freedom: `df` = numerator df1, `df2` = denominator df. */
export interface OneWayAnovaResult extends TestResult {
  readonly statistic: number;
  readonly statisticName: 'F';
  /** numerator degrees of freedom k − 1 */
  readonly df: number;
  /** denominator degrees of freedom: N − k (Fisher) or Welch's 1/(3·tmp) (non-integer) */
  readonly df2: number;
  readonly sizes: readonly number[];
  readonly means: readonly number[];
  readonly variances: readonly number[];
  /** ANOVA table pieces (Fisher only): between- and within-group sums of squares and mean squares */
  readonly sumSquaresBetween?: number;
  readonly sumSquaresWithin?: number;
  readonly meanSquareBetween?: number;
  readonly meanSquareWithin?: number;
}

/**
 * One-way analysis of means of k independent groups: Fisher's F (equal variances) or Welch's F.
 *
 * Fisher: F = [Σ n_i (ȳ_i − ȳ)²/(k−1)] / [Σ (n_i−1) s_i²/(N−k)] on (k−1, N−k) df.
 * Welch (1951): w_i = n_i/s_i², ỹ = Σ w_i ȳ_i / Σ w_i, tmp = Σ (1 − w_i/Σw)²/(n_i−1) / (k²−1),
 * F = Σ w_i (ȳ_i − ỹ)² / ((k−1)(1 + 2(k−2)·tmp)) on (k−1, 1/(3·tmp)) df — exactly R's `oneway.test`.
 * p from the F upper tail (regularised incomplete beta). O(N), two passes per group.
 *
 * Differences from R: the default is Fisher (SPSS) rather than Welch (R's `oneway.test`); Fisher
 * allows groups of size 1 when N > k (as `aov`/SPSS; `oneway.test` stops with "not enough
 * observations"). All within-group variances 0 (R: F = Inf or NaN) gives F = Infinity and p = 0 when the
 * means differ, F = 0 and p = 1 when they do not, with a warning.
 *
 * @param groups k ≥ 2 arrays of finite numbers (Welch: each of size ≥ 2 with non-zero variance; Fisher: size ≥ 1,
 *   N > k)
 * @param opts `varEqual` (@default true)
 * @returns F, `df` (df1), `df2`, pValue, group sizes/means/variances, ANOVA table (Fisher), warnings
 * @throws InputError when fewer than 2 groups, an empty group, a non-finite value, N ≤ k (Fisher),
 *   a group of size < 2 or with zero variance (Welch: the weights n_i/s_i² are undefined)
 *
 * @example
 * // datasets::PlantGrowth (Dobson 1983): ctrl, trt1, trt2 weights
 * oneWayAnova([ctrl, trt1, trt2]);
 * // => { statistic: 4.8460878623801, df: 2, df2: 27, pValue: 0.015909958325623 }
 * oneWayAnova([ctrl, trt1, trt2], { varEqual: false });
 * // => { statistic: 5.1809724081132, df2: 17.128418616644, pValue: 0.017392821490170 }
 *
 * References: Fisher RA (1925). Statistical Methods for Research Workers. Oliver & Boyd. Welch BL (1951).
 * On the comparison of several mean values: an alternative approach. Biometrika 38(3/4):330–336.
 */
export function oneWayAnova(groups: readonly ArrayLike<number>[], opts: OneWayAnovaOptions = {}): OneWayAnovaResult {
  const varEqual = opts.varEqual ?? true;
  if (typeof varEqual !== 'boolean') throw new InputError('varEqual', 'a boolean', varEqual);
  if (!Array.isArray(groups) || groups.length < 2)
    throw new InputError('groups', 'an array of at least 2 groups', groups);
  const minEach = varEqual ? 1 : 2;
  const gs = groups.map((g, i) => finiteSample(g, `groups[${i}]`, minEach));
  const k = gs.length;
  const sizes = gs.map((g) => g.length);
  const n = sizes.reduce((a, b) => a + b, 0);
  const stats = gs.map(meanAndSsd);
  const means = stats.map((s) => s.mean);
  const variances = stats.map((s, i) => (sizes[i] > 1 ? s.ssd / (sizes[i] - 1) : 0));
  const warnings: string[] = [];

  if (varEqual) {
    if (n <= k) throw new InputError('groups', `more observations than groups (N > k = ${k})`, n);
    // grand mean as R: mean(y) over all observations
    const all = new Float64Array(n);
    let off = 0;
    for (const g of gs) {
      all.set(g, off);
      off += g.length;
    }
    const grand = meanAndSsd(all).mean;
    let ssb = 0;
    let ssw = 0;
    for (let i = 0; i < k; i++) {
      ssb += sizes[i] * (means[i] - grand) ** 2;
      ssw += stats[i].ssd;
    }
    const df1 = k - 1;
    const df2 = n - k;
    const msb = ssb / df1;
    const msw = ssw / df2;
    let statistic: number;
    let pValue: number;
    if (msw === 0) {
      statistic = msb === 0 ? 0 : Infinity;
      pValue = msb === 0 ? 1 : 0;
      warnings.push(
        `all within-group variances are 0: F = ${statistic}, p = ${pValue} (R gives ` +
          `${msb === 0 ? 'NaN' : 'Inf and p = 0'})`,
      );
    } else {
      statistic = msb / msw;
      pValue = fSf(statistic, df1, df2);
    }
    return freezeResult({
      method: 'One-way analysis of means (Fisher F, equal variances)',
      statistic,
      statisticName: 'F' as const,
      df: df1,
      df2,
      pValue,
      n,
      sizes,
      means,
      variances,
      sumSquaresBetween: ssb,
      sumSquaresWithin: ssw,
      meanSquareBetween: msb,
      meanSquareWithin: msw,
      conventions: { varEqual: true, df: 'df = numerator (k − 1), df2 = denominator (N − k)' },
      warnings,
    });
  }

  for (let i = 0; i < k; i++) {
    if (!(variances[i] > 0))
      throw new InputError(
        `groups[${i}]`,
        "a group with non-zero variance (Welch's weights are n/s²)",
        Array.from(gs[i]),
      );
  }
  const w = variances.map((v, i) => sizes[i] / v);
  const sumW = w.reduce((a, b) => a + b, 0);
  let tmp = 0;
  for (let i = 0; i < k; i++) tmp += (1 - w[i] / sumW) ** 2 / (sizes[i] - 1);
  tmp /= k * k - 1;
  let weightedMean = 0;
  for (let i = 0; i < k; i++) weightedMean += w[i] * means[i];
  weightedMean /= sumW;
  let between = 0;
  for (let i = 0; i < k; i++) between += w[i] * (means[i] - weightedMean) ** 2;
  const statistic = between / ((k - 1) * (1 + 2 * (k - 2) * tmp));
  const df2 = 1 / (3 * tmp);
  return freezeResult({
    method: 'One-way analysis of means (not assuming equal variances)',
    statistic,
    statisticName: 'F' as const,
    df: k - 1,
    df2,
    pValue: fSf(statistic, k - 1, df2),
    n,
    sizes,
    means,
    variances,
    conventions: { varEqual: false, df: "df = numerator (k − 1), df2 = Welch's denominator 1/(3·tmp)" },
    warnings,
  });
}
