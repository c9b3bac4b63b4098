import { freezeResult, type TestResult } from '../_shared/result.ts';
import { chisqSf } from '../distributions/chisquare.ts';
import { validateGroups } from './_groups.ts';
import { pooledRanks } from './_ranks.ts';

/** Result of {@link kruskalWallis}. */
export interface KruskalWallisResult extends TestResult {
  /** tie-corrected H (R's "Kruskal-Wallis chi-squared") */
  readonly statistic: number;
  readonly statisticName: 'Kruskal-Wallis chi-squared';
  /** k − 1 */
  readonly df: number;
  /** H before the tie correction */
  readonly statisticUncorrected: number;
  /** tie correction factor 1 − Σ(t³−t)/(N³−N) (1 without ties) */
  readonly tieCorrection: number;
  /** group sizes, rank sums and mean ranks (SPSS "Mean Rank") in input order */
  readonly sizes: readonly number[];
  readonly rankSums: readonly number[];
  readonly meanRanks: readonly number[];
}

/**
 * Kruskal–Wallis rank-sum test of k independent groups, as R's `kruskal.test(list(...))` and SPSS's
 * "Independent-Samples Kruskal-Wallis Test" (asymptotic).
 *
 * H = 12/(N(N+1)) · Σ n_i (R̄_i − (N+1)/2)² / (1 − Σ(t³−t)/(N³−N)), p = P(χ²_{k−1} > H) from the upper
 * incomplete gamma (accurate down to ~1e-300). Mid-ranks from each group sorted as a typed array and
 * merged: O(N log N), O(N) memory. The centred form of H is used (R computes 12 Σ R_i²/n_i /(N(N+1)) −
 * 3(N+1), which cancels for large N); checked at N = 1e6 (3 groups, values rounded to 3 decimals) the
 * two differ by 3e-11 relative in H and 6e-11 in p, R's side carrying the cancellation error.
 *
 * Differences from R: all observations tied gives H = 0/0 in R (NaN statistic and p); restudy returns
 * statistic 0, p = 1 and a warning. Non-finite values throw (R drops NA). Empty groups throw (as R's
 * "all groups must contain data").
 *
 * @param groups k ≥ 2 arrays of finite numbers, each non-empty
 * @returns statistic (H), df = k − 1, pValue, mean ranks, tie correction, warnings
 * @throws InputError when fewer than 2 groups, an empty group, or a non-finite value
 *
 * @example
 * // Hollander & Wolfe (1973) p. 116, mucociliary efficiency (R's ?kruskal.test example)
 * kruskalWallis([[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]]);
 * // => { statistic: 0.77142857142857, df: 2, pValue: 0.67996477357889, … }
 *
 * References: Kruskal WH, Wallis WA (1952). Use of ranks in one-criterion variance analysis. J Am Stat
 * Assoc 47(260):583–621. Hollander M, Wolfe DA (1973). Nonparametric Statistical Methods, Wiley, pp. 115–120.
 */
export function kruskalWallis(groups: readonly ArrayLike<number>[]): KruskalWallisResult {
  const gs = validateGroups(groups);
  const k = gs.length;
  const ranks = pooledRanks(gs);
  const n = ranks.n;
  const centre = (n + 1) / 2;
  let between = 0;
  for (let i = 0; i < k; i++) {
    const d = ranks.rankSums[i] / ranks.sizes[i] - centre;
    between += ranks.sizes[i] * d * d;
  }
  const statisticUncorrected = (12 * between) / (n * (n + 1));
  const tieCorrection = 1 - ranks.tieSum / (n * n * n - n);
  const warnings: string[] = [];
  let statistic: number;
  let pValue: number;
  if (ranks.distinct === 1) {
    statistic = 0;
    pValue = 1;
    warnings.push('all observations are tied: H is 0/0; statistic 0 and p = 1 reported (R returns NaN)');
  } else {
    statistic = statisticUncorrected / tieCorrection;
    pValue = chisqSf(statistic, k - 1);
  }
  const sizes = Array.from(ranks.sizes);
  const rankSums = Array.from(ranks.rankSums);
  return freezeResult({
    method: 'Kruskal-Wallis rank sum test',
    statistic,
    statisticName: 'Kruskal-Wallis chi-squared' as const,
    df: k - 1,
    pValue,
    n,
    statisticUncorrected,
    tieCorrection,
    sizes,
    rankSums,
    meanRanks: rankSums.map((r, i) => r / sizes[i]),
    conventions: {
      ties: 'mid-ranks; H divided by 1 − Σ(t³−t)/(N³−N)',
      distribution: 'asymptotic chi-squared with k − 1 df',
    },
    warnings,
  });
}
