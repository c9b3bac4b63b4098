import { InputError } from '../_shared/errors.ts';
import { type Alternative, freezeResult, type TestResult } from '../_shared/result.ts';
import { alternativeOption, confidenceLevel, finiteSample } from '../_shared/validate.ts';
import { normalCdf, normalQuantile, normalQuantileUpper, normalSf } from '../distributions/normal.ts';
import { exactWork, rankSumDistribution } from './_exactRankSum.ts';
import { PairwiseDifferences } from './_pairwiseDifferences.ts';
import { pooledRanks } from './_ranks.ts';

/** Options of {@link mannWhitneyU}. */
export interface MannWhitneyOptions {
  /**
   * Exact permutation p-value. `undefined` follows R's `wilcox.test` rule: exact when n_x < 50 and
   * n_y < 50 and there are no ties, else the normal approximation. `true` forces the exact
   * distribution, **also with ties** (conditional on the tie pattern, as `exactRankTests::wilcox.exact`).
   * @default undefined (R's rule)
   */
  exact?: boolean;
  /**
   * Continuity correction of 0.5 in the normal approximation (R's `correct = TRUE`). SPSS's
   * "Asymp. Sig. (2-tailed)" uses no continuity correction: pass `correct: false` to match SPSS.
   * @default true (as R)
   */
  correct?: boolean;
  /** Alternative, relative to x: `'greater'` means x tends to be larger than y. @default 'two-sided' */
  alternative?: Alternative;
  /** Work limit for the exact distribution; above it the normal approximation is used with a warning. @default 4e8 */
  maxExactWork?: number;
  /**
   * Also compute the Hodges–Lehmann estimate of the location shift x − y (median of the pairwise
   * differences) and its confidence interval by inverting the test, as `wilcox.test(conf.int = TRUE)`.
   * @default false
   */
  confInt?: boolean;
  /** confidence level of the interval. @default 0.95 */
  confLevel?: number;
}

/** Result of {@link mannWhitneyU}: the htest shape plus the pieces behind W. */
export interface MannWhitneyResult extends TestResult {
  /** R's W = rank sum of x − n_x(n_x+1)/2 (the Mann–Whitney U of x; the U of y is n_x·n_y − W). */
  readonly statistic: number;
  readonly statisticName: 'W';
  readonly alternative: Alternative;
  /** W / (n_x·n_y): probability that a random x exceeds a random y, ties counted ½ (the AUC of x vs y). */
  readonly probabilityXGreater: number;
  /** mean rank of x and of y in the pooled sample (SPSS "Mean Rank") */
  readonly meanRankX: number;
  readonly meanRankY: number;
  /** rank sums (SPSS "Sum of Ranks") */
  readonly rankSumX: number;
  readonly rankSumY: number;
  readonly nx: number;
  readonly ny: number;
  /** standardised statistic of the normal approximation (SPSS's Z uses `correct: false`); absent for the exact test */
  readonly z?: number;
  /** with `confInt`: Hodges–Lehmann estimate of the shift x − y ("difference in location") */
  readonly estimate?: number;
  /** with `confInt`: the interval for the shift (may be wider than requested: see `confLevel`) */
  readonly confInt?: readonly [number, number];
  /** with `confInt`: the confidence level achieved (the requested one unless R would lower it) */
  readonly confLevel?: number;
}

