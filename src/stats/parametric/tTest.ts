import { InputError } from '../_shared/errors.ts';
import { type Alternative, freezeResult, type TestResult } from '../_shared/result.ts';
import { alternativeOption, confidenceLevel, finiteSample } from '../_shared/validate.ts';
import { tCdf, tQuantile, tSf } from '../distributions/studentT.ts';
import { meanAndSsd } from './_moments.ts';

/** Options of {@link tTest}. */
export interface TTestOptions {
  /** paired test on x − y (y required, same length). @default false */
  paired?: boolean;
  /**
   * Two-sample only: `false` = Welch's test with Welch–Satterthwaite df (R's default; SPSS "Equal
   * variances not assumed"); `true` = Student's pooled-variance test (SPSS "Equal variances assumed").
   * @default false (as R)
   */
  varEqual?: boolean;
  /** hypothesised mean (one-sample), mean difference (paired) or difference of means x − y. @default 0 */
  mu?: number;
  /** alternative relative to x: 'greater' means mean(x) (− mean(y)) > mu. @default 'two-sided' */
  alternative?: Alternative;
  /** confidence level of the interval for the mean / difference. @default 0.95 */
  confLevel?: number;
}

/** Result of {@link tTest}. */
export interface TTestResult extends TestResult {
  readonly statistic: number;
  readonly statisticName: 't';
  readonly df: number;
  /** mean of x (one-sample), mean difference (paired), or mean(x) − mean(y) (two-sample) */
  readonly estimate: number;
  readonly estimateName: string;
  /** two-sample only: the two means (R's estimate vector) */
  readonly meanX?: number;
  readonly meanY?: number;
  readonly confInt: readonly [number, number];
  readonly confLevel: number;
  /** standard error of the estimate */
  readonly se: number;
  readonly alternative: Alternative;
  readonly nullValue: number;
}

/**
 * Student's / Welch's t test, one-sample, paired or two-sample, exactly as R's `t.test`.
 *
 * One-sample / paired: t = (x̄ − mu)/(s/√n), df = n − 1. Two-sample Student: pooled variance,
 * df = n_x + n_y − 2. Welch: se² = s_x²/n_x + s_y²/n_y, df = se⁴/(s_x⁴/(n_x²(n_x−1)) + s_y⁴/(n_y²(n_y−1))).
 * p from the t tails (incomplete beta); CI = estimate ± t_{1−α/2, df}·se (one-sided: ±Inf bound). O(n).
 *
 * Differences from R: R stops with "data are essentially constant" when se < 10·ε·|mean|; restudy
 * returns a result with a warning: t = 0 and p = 1 if the estimate equals mu, otherwise t = ±Infinity
 * and the corresponding limiting p (0 or 1), CI [estimate, estimate] or half-infinite. Non-finite values
 * throw (R drops NA); for a paired test any pair with a non-finite value throws.
 *
 * @param x first sample (finite numbers; n ≥ 2 for one-sample/paired/Welch)
 * @param y optional second sample (two-sample or paired)
 * @param opts paired (@default false), varEqual (@default false), mu (@default 0), alternative
 *   (@default 'two-sided'), confLevel (@default 0.95)
 * @returns t, df, pValue, estimate, confInt, se, conventions, warnings
 * @throws InputError when a sample is too small (n < 2; Student two-sample needs n_x, n_y ≥ 1 and n_x + n_y ≥ 3),
 *   contains non-finite values, paired without y or with unequal lengths, invalid mu, alternative or confLevel
 *
 * @example
 * // datasets::sleep (Cushny & Peebles 1905), R's ?t.test example
 * const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0, 2];
 * const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
 * tTest(drug1, drug2, { paired: true }); // => { statistic: -4.0621276833820, df: 9, pValue: 0.0028328901973843, … }
 * tTest(drug1, drug2).df;                // => 17.776473516178 (Welch)
 *
 * References: Student (1908). The probable error of a mean. Biometrika 6(1):1–25. Welch BL (1947). The
 * generalization of "Student's" problem when several different population variances are involved.
 * Biometrika 34(1/2):28–35.
 */
