import { InputError } from '../_shared/errors.ts';
import { type Alternative, freezeResult, type TestResult } from '../_shared/result.ts';
import { alternativeOption, confidenceLevel } from '../_shared/validate.ts';
import { normalCdf, normalQuantileUpper, normalSf } from '../distributions/normal.ts';
import { pValueFromTails } from '../distributions/pValue.ts';

export type KappaWeights = 'none' | 'linear' | 'quadratic';
export type Rating = string | number;

export interface CohenKappaOptions {
  /**
   * Agreement weights by category index i, j of `levels` (k categories): `'none'` 1 on the diagonal;
   * `'linear'` 1 − |i − j|/(k − 1) (vcd "Equal-Spacing", Cicchetti–Allison); `'quadratic'`
   * 1 − (i − j)²/(k − 1)² (vcd "Fleiss-Cohen", psych's default weights). @default 'none'
   */
  weights?: KappaWeights;
  /**
   * Ordered categories. Needed to include a category neither rater used and to fix the order that the
   * weights depend on. @default the sorted union of observed ratings (numbers numerically, strings by
   * code unit); for weighted kappa of string ratings `levels` is required
   */
  levels?: readonly Rating[];
  /** @default 0.95 */
  confLevel?: number;
  /** alternative of the z test of κ = 0. @default 'two-sided' */
  alternative?: Alternative;
}