/**
 * Wilcoxon rank-sum / Mann–Whitney U test of two independent samples, as R's
 * `wilcox.test(x, y, exact, correct, alternative)` (mu = 0), with an exact p-value also under ties as
 * `exactRankTests::wilcox.exact`.
 *
 * Algorithm: mid-ranks from each sample sorted as a typed array and merged, O(N log N), O(N) memory. The normal
 * approximation uses the tie-corrected variance
 * σ² = n_x n_y/12 · ((N+1) − Σ(t³−t)/(N(N−1))) and, when `correct`, a continuity correction of 0.5
 * toward the mean (sign(z)·0.5 two-sided). The exact distribution of the rank sum is computed by the
 * Streitberg–Röhmel shift algorithm on doubled mid-ranks (integers), conditional on the ties; with no
 * ties it equals R's `pwilcox`. Exact p-values: one-sided tails P(W ≥ w) / P(W ≤ w); two-sided as R:
 * without ties 2·min(tails) capped at 1 (R's `wilcox.test`), with ties P(|W − E W| ≥ |w − E W|)
 * (`wilcox.exact`; both rules coincide when there are no ties since the null distribution is symmetric).
 *
 * Conventions are reported in `conventions` (`exact`, `continuityCorrection`, `ties`, `direction`).
 *
 * Differences from R:
 * - `exact: true` with ties gives the exact conditional p (R's `wilcox.test` warns and falls back to the
 *   normal approximation; `wilcox.exact` agrees with restudy).
 * - All observations tied (σ = 0): R returns p = NaN; restudy returns p = 1 with a warning (W equals its
 *   mean exactly, so no evidence against H0).
 * - The exact distribution is refused above `maxExactWork` inner-loop steps (about 2·n⁴ steps for n_x = n_y = n
 *   without ties, so ≈ 120 + 120 at the default); the normal approximation is used and a warning says so
 *   (R's `pwilcox` would still run).
 * - Non-finite values throw (R silently drops them).
 * - `confInt`: the estimate is the median of the pairwise differences (Hodges–Lehmann), except for the
 *   exact test with ties (below). With the exact test without ties R returns the same; with the normal
 *   approximation R returns a `uniroot(tol = 1e-4)` point of the estimating equation, which may lie anywhere
 *   between the middle differences. The
 *   asymptotic bounds are located exactly on the lattice of differences (R: within 1e-4 of them). With
 *   n_x = n_y = 1 restudy returns the single difference where R stops ("lower < upper is not fulfilled").
 *   The differences are never materialised (k-th order statistic by counting, O((n_x + n_y)·log)), so
 *   1e5 + 1e5 works; R's exact interval sorts all n_x·n_y differences. Exact test with ties: interval
 *   and estimate as `exactRankTests::wilcox.exact(conf.int = TRUE)` (R's `wilcox.test` falls back to the
 *   normal approximation); above 250 000 differences the normal approximation is inverted, with a warning.
 *
 * SPSS: its "Mann-Whitney U" is one of the two U statistics, W or n_x·n_y − W (they sum to n_x·n_y);
 * "Z" and "Asymp. Sig. (2-tailed)" are the normal approximation with `correct: false`.
 *
 * @param x first sample (finite numbers, at least 1)
 * @param y second sample (finite numbers, at least 1)
 * @param opts see {@link MannWhitneyOptions}
 * @returns W, p-value, method, mean ranks, n, conventions and warnings; with `confInt` also
 *   `estimate` (Hodges–Lehmann shift x − y), `confInt`, `confLevel` (achieved)
 * @throws InputError when x or y is empty or contains a non-finite value, or an option is invalid
 *
 * @example
 * // Hollander & Wolfe (1973) p. 69, permeability constants (R's ?wilcox.test example)
 * const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
 * const y = [1.15, 0.88, 0.9, 0.74, 1.21];
 * mannWhitneyU(x, y, { alternative: 'greater' }); // => { statistic: 35, pValue: 0.1272061272061272, … }
 * mannWhitneyU(x, y, { confInt: true }).confInt;  // => [-0.15, 0.76] (estimate 0.305)
 *
 * References: Mann HB, Whitney DR (1947). On a test of whether one of two random variables is
 * stochastically larger than the other. Ann Math Stat 18:50–60. Hollander M, Wolfe DA (1973).
 * Nonparametric Statistical Methods, Wiley, pp. 68–75. Streitberg B, Röhmel J (1986), Statistical
 * Software Newsletter 12:10–17.
 */
