import { InputError } from '../_shared/errors.ts';
import { freezeResult, type Alternative, type TestResult } from '../_shared/result.ts';
import { alternativeOption, finiteSample } from '../_shared/validate.ts';
import { normalCdf, normalSf } from '../distributions/normal.ts';
import { exactWork, rankSumDistribution } from './_exactRankSum.ts';
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
}

/** Result of {@link mannWhitneyU}: the htest shape plus the pieces behind W. */
export interface MannWhitneyResult extends TestResult {
  /** R's W = rank sum of x − n_x(n_x+1)/2 (= Mann–Whitney U of x; SPSS prints U = min(W, n_x·n_y − W)). */
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
}

/**
 * Wilcoxon rank-sum / Mann–Whitney U test of two independent samples, as R's
 * `wilcox.test(x, y, exact, correct, alternative)` (mu = 0), with an exact p-value also under ties as
 * `exactRankTests::wilcox.exact`.
 *
 * Algorithm: pooled mid-ranks by one typed-array sort, O(N log N), O(N) memory. The normal
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
 * - The exact distribution is refused above `maxExactWork` inner-loop steps (≈ n_x = n_y ≈ 300 without
 *   ties); the normal approximation is used and a warning says so (R's `pwilcox` would still run).
 * - Non-finite values throw (R silently drops them).
 *
 * SPSS: "Mann-Whitney U" = min(W, n_x n_y − W); "Z" and "Asymp. Sig. (2-tailed)" = `correct: false`;
 * "Exact Sig. [2*(1-tailed Sig.)]" = the exact two-sided p without ties.
 *
 * @param x first sample (finite numbers, at least 1)
 * @param y second sample (finite numbers, at least 1)
 * @param opts see {@link MannWhitneyOptions}
 * @returns W, p-value, method, mean ranks, n, conventions and warnings
 * @throws InputError when x or y is empty or contains a non-finite value, or an option is invalid
 *
 * References: Mann HB, Whitney DR (1947). On a test of whether one of two random variables is
 * stochastically larger than the other. Ann Math Stat 18:50–60. Hollander M, Wolfe DA (1973).
 * Nonparametric Statistical Methods, Wiley, pp. 68–75. Streitberg B, Röhmel J (1986), Statistical
 * Software Newsletter 12:10–17.
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, opts: MannWhitneyOptions = {}): MannWhitneyResult {
  const xs = finiteSample(x, 'x');
  const ys = finiteSample(y, 'y');
  const alternative = alternativeOption(opts.alternative ?? 'two-sided');
  const correct = opts.correct ?? true;
  if (typeof correct !== 'boolean') throw new InputError('correct', 'a boolean', correct);
  if (opts.exact !== undefined && typeof opts.exact !== 'boolean') throw new InputError('exact', 'a boolean or undefined', opts.exact);
  const maxExactWork = opts.maxExactWork ?? 4e8;
  if (!(maxExactWork >= 0)) throw new InputError('maxExactWork', 'a non-negative number', maxExactWork);

  const nx = xs.length;
  const ny = ys.length;
  const n = nx + ny;
  const wantScores = opts.exact !== false;
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
      warnings.push(`exact distribution not computed: about ${work.toExponential(1)} steps exceed maxExactWork = ${maxExactWork}; normal approximation used`);
      exact = false;
    }
  }
  if (allTied) {
    warnings.push('all observations are tied: the rank sum carries no information; p = 1 (R returns NaN)');
  }

  let pValue: number;
  let z: number | undefined;
  let method: string;
  if (allTied) {
    pValue = 1;
    method = exact ? 'Exact Wilcoxon rank sum test' : 'Wilcoxon rank sum test';
    if (!exact) z = 0;
  } else if (exact) {
    method = ties ? 'Exact Wilcoxon rank sum test (conditional on ties)' : 'Wilcoxon rank sum exact test';
    const dist = rankSumDistribution(scores!, nx);
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
    method = correct ? 'Wilcoxon rank sum test with continuity correction' : 'Wilcoxon rank sum test (normal approximation)';
    const centred = statistic - (nx * ny) / 2;
    const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - ranks.tieSum / (n * (n - 1))));
    let correction = 0;
    if (correct) correction = alternative === 'two-sided' ? Math.sign(centred) * 0.5 : alternative === 'greater' ? 0.5 : -0.5;
    z = (centred - correction) / sigma;
    if (alternative === 'less') pValue = normalCdf(z);
    else if (alternative === 'greater') pValue = normalSf(z);
    else pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalSf(z)));
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
    conventions: {
      exact,
      continuityCorrection: !exact && correct,
      ties: ties ? (exact ? 'exact conditional distribution given the mid-ranks' : 'mid-ranks, tie-corrected variance') : 'none',
      statistic: 'W = rank sum of x − n_x(n_x+1)/2 (R)',
      direction: "alternative 'greater' = x stochastically larger than y",
      ...(exact && ties ? { twoSided: '|W − E W| ≥ |w − E W| (wilcox.exact)' } : exact ? { twoSided: '2 × smaller tail (wilcox.test)' } : {}),
    },
    warnings,
  };
  return freezeResult(result);
}