export function tTest(x: ArrayLike<number>, y?: ArrayLike<number>, opts: TTestOptions = {}): TTestResult {
  const paired = opts.paired ?? false;
  if (typeof paired !== 'boolean') throw new InputError('paired', 'a boolean', paired);
  const varEqual = opts.varEqual ?? false;
  if (typeof varEqual !== 'boolean') throw new InputError('varEqual', 'a boolean', varEqual);
  const mu = opts.mu ?? 0;
  if (typeof mu !== 'number' || !Number.isFinite(mu)) throw new InputError('mu', 'a finite number', mu);
  const alternative = alternativeOption(opts.alternative ?? 'two-sided');
  const confLevel = confidenceLevel(opts.confLevel ?? 0.95);
  const warnings: string[] = [];

  let method: string;
  let estimate: number;
  let estimateName: string;
  let se: number;
  let df: number;
  let n: number;
  let scale: number; // magnitude used for R's "essentially constant" check
  let meanX: number | undefined;
  let meanY: number | undefined;
  if (y === undefined || y === null) {
    if (paired) throw new InputError('y', 'a second sample for a paired test', y);
    const xs = finiteSample(x, 'x', 2);
    const m = meanAndSsd(xs);
    n = xs.length;
    estimate = m.mean;
    estimateName = 'mean of x';
    se = Math.sqrt(m.ssd / (n - 1) / n);
    df = n - 1;
    scale = Math.abs(m.mean);
    method = 'One Sample t-test';
  } else if (paired) {
    const xs = finiteSample(x, 'x', 2);
    const ys = finiteSample(y, 'y', 2);
    if (xs.length !== ys.length)
      throw new InputError('y', `the same length as x (${xs.length}) for a paired test`, ys.length);
    const d = new Float64Array(xs.length);
    for (let i = 0; i < d.length; i++) d[i] = xs[i] - ys[i];
    const m = meanAndSsd(d);
    n = d.length;
    estimate = m.mean;
    estimateName = 'mean difference';
    se = Math.sqrt(m.ssd / (n - 1) / n);
    df = n - 1;
    scale = Math.abs(m.mean);
    method = 'Paired t-test';
  } else {
    const xs = finiteSample(x, 'x', varEqual ? 1 : 2);
    const ys = finiteSample(y, 'y', varEqual ? 1 : 2);
    const nx = xs.length;
    const ny = ys.length;
    if (varEqual && nx + ny < 3) throw new InputError('x, y', 'at least 3 observations in total', nx + ny);
    const mx = meanAndSsd(xs);
    const my = meanAndSsd(ys);
    n = nx + ny;
    meanX = mx.mean;
    meanY = my.mean;
    estimate = mx.mean - my.mean;
    estimateName = 'difference in means (x − y)';
    const vx = nx > 1 ? mx.ssd / (nx - 1) : 0;
    const vy = ny > 1 ? my.ssd / (ny - 1) : 0;
    if (varEqual) {
      df = nx + ny - 2;
      const pooled = (mx.ssd + my.ssd) / df;
      se = Math.sqrt(pooled * (1 / nx + 1 / ny));
      method = ' Two Sample t-test';
    } else {
      const sex2 = vx / nx;
      const sey2 = vy / ny;
      se = Math.sqrt(sex2 + sey2);
      // Welch–Satterthwaite df, scaled by the larger squared se so that tiny variances do not underflow
      const top = Math.max(sex2, sey2);
      const ra = top > 0 ? sex2 / top : 0;
      const rb = top > 0 ? sey2 / top : 0;
      df = (ra + rb) ** 2 / ((ra * ra) / (nx - 1) + (rb * rb) / (ny - 1));
      method = 'Welch Two Sample t-test';
    }
    scale = Math.max(Math.abs(mx.mean), Math.abs(my.mean));
  }

  let statistic: number;
  let pValue: number;
  let confInt: [number, number];
  if (se < 10 * Number.EPSILON * scale || se === 0) {
    const diff = estimate - mu;
    statistic = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
    if (!Number.isFinite(df)) df = n - (y === undefined || paired ? 1 : 2);
    pValue =
      diff === 0
        ? 1
        : alternative === 'two-sided'
          ? 0
          : alternative === 'greater'
            ? diff > 0
              ? 0
              : 1
            : diff < 0
              ? 0
              : 1;
    confInt =
      alternative === 'less'
        ? [-Infinity, estimate]
        : alternative === 'greater'
          ? [estimate, Infinity]
          : [estimate, estimate];
    warnings.push(
      `data are essentially constant (standard error ${se}): t = ${statistic}, p = ${pValue} in the limit ` +
        `(R stops with an error)`,
    );
  } else {
    statistic = (estimate - mu) / se;
    if (alternative === 'less') {
      pValue = tCdf(statistic, df);
      confInt = [-Infinity, mu + (statistic + tQuantile(confLevel, df)) * se];
    } else if (alternative === 'greater') {
      pValue = tSf(statistic, df);
      confInt = [mu + (statistic - tQuantile(confLevel, df)) * se, Infinity];
    } else {
      pValue = Math.min(1, 2 * tSf(Math.abs(statistic), df));
      const q = tQuantile(1 - (1 - confLevel) / 2, df);
      confInt = [mu + (statistic - q) * se, mu + (statistic + q) * se];
    }
  }
  return freezeResult({
    method: method.trim(),
    statistic,
    statisticName: 't' as const,
    df,
    pValue,
    alternative,
    estimate,
    estimateName,
    ...(meanX !== undefined ? { meanX, meanY } : {}),
    nullValue: mu,
    confInt,
    confLevel,
    se,
    n,
    conventions: {
      test:
        y === undefined || y === null
          ? 'one-sample'
          : paired
            ? 'paired'
            : varEqual
              ? 'Student (pooled variance)'
              : 'Welch (Satterthwaite df)',
      direction: "alternative 'greater' = mean of x (or x − y) above mu",
    },
    warnings,
  });
}