export function mannWhitneyU(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: MannWhitneyOptions = {},
): MannWhitneyResult {
  const xs = finiteSample(x, 'x');
  const ys = finiteSample(y, 'y');
  const alternative = alternativeOption(opts.alternative ?? 'two-sided');
  const correct = opts.correct ?? true;
  if (typeof correct !== 'boolean') throw new InputError('correct', 'a boolean', correct);
  if (opts.exact !== undefined && typeof opts.exact !== 'boolean')
    throw new InputError('exact', 'a boolean or undefined', opts.exact);
  const wantConfInt = opts.confInt ?? false;
  if (typeof wantConfInt !== 'boolean') throw new InputError('confInt', 'a boolean', wantConfInt);
  const requestedLevel = confidenceLevel(opts.confLevel ?? 0.95);
  const maxExactWork = opts.maxExactWork ?? 4e8;
  if (!(maxExactWork >= 0)) throw new InputError('maxExactWork', 'a non-negative number', maxExactWork);

  const nx = xs.length;
  const ny = ys.length;
  const n = nx + ny;
  const wantScores = opts.exact === true || (opts.exact === undefined && nx < 50 && ny < 50);
  const ranks = pooledRanks([xs, ys], wantScores);
  const ties = ranks.tieSum > 0;
  const rankSumX = ranks.rankSums[0];
  const rankSumY = ranks.rankSums[1];
  const statistic = rankSumX - (nx * (nx + 1)) / 2;
  const warnings: string[] = [];
  const allTied = ranks.distinct === 1;

  let exact = opts.exact ?? (nx < 50 && ny < 50 && !ties);
  let scores: Float64Array | undefined;
  if (exact && !allTied) {
    // doubled mid-ranks are integers
    scores = new Float64Array(n);
    let p = 0;
    const mids = ranks.midRanks!;
    const counts = ranks.counts!;
    for (let d = 0; d < ranks.distinct; d++) for (let c = 0; c < counts[d]; c++) scores[p++] = 2 * mids[d];
    const work = exactWork(scores, nx);
    if (work > maxExactWork) {
      warnings.push(
        `exact distribution not computed: about ${work.toExponential(1)} steps exceed maxExactWork = ` +
          `${maxExactWork}; normal approximation used`,
      );
      exact = false;
    }
  }
  if (allTied) {
    warnings.push('all observations are tied: the rank sum carries no information; p = 1 (R returns NaN)');
  }

  let pValue: number;
  let z: number | undefined;
  let method: string;
  let exactDist: ReturnType<typeof rankSumDistribution> | undefined;
  if (allTied) {
    pValue = 1;
    method = exact ? 'Exact Wilcoxon rank sum test' : 'Wilcoxon rank sum test';
    if (!exact) z = 0;
  } else if (exact) {
    method = ties ? 'Exact Wilcoxon rank sum test (conditional on ties)' : 'Wilcoxon rank sum exact test';
    const dist = rankSumDistribution(scores!, nx);
    exactDist = dist;
    const observed = Math.round(2 * rankSumX); // doubled rank sum, an integer
    const len = dist.prob.length;
    // index of the observed (doubled) rank sum on the lattice minSum + step·j
    const at = (observed - dist.minSum) / dist.step;
    let lower = 0; // P(T ≤ t)
    let upper = 0; // P(T ≥ t)
    for (let j = 0; j < len; j++) {
      if (j <= at) lower += dist.prob[j];
      if (j >= at) upper += dist.prob[j];
    }
    if (alternative === 'greater') pValue = Math.min(1, upper);
    else if (alternative === 'less') pValue = Math.min(1, lower);
    else if (!ties) {
      pValue = Math.min(1, 2 * (statistic > (nx * ny) / 2 ? upper : lower));
    } else {
      // |T − E| ≥ |t − E| with E = n_x(N+1) in doubled units (exactRankTests::pperm)
      const expected2 = nx * (n + 1);
      const dev = Math.abs(observed - expected2);
      if (dev === 0) pValue = 1;
      else {
        let p = 0;
        for (let j = 0; j < len; j++) {
          const t = dist.minSum + dist.step * j;
          if (Math.abs(t - expected2) >= dev) p += dist.prob[j];
        }
        pValue = Math.min(1, p);
      }
    }
  } else {
    method = correct
      ? 'Wilcoxon rank sum test with continuity correction'
      : 'Wilcoxon rank sum test (normal approximation)';
    const centred = statistic - (nx * ny) / 2;
    const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - ranks.tieSum / (n * (n - 1))));
    let correction = 0;
    if (correct)
      correction = alternative === 'two-sided' ? Math.sign(centred) * 0.5 : alternative === 'greater' ? 0.5 : -0.5;
    z = (centred - correction) / sigma;
    if (alternative === 'less') pValue = normalCdf(z);
    else if (alternative === 'greater') pValue = normalSf(z);
    else pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalSf(z)));
  }

  let interval: { estimate: number; confInt: [number, number]; confLevel: number; method: string } | undefined;
  if (wantConfInt) {
    interval = hodgesLehmann(xs, ys, {
      alternative,
      correct,
      confLevel: requestedLevel,
      exact,
      ties,
      exactW: exact && !ties && !allTied ? wDistribution(exactDist!, nx) : undefined,
      exactTies: exact && ties && !allTied ? exactDist : undefined,
      warnings,
    });
  }

  const result: MannWhitneyResult = {
    method,
    statistic,
    statisticName: 'W',
    pValue,
    alternative,
    nullValue: 0,
    n,
    nx,
    ny,
    probabilityXGreater: statistic / (nx * ny),
    meanRankX: rankSumX / nx,
    meanRankY: rankSumY / ny,
    rankSumX,
    rankSumY,
    ...(z !== undefined ? { z } : {}),
    ...(interval
      ? {
          estimate: interval.estimate,
          estimateName: 'difference in location (Hodges-Lehmann)',
          confInt: interval.confInt,
          confLevel: interval.confLevel,
        }
      : {}),
    conventions: {
      exact,
      continuityCorrection: !exact && correct,
      ties: ties
        ? exact
          ? 'exact conditional distribution given the mid-ranks'
          : 'mid-ranks, tie-corrected variance'
        : 'none',
      statistic: 'W = rank sum of x − n_x(n_x+1)/2 (R)',
      direction: "alternative 'greater' = x stochastically larger than y",
      ...(interval ? { confIntMethod: interval.method } : {}),
      ...(exact && ties
        ? { twoSided: '|W − E W| ≥ |w − E W| (wilcox.exact)' }
        : exact
          ? { twoSided: '2 × smaller tail (wilcox.test)' }
          : {}),
    },
    warnings,
  };
  return freezeResult(result);
}

