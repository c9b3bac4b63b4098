import { InputError } from '../_shared/errors.ts';
import { freezeResult } from '../_shared/result.ts';
import { pAdjust } from '../adjust/pAdjust.ts';
import { normalSf } from '../distributions/normal.ts';
import { validateGroups, validateNames } from './_groups.ts';
import { pooledRanks } from './_ranks.ts';

/** p-value adjustment of {@link dunnTest}. */
export type DunnAdjust = 'bonferroni' | 'holm' | 'none';

/** Options of {@link dunnTest}. */
export interface DunnOptions {
  /** multiple-comparison adjustment over the k(k−1)/2 comparisons. @default 'bonferroni' (SPSS "Adj. Sig.") */
  adjust?: DunnAdjust;
  /** optional group names, one per group, copied to each comparison as `nameA`, `nameB` */
  names?: readonly string[];
}

/** One pairwise comparison of {@link dunnTest}. */
export interface DunnComparison {
  /** 0-based index of the first group */
  readonly a: number;
  /** 0-based index of the second group (a < b) */
  readonly b: number;
  readonly nameA?: string;
  readonly nameB?: string;
  /** mean rank of a − mean rank of b (SPSS "Test Statistic") */
  readonly meanRankDifference: number;
  /** standard error of the difference (SPSS "Std. Error") */
  readonly se: number;
  /** z = meanRankDifference / se (SPSS "Std. Test Statistic"); sign: a above b is positive */
  readonly statistic: number;
  /** two-sided p = 2·P(Z > |z|) (SPSS "Sig.") */
  readonly pValue: number;
  /** adjusted p, capped at 1 (SPSS "Adj. Sig." for Bonferroni) */
  readonly pAdjusted: number;
}

/** Result of {@link dunnTest}. */
export interface DunnResult {
  readonly method: string;
  readonly comparisons: readonly DunnComparison[];
  readonly adjust: DunnAdjust;
  /** number of comparisons m = k(k−1)/2 */
  readonly nComparisons: number;
  readonly n: number;
  readonly sizes: readonly number[];
  readonly meanRanks: readonly number[];
  /** Σ(t³−t) over tie groups, entering the variance */
  readonly tieSum: number;
  readonly conventions: Readonly<Record<string, string | number | boolean>>;
  readonly warnings: readonly string[];
}

/**
 * Dunn's (1964) pairwise comparisons of mean ranks after a Kruskal–Wallis test: SPSS's "Pairwise
 * Comparisons" of the Independent-Samples Kruskal–Wallis test, R's `dunn.test::dunn.test`,
 * `FSA::dunnTest`, `rstatix::dunn_test` and `PMCMRplus::kwAllPairsDunnTest`.
 *
 * For groups i, j with mean ranks R̄_i, R̄_j of the pooled mid-ranks,
 * z = (R̄_i − R̄_j) / sqrt((N(N+1)/12 − Σ(t³−t)/(12(N−1))) · (1/n_i + 1/n_j)), p = 2·P(Z > |z|).
 * Adjustments over the m = k(k−1)/2 comparisons: Bonferroni min(1, m·p) (SPSS "Adj. Sig."), Holm's
 * step-down (as R's `p.adjust(method = "holm")`), or none. Comparisons are listed in the order
 * (0,1), (0,2), …, (0,k−1), (1,2), …; the sign convention is mean rank of `a` minus mean rank of `b`
 * (SPSS orders each pair by ascending mean rank instead: compare by |statistic| and p, or flip signs).
 * One pooled sort: O(N log N + k²).
 *
 * Differences from R/SPSS: when every observation is tied the variance is 0 (R/SPSS give NaN);
 * restudy reports z = 0, p = 1 and a warning.
 *
 * @param groups k ≥ 2 arrays of finite numbers, each non-empty
 * @param opts `adjust` (@default 'bonferroni'), `names`
 * @returns comparisons `{ a, b, statistic, pValue, pAdjusted, meanRankDifference, se }`, mean ranks, warnings
 * @throws InputError when fewer than 2 groups, an empty group, a non-finite value, an unknown `adjust`
 *   or names that are not one distinct string per group
 *
 * @example
 * // Hollander & Wolfe (1973) p. 116 (R's ?kruskal.test data): mean ranks 7.2, 9, 6.6
 * dunnTest([[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]]).comparisons[0];
 * // => { a: 0, b: 1, meanRankDifference: -1.8, statistic: -0.6414269805898, pAdjusted: min(1, 3p), … }
 *
 * Reference: Dunn OJ (1964). Multiple comparisons using rank sums. Technometrics 6(3):241–252.
 */
export function dunnTest(groups: readonly ArrayLike<number>[], opts: DunnOptions = {}): DunnResult {
  const gs = validateGroups(groups);
  const adjust = opts.adjust ?? 'bonferroni';
  if (adjust !== 'bonferroni' && adjust !== 'holm' && adjust !== 'none') {
    throw new InputError('adjust', "one of 'bonferroni', 'holm', 'none'", adjust);
  }
  const k = gs.length;
  const names = validateNames(opts.names, k);
  const ranks = pooledRanks(gs);
  const n = ranks.n;
  const sizes = Array.from(ranks.sizes);
  const meanRanks = Array.from(ranks.rankSums, (r, i) => r / sizes[i]);
  const variance = (n * (n + 1)) / 12 - ranks.tieSum / (12 * (n - 1));
  const warnings: string[] = [];
  const allTied = ranks.distinct === 1;
  if (allTied)
    warnings.push('all observations are tied: the rank variance is 0; z = 0 and p = 1 reported (R and SPSS give NaN)');

  const raw: { a: number; b: number; diff: number; se: number; z: number; p: number }[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const diff = meanRanks[a] - meanRanks[b];
      const se = Math.sqrt(variance * (1 / sizes[a] + 1 / sizes[b]));
      const z = allTied ? 0 : diff / se;
      raw.push({ a, b, diff, se, z, p: allTied ? 1 : Math.min(1, 2 * normalSf(Math.abs(z))) });
    }
  }
  const m = raw.length;
  const adjusted = pAdjust(
    raw.map((r) => r.p),
    adjust,
  );
  const comparisons: DunnComparison[] = raw.map((r, i) => ({
    a: r.a,
    b: r.b,
    ...(names ? { nameA: names[r.a], nameB: names[r.b] } : {}),
    meanRankDifference: r.diff,
    se: r.se,
    statistic: r.z,
    pValue: r.p,
    pAdjusted: adjusted[i],
  }));
  return freezeResult({
    method: "Dunn's test of pairwise mean-rank differences (Kruskal-Wallis post hoc)",
    comparisons,
    adjust,
    nComparisons: m,
    n,
    sizes,
    meanRanks,
    tieSum: ranks.tieSum,
    conventions: {
      ties: 'mid-ranks; variance N(N+1)/12 − Σ(t³−t)/(12(N−1))',
      alternative: 'two-sided',
      adjustment:
        adjust === 'bonferroni'
          ? 'Bonferroni: min(1, m·p) (SPSS Adj. Sig.)'
          : adjust === 'holm'
            ? "Holm step-down (p.adjust 'holm')"
            : 'none',
      sign: 'mean rank of a − mean rank of b',
    },
    warnings,
  });
}