export interface CohenKappaResult extends TestResult {
  readonly kappa: number;
  /** asymptotic SE not assuming κ = 0 (Fleiss, Cohen & Everitt 1969), used for the CI */
  readonly se: number;
  /** asymptotic SE under H0: κ = 0 (Fleiss, Cohen & Everitt 1969), used for the z test */
  readonly seNull: number;
  /** CI κ ± z·se, truncated to [−1, 1] (with a warning) as psych::cohen.kappa */
  readonly confInt: readonly [number, number];
  readonly confIntUntruncated: readonly [number, number];
  /** observed and chance-expected (weighted) agreement */
  readonly observedAgreement: number;
  readonly expectedAgreement: number;
  readonly weights: KappaWeights;
  readonly levels: readonly Rating[];
  /** k × k counts: rows rater 1, columns rater 2, in `levels` order */
  readonly table: readonly (readonly number[])[];
  /** pairs dropped because a rating was missing (null, undefined, NaN or '') */
  readonly nMissing: number;
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Cohen's kappa for two raters, unweighted or with linear/quadratic agreement weights, with both
 * asymptotic standard errors of Fleiss, Cohen & Everitt (1969):
 *
 * - `se` (not assuming κ = 0): Var = [Σ p_ij (w_ij − (w̄_i· + w̄_·j)(1 − κ))² − (κ − p_e(1 − κ))²] / (n (1 − p_e)²),
 *   as vcd::Kappa's ASE and psych::cohen.kappa's `var.kappa`; the CI is κ ± z·se (SPSS "Asymptotic
 *   Std. Error", which SPSS labels "not assuming the null hypothesis").
 * - `seNull` (under κ = 0): Var0 = [Σ p_i· p_·j (w_ij − (w̄_i· + w̄_·j))² − p_e²] / (n (1 − p_e)²); the test
 *   statistic is z = κ/seNull (SPSS "Approximate T", "using the asymptotic standard error assuming the
 *   null hypothesis"; irr::kappa2 likewise).
 *
 * with w̄_i· = Σ_j p_·j w_ij, w̄_·j = Σ_i p_i· w_ij. O(n + k²).
 *
 * Missing ratings (null, undefined, NaN, '') drop the pair, with a warning (R's `table` drops NA too).
 *
 * Differences from R: vcd's `summary(Kappa)` z divides κ by the non-null ASE; here the z test uses the
 * null SE (as SPSS and irr), and the non-null SE only for the CI. psych::cohen.kappa computes the weighted
 * variance with row weights Σ_j w_ij · p_i· instead of Σ_j w_ij · p_·j (its `roww`), which differs from
 * Fleiss–Cohen–Everitt when the two raters' marginals differ; this function follows vcd (and the paper).
 * psych's unweighted variance and both kappas agree with this function.
 *
 * @param rater1 ratings of rater 1 (strings or numbers), one per subject
 * @param rater2 ratings of rater 2, same subjects and order
 * @param opts see {@link CohenKappaOptions}
 * @throws InputError when ratings are not arrays of equal length, mix strings and numbers, contain a value
 *   not in `levels`, levels repeat, weighted string ratings lack `levels`, fewer than 2 complete pairs
 *   remain, or an option is invalid
 * @returns frozen {@link CohenKappaResult} (htest shape: statistic z, pValue, estimate κ, confInt)
 * @example
 * cohenKappa(['a', 'a', 'b', 'b', 'a'], ['a', 'b', 'b', 'b', 'a']).kappa
 * // => 0.6153846153846154 (= 0.32/0.52, psych/vcd agree)
 *
 * References: Cohen J. A coefficient of agreement for nominal scales. Educ Psychol Meas 1960;20:37–46.
 * Cohen J. Weighted kappa. Psychol Bull 1968;70:213–220. Fleiss JL, Cohen J, Everitt BS. Large sample
 * standard errors of kappa and weighted kappa. Psychol Bull 1969;72:323–327.
 */
export function cohenKappa(
  rater1: readonly (Rating | null | undefined)[],
  rater2: readonly (Rating | null | undefined)[],
  opts: CohenKappaOptions = {},
): CohenKappaResult {
  if (opts === null || typeof opts !== 'object') throw new InputError('opts', 'an options object', opts);
  if (!Array.isArray(rater1)) throw new InputError('rater1', 'an array of ratings', rater1);
  if (!Array.isArray(rater2)) throw new InputError('rater2', 'an array of ratings', rater2);
  if (rater1.length !== rater2.length)
    throw new InputError('rater2', `an array of the same length as rater1 (${rater1.length})`, rater2);
  const weights = opts.weights ?? 'none';
  if (weights !== 'none' && weights !== 'linear' && weights !== 'quadratic') {
    throw new InputError('weights', "one of 'none', 'linear', 'quadratic'", weights);
  }
  const confLevel = confidenceLevel(opts.confLevel ?? 0.95);
  const alternative = alternativeOption(opts.alternative ?? 'two-sided');
  // collect complete pairs and check types
  let kind: 'string' | 'number' | undefined;
  const a: Rating[] = [];
  const b: Rating[] = [];
  let nMissing = 0;
  for (let i = 0; i < rater1.length; i++) {
    const u = rater1[i];
    const v = rater2[i];
    if (isMissing(u) || isMissing(v)) {
      nMissing++;
      continue;
    }
    for (const [name, x] of [
      ['rater1', u],
      ['rater2', v],
    ] as const) {
      const t = typeof x;
      if (t !== 'string' && t !== 'number') throw new InputError(`${name}[${i}]`, 'a string or number rating', x);
      if (t === 'number' && !Number.isFinite(x))
        throw new InputError(`${name}[${i}]`, 'a finite number or a string', x);
      if (kind === undefined) kind = t as 'string' | 'number';
      else if (kind !== t)
        throw new InputError(`${name}[${i}]`, `a ${kind} like the other ratings (do not mix strings and numbers)`, x);
    }
    a.push(u as Rating);
    b.push(v as Rating);
  }
  const n = a.length;
  if (n < 2) throw new InputError('rater1', 'at least 2 subjects rated by both raters', `${n} complete pairs`);
  let levels: Rating[];
  if (opts.levels !== undefined) {
    if (!Array.isArray(opts.levels) || opts.levels.length < 1)
      throw new InputError('levels', 'a non-empty array of categories', opts.levels);
    levels = [...opts.levels];
    if (new Set(levels).size !== levels.length) throw new InputError('levels', 'distinct categories', opts.levels);
  } else {
    if (weights !== 'none' && kind === 'string') {
      throw new InputError(
        'levels',
        'given for weighted kappa of string ratings (the category order defines the weights)',
        undefined,
      );
    }
    const set = new Set<Rating>([...a, ...b]);
    levels = [...set];
    if (kind === 'number') (levels as number[]).sort((x, y) => x - y);
    else levels.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  }
  const k = levels.length;
  const index = new Map<Rating, number>(levels.map((l, i) => [l, i]));
  const counts: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    const r = index.get(a[i]);
    const c = index.get(b[i]);
    if (r === undefined) throw new InputError(`rater1`, `ratings within levels [${levels.join(', ')}]`, a[i]);
    if (c === undefined) throw new InputError(`rater2`, `ratings within levels [${levels.join(', ')}]`, b[i]);
    counts[r][c]++;
  }
  const w: number[][] = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      if (weights === 'none' || k === 1) return i === j ? 1 : 0;
      const d = Math.abs(i - j) / (k - 1);
      return weights === 'linear' ? 1 - d : 1 - d * d;
    }),
  );
  // marginal counts are integers; agreement sums are formed on counts and divided once (exact for
  // identical ratings: po = n/n = 1)
  const rowCount = new Array<number>(k).fill(0);
  const colCount = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rowCount[i] += counts[i][j];
      colCount[j] += counts[i][j];
    }
  }
  const rowP = rowCount.map((c) => c / n);
  const colP = colCount.map((c) => c / n);
  let agreeSum = 0;
  let chanceSum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      agreeSum += w[i][j] * counts[i][j];
      chanceSum += w[i][j] * rowCount[i] * colCount[j];
    }
  }
  const po = agreeSum / n;
  const pe = chanceSum / (n * n);
  const wRow = rowP.map((_, i) => w[i].reduce((s, wij, j) => s + wij * colP[j], 0)); // w̄_i·
  const wCol = colP.map((_, j) => w.reduce((s, wi, i) => s + wi[j] * rowP[i], 0)); // w̄_·j
  const warnings: string[] = [];
  if (nMissing > 0) warnings.push(`${nMissing} subject(s) with a missing rating were dropped (${n} complete pairs)`);
  const absent = levels.filter((_, i) => rowP[i] === 0 && colP[i] === 0);
  if (absent.length > 0) warnings.push(`level(s) ${absent.join(', ')} used by neither rater`);
  const result = {
    method: weights === 'none' ? "Cohen's kappa" : `Cohen's weighted kappa (${weights} weights)`,
    statisticName: 'z',
    alternative,
    estimateName: 'kappa',
    nullValue: 0,
    confLevel,
    n,
    observedAgreement: po,
    expectedAgreement: pe,
    weights,
    levels,
    table: counts,
    nMissing,
    conventions: {
      weights,
      se: 'Fleiss, Cohen & Everitt 1969 asymptotic, not assuming kappa = 0 (CI)',
      seNull: 'Fleiss, Cohen & Everitt 1969 under kappa = 0 (z test)',
      confInt: 'kappa +/- z*se, truncated to [-1, 1]',
    },
  };
  if (!(1 - pe > 1e-15)) {
    warnings.push(
      `chance agreement is 1 (both raters used a single category): kappa is undefined (0/0) and reported as ` +
        `NaN, as psych gives NA`,
    );
    return freezeResult({
      ...result,
      statistic: NaN,
      pValue: NaN,
      estimate: NaN,
      kappa: NaN,
      se: NaN,
      seNull: NaN,
      confInt: [NaN, NaN] as const,
      confIntUntruncated: [NaN, NaN] as const,
      warnings,
    });
  }
  const kappa = (po - pe) / (1 - pe);
  let sumA = 0;
  let sum0 = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const pij = counts[i][j] / n;
      if (pij > 0) sumA += pij * (w[i][j] - (wRow[i] + wCol[j]) * (1 - kappa)) ** 2;
      sum0 += rowP[i] * colP[j] * (w[i][j] - (wRow[i] + wCol[j])) ** 2;
    }
  }
  const denom = n * (1 - pe) ** 2;
  const variance = (sumA - (kappa - pe * (1 - kappa)) ** 2) / denom;
  const varianceNull = (sum0 - pe * pe) / denom;
  // rounding can make a true zero variance (perfect agreement) slightly negative
  const se = Math.sqrt(Math.max(variance, 0));
  const seNull = Math.sqrt(Math.max(varianceNull, 0));
  if (variance <= 0)
    warnings.push('the asymptotic variance of kappa is 0 (e.g. perfect agreement): the CI is degenerate');
  const z = normalQuantileUpper((1 - confLevel) / 2);
  const raw: [number, number] = [kappa - z * se, kappa + z * se];
  const confInt: [number, number] = [Math.max(-1, raw[0]), Math.min(1, raw[1])];
  if (confInt[0] !== raw[0] || confInt[1] !== raw[1]) {
    warnings.push(
      `the CI [${raw[0]}, ${raw[1]}] extends beyond [-1, 1] and was truncated (as psych); see confIntUntruncated`,
    );
  }
  let statistic: number;
  if (seNull === 0) {
    statistic = kappa === 0 ? 0 : kappa > 0 ? Infinity : -Infinity;
    warnings.push('the null standard error is 0: z is not defined by a finite ratio');
  } else statistic = kappa / seNull;
  const pValue = pValueFromTails(statistic, { cdf: normalCdf, sf: normalSf }, alternative);
  return freezeResult({
    ...result,
    statistic,
    pValue,
    estimate: kappa,
    kappa,
    se,
    seNull,
    confInt,
    confIntUntruncated: raw,
    warnings,
  });
}