/** Null distribution of W (no ties) on integer support, from the doubled rank-sum distribution. */
function wDistribution(dist: ReturnType<typeof rankSumDistribution>, nx: number): Float64Array {
  // doubled rank sums minSum + step·j ↔ W = (minSum + step·j)/2 − nx(nx+1)/2; without ties W is 0 … nx·ny
  const offset = (nx * (nx + 1)) / 2;
  const wMax = Math.round((dist.minSum + dist.step * (dist.prob.length - 1)) / 2 - offset);
  const out = new Float64Array(wMax + 1);
  for (let j = 0; j < dist.prob.length; j++) {
    const w = Math.round((dist.minSum + dist.step * j) / 2 - offset);
    out[w] += dist.prob[j];
  }
  return out;
}

/** R's `qwilcox(p, m, n)` from the probabilities of W = 0 … m·n (with R's 10·ε fuzz). */
function qwilcox(p: number, probW: Float64Array): number {
  const mn = probW.length - 1;
  let cum = 0;
  if (p <= 0.5) {
    const target = p - 10 * Number.EPSILON;
    for (let q = 0; q <= mn; q++) {
      cum += probW[q];
      if (cum >= target) return q;
    }
    return mn;
  }
  const target = 1 - p + 10 * Number.EPSILON;
  for (let q = 0; q <= mn; q++) {
    cum += probW[q];
    if (cum > target) return mn - q;
  }
  return 0;
}

/** R's `pwilcox(q, m, n)` = P(W ≤ q). */
function pwilcox(q: number, probW: Float64Array): number {
  let cum = 0;
  for (let w = 0; w <= Math.min(q, probW.length - 1); w++) cum += probW[w];
  return cum;
}

/** Σ(t³ − t) over ties within one sorted sample. */
function tieSumSorted(v: Float64Array): number {
  let sum = 0;
  let i = 0;
  while (i < v.length) {
    let j = i + 1;
    while (j < v.length && v[j] === v[i]) j++;
    const t = j - i;
    if (t > 1) sum += (t * t - 1) * t;
    i = j;
  }
  return sum;
}

/**
 * Hodges–Lehmann estimate and confidence interval for the shift x − y, as `wilcox.test(conf.int = TRUE)`.
 * Exact (no ties): order statistics of the pairwise differences at `qwilcox(α/2)` (R lowers the level
 * with a warning when it is not achievable). Exact with ties: as `exactRankTests::wilcox.exact`
 * (conditional quantiles of the rank sum, W recomputed at every difference). Otherwise the normal approximation
 * (with R's tie and continuity corrections) is inverted exactly on the lattice of differences: the bound is the
 * difference at which the standardised statistic changes sign (R's `uniroot(tol = 1e-4)` returns a
 * point within 1e-4 of it). The estimate is always the median of the pairwise differences.
 */
function hodgesLehmann(
  xs: Float64Array,
  ys: Float64Array,
  o: {
    alternative: Alternative;
    correct: boolean;
    confLevel: number;
    exact: boolean;
    ties: boolean;
    exactW?: Float64Array;
    exactTies?: ReturnType<typeof rankSumDistribution>;
    warnings: string[];
  },
): { estimate: number; confInt: [number, number]; confLevel: number; method: string } {
  const xSorted = Float64Array.from(xs).sort();
  const ySorted = Float64Array.from(ys).sort();
  const diffs = new PairwiseDifferences(xSorted, ySorted);
  const mn = diffs.count;
  const estimate = diffs.median();
  const alpha = 1 - o.confLevel;
  let confLevel = o.confLevel;
  if (o.exactW) {
    const probW = o.exactW;
    const qu0 = qwilcox(o.alternative === 'two-sided' ? alpha / 2 : alpha, probW);
    const qu = qu0 === 0 ? 1 : qu0;
    const ql = mn - qu;
    const achieved = (o.alternative === 'two-sided' ? 2 : 1) * pwilcox(Math.trunc(qu) - 1, probW);
    let confInt: [number, number];
    if (o.alternative === 'two-sided') confInt = [diffs.kth(qu), diffs.kth(ql + 1)];
    else if (o.alternative === 'greater') confInt = [diffs.kth(qu), Infinity];
    else confInt = [-Infinity, diffs.kth(ql + 1)];
    if (achieved - alpha > alpha / 2) {
      o.warnings.push(
        `requested confidence level ${o.confLevel} not achievable with n_x·n_y = ${mn}; interval has level ` +
          `${1 - achieved} (as R)`,
      );
      confLevel = 1 - achieved;
    }
    return {
      estimate,
      confInt,
      confLevel,
      method: 'exact: order statistics of the pairwise differences at qwilcox (R wilcox.test)',
    };
  }
  if (o.exactTies) {
    const limit = 250_000;
    if (mn <= limit) {
      return {
        ...exactTiesInterval(xSorted, ySorted, o.exactTies, o.alternative, alpha, o.confLevel),
        method: 'exact conditional with ties (exactRankTests::wilcox.exact: qperm, W recomputed at each difference)',
      };
    }
    o.warnings.push(
      `exact confidence interval with ties needs all n_x·n_y = ${mn} > ${limit} differences: the interval ` +
        `inverts the normal approximation instead`,
    );
  }
  const nx = xs.length;
  const ny = ys.length;
  const n = nx + ny;
  // off the lattice of differences, ties are only those within x and within y
  const tieSum = tieSumSorted(xSorted) + tieSumSorted(ySorted);
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieSum / (n * (n - 1))));
  const g = (w: number, zq: number): number => {
    const dz = w - mn / 2;
    const correction = !o.correct
      ? 0
      : o.alternative === 'two-sided'
        ? Math.sign(dz) * 0.5
        : o.alternative === 'greater'
          ? 0.5
          : -0.5;
    return (dz - correction) / sigma - zq;
  };
  // root in d of the standardised statistic: for d just above the k-th smallest difference W = mn − k,
  // decreasing in k; the crossing is the k-th difference for the smallest k with g(mn − k) ≤ 0
  const root = (zq: number): number => {
    if (g(mn, zq) <= 0) return diffs.min;
    if (g(0, zq) > 0) return diffs.max;
    let lo = 0; // g(mn − lo) > 0
    let hi = mn; // g(mn − hi) ≤ 0
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (g(mn - mid, zq) <= 0) hi = mid;
      else lo = mid;
    }
    return diffs.kth(hi);
  };
  let confInt: [number, number];
  if (o.alternative === 'two-sided') confInt = [root(normalQuantileUpper(alpha / 2)), root(normalQuantile(alpha / 2))];
  else if (o.alternative === 'greater') confInt = [root(normalQuantileUpper(alpha)), Infinity];
  else confInt = [-Infinity, root(normalQuantile(alpha))];
  return {
    estimate,
    confInt,
    confLevel,
    method:
      'normal approximation inverted on the pairwise-difference lattice (R: uniroot, tol 1e-4); estimate = ' +
      'median of differences',
  };
}

/**
 * `exactRankTests::wilcox.exact(conf.int = TRUE)` with ties: quantiles of the exact conditional rank-sum
 * distribution (`qperm`: the smallest T with P(T ≤ t) ≥ p) and W(d) = rank sum of x − d among y recomputed
 * at every pairwise difference d (two-pointer count, O(n_x + n_y) per difference, O(n_x n_y (n_x + n_y)) in all).
 */
function exactTiesInterval(
  xSorted: Float64Array,
  ySorted: Float64Array,
  dist: ReturnType<typeof rankSumDistribution>,
  alternative: Alternative,
  alpha: number,
  confLevel: number,
): { estimate: number; confInt: [number, number]; confLevel: number } {
  const nx = xSorted.length;
  const ny = ySorted.length;
  const n = nx + ny;
  const mn = nx * ny;
  const offset = (nx * (nx + 1)) / 2;
  const diffs = new Float64Array(mn);
  let k = 0;
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) diffs[k++] = xSorted[i] - ySorted[j];
  diffs.sort();
  // W(d) = Σ_i #{y < x_i − d} + ½ #{y = x_i − d}; x_i − d is non-decreasing in i, so two pointers suffice
  const w = new Float64Array(mn);
  for (let m = 0; m < mn; m++) {
    const d = diffs[m];
    let below = 0;
    let upto = 0;
    let sum = 0;
    for (let i = 0; i < nx; i++) {
      const v = xSorted[i] - d;
      while (below < ny && ySorted[below] < v) below++;
      if (upto < below) upto = below;
      while (upto < ny && ySorted[upto] <= v) upto++;
      sum += below + (upto - below) / 2;
    }
    w[m] = sum;
  }
  // qperm: the smallest rank sum T (doubled units in dist) with cumulative probability ≥ p, as W
  const cumulative = new Float64Array(dist.prob.length);
  let acc = 0;
  for (let j = 0; j < dist.prob.length; j++) cumulative[j] = acc += dist.prob[j];
  const qperm = (p: number): number => {
    let j = 0;
    while (j < cumulative.length - 1 && cumulative[j] < p) j++;
    return (dist.minSum + dist.step * j) / 2 - offset;
  };
  let wMin = Infinity;
  let wMax = -Infinity;
  for (let m = 0; m < mn; m++) {
    if (w[m] < wMin) wMin = w[m];
    if (w[m] > wMax) wMax = w[m];
  }
  const lowerBound = (ql: number): number => {
    if (ql >= wMax) return diffs[0];
    let best = -Infinity;
    for (let m = 0; m < mn; m++) if (w[m] > ql && diffs[m] > best) best = diffs[m];
    return best;
  };
  const upperBound = (qu: number): number => {
    if (qu <= wMin) return diffs[mn - 1];
    let best = Infinity;
    for (let m = 0; m < mn; m++) if (w[m] <= qu && diffs[m] < best) best = diffs[m];
    return best;
  };
  let confInt: [number, number];
  if (alternative === 'two-sided') confInt = [lowerBound(qperm(1 - alpha / 2)), upperBound(qperm(alpha / 2))];
  else if (alternative === 'greater') confInt = [lowerBound(qperm(1 - alpha)), Infinity];
  else confInt = [-Infinity, upperBound(qperm(alpha))];
  // estimate as wilcox.exact, including its floating-point mean of the rank sum (nx/N)·ΣR − nx(nx+1)/2
  const wMean = (nx / n) * ((n * (n + 1)) / 2) - offset;
  const ceilMean = Math.ceil(wMean);
  let lowAtMean = Infinity;
  let highAboveMean = -Infinity;
  for (let m = 0; m < mn; m++) {
    if (w[m] <= ceilMean && diffs[m] < lowAtMean) lowAtMean = diffs[m];
    if (w[m] > wMean && diffs[m] > highAboveMean) highAboveMean = diffs[m];
  }
  const estimate = (lowAtMean + highAboveMean) / 2;
  return { estimate, confInt, confLevel };
}
