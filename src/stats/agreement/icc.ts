import { InputError } from '../_shared/errors.ts';
import { freezeResult } from '../_shared/result.ts';
import { confidenceLevel } from '../_shared/validate.ts';
import { fQuantile, fSf } from '../distributions/fisherF.ts';

export type IccModel = 'oneway' | 'twoway-random' | 'twoway-mixed';
export type IccType = 'consistency' | 'agreement';
export type IccUnit = 'single' | 'average';

export interface IccOptions {
  /**
   * `'oneway'` (raters nested in subjects), `'twoway-random'` (raters a random sample), `'twoway-mixed'`
   * (fixed raters)
   */
  model: IccModel;
  /**
   * `'agreement'` (absolute agreement, rater bias counts as error) or `'consistency'`; one-way allows only
   * `'agreement'`
   */
  type: IccType;
  /** `'single'` rater or `'average'` of the k raters */
  unit: IccUnit;
  /** @default 0.95 */
  confLevel?: number;
}

export interface IccResult {
  readonly method: string;
  /** McGraw & Wong name: "ICC(1)", "ICC(k)", "ICC(C,1)", "ICC(C,k)", "ICC(A,1)", "ICC(A,k)" */
  readonly name: string;
  /** Shrout & Fleiss / psych name ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"), or "" when the form has none */
  readonly shroutFleiss: string;
  readonly value: number;
  /** F test of ICC = 0 */
  readonly fValue: number;
  readonly df1: number;
  readonly df2: number;
  readonly pValue: number;
  readonly confInt: readonly [number, number];
  readonly confLevel: number;
  /** subjects and raters used */
  readonly nSubjects: number;
  readonly nRaters: number;
  /** mean squares: rows (subjects), columns (raters), error (two-way residual), within (one-way) */
  readonly meanSquares: Readonly<{ subjects: number; raters: number; error: number; within: number }>;
  readonly model: IccModel;
  readonly type: IccType;
  readonly unit: IccUnit;
  /** subjects dropped because a rating was null (listwise) */
  readonly nMissing: number;
  readonly conventions: Readonly<Record<string, string | number | boolean>>;
  readonly warnings: readonly string[];
}

/**
 * Intraclass correlation coefficient in the ten-form family of McGraw & Wong (1996), which contains the
 * six Shrout & Fleiss (1979) forms reported by psych::ICC and SPSS RELIABILITY /ICC:
 *
 * | model | type | single | average | Shrout–Fleiss |
 * |---|---|---|---|---|
 * | oneway | agreement | (MSR − MSW)/(MSR + (k−1)MSW) | (MSR − MSW)/MSR | ICC1, ICC1k |
 * | twoway-* | agreement | (MSR − MSE)/(MSR + (k−1)MSE + k·D/n) | (MSR − MSE)/(MSR + D/n) | ICC2, ICC2k (random) |
 * | twoway-* | consistency | (MSR − MSE)/(MSR + (k−1)MSE) | (MSR − MSE)/MSR | ICC3, ICC3k (mixed) |
 *
 * where twoway-* is twoway-random or twoway-mixed and D = MSC − MSE.
 * The random and mixed two-way models give the same numbers (they differ in interpretation), as in SPSS.
 * F test of ICC = 0: F = MSR/MSW on (n − 1, n(k − 1)) for one-way, F = MSR/MSE on (n − 1, (n − 1)(k − 1))
 * otherwise (psych, SPSS "True value 0"). CIs: exact F-based for one-way and consistency forms; for the
 * agreement forms McGraw & Wong's approximate interval with Satterthwaite df (as psych::ICC and SPSS).
 *
 * Algorithm: two-way ANOVA sums of squares in one pass over the n × k matrix, O(n·k).
 *
 * Differences from R: psych::ICC by default (`lmer = TRUE`) estimates variance components with lme4, which
 * truncates negative components at 0 and so can differ from the ANOVA estimates; this function uses the
 * classical ANOVA mean squares (psych::ICC(x, lmer = FALSE), irr::icc, SPSS). Subjects with a null rating
 * are dropped listwise with a warning.
 *
 * @param ratings subjects × raters matrix of finite numbers (null = missing, the subject is dropped)
 * @param opts see {@link IccOptions}
 * @throws InputError when ratings is not a rectangular matrix of finite numbers (or null), has fewer than
 *   2 complete subjects or 2 raters, an option is invalid, or `model: 'oneway'` is combined with
 *   `type: 'consistency'` (undefined without a rater factor, McGraw & Wong 1996)
 * @returns frozen {@link IccResult}
 * @example
 * icc([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], {
 *   model: 'twoway-random',
 *   type: 'agreement',
 *   unit: 'single',
 * }).value
 * // => 0.2897637795275591 (Shrout & Fleiss 1979 Table 4 ICC(2,1): .29)
 *
 * References: Shrout PE, Fleiss JL. Intraclass correlations: uses in assessing rater reliability. Psychol
 * Bull 1979;86:420–428. McGraw KO, Wong SP. Forming inferences about some intraclass correlation
 * coefficients. Psychol Methods 1996;1:30–46. Koo TK, Li MY. A guideline of selecting and reporting
 * intraclass correlation coefficients for reliability research. J Chiropr Med 2016;15:155–163.
 */
export function icc(ratings: readonly (readonly (number | null)[])[], opts: IccOptions): IccResult {
  const form = checkedForm(opts);
  if (!Array.isArray(ratings) || ratings.length < 1)
    throw new InputError('ratings', 'a subjects × raters matrix (array of rows)', ratings);
  const k = Array.isArray(ratings[0]) ? ratings[0].length : -1;
  if (k < 2) throw new InputError('ratings[0]', 'a row with at least 2 raters', ratings[0]);
  const rows: number[] = [];
  let nMissing = 0;
  for (let i = 0; i < ratings.length; i++) {
    const row = ratings[i];
    if (!Array.isArray(row) || row.length !== k)
      throw new InputError(`ratings[${i}]`, `a row of ${k} ratings (the matrix must be rectangular)`, row);
    let missing = false;
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (v === null) missing = true;
      else if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(`ratings[${i}][${j}]`, 'a finite number or null (missing)', v);
    }
    if (missing) nMissing++;
    else rows.push(i);
  }
  const n = rows.length;
  if (n < 2) throw new InputError('ratings', 'at least 2 subjects with complete ratings', `${n} complete subjects`);
  const x = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    const row = ratings[rows[r]] as readonly number[];
    for (let j = 0; j < k; j++) x[r * k + j] = row[j];
  }
  return iccOfMatrix(x, n, k, nMissing, form);
}

/**
 * {@link icc} of ratings given rater by rater: `columns[j][i]` is rater j's rating of subject i (null =
 * missing, the subject is dropped listwise). The same numbers as `icc` on the transposed matrix, without one
 * array per subject (a cohort of 10⁵ rows gives 10⁵ small arrays that outlive young-generation GC).
 * @throws InputError as {@link icc}, naming `columns[j][i]`; columns of unequal length
 */
export function iccFromColumns(columns: readonly ArrayLike<number | null>[], opts: IccOptions): IccResult {
  const form = checkedForm(opts);
  if (!Array.isArray(columns) || columns.length < 2)
    throw new InputError('columns', 'at least 2 raters (an array of rating columns)', columns);
  const k = columns.length;
  const total = columns[0]?.length ?? -1;
  for (let j = 0; j < k; j++) {
    const col = columns[j];
    if (col === null || typeof col !== 'object' || typeof col.length !== 'number' || col.length !== total)
      throw new InputError(`columns[${j}]`, `a column of ${total} ratings (every rater rates every subject)`, col);
  }
  const complete = new Uint8Array(total).fill(1);
  for (let j = 0; j < k; j++) {
    const col = columns[j];
    for (let i = 0; i < total; i++) {
      const v = col[i];
      if (v === null) complete[i] = 0;
      else if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(`columns[${j}][${i}]`, 'a finite number or null (missing)', v);
    }
  }
  let n = 0;
  for (let i = 0; i < total; i++) n += complete[i];
  if (n < 2) throw new InputError('columns', 'at least 2 subjects with complete ratings', `${n} complete subjects`);
  const x = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const col = columns[j];
    for (let i = 0, r = 0; i < total; i++) if (complete[i]) x[r++ * k + j] = col[i] as number;
  }
  return iccOfMatrix(x, n, k, total - n, form);
}

/** The options checked: a known form, and a confidence level in (0, 1). */
function checkedForm(opts: IccOptions): Required<IccOptions> {
  if (opts === null || typeof opts !== 'object')
    throw new InputError('opts', 'an options object { model, type, unit }', opts);
  const { model, type, unit } = opts;
  if (model !== 'oneway' && model !== 'twoway-random' && model !== 'twoway-mixed') {
    throw new InputError('model', "one of 'oneway', 'twoway-random', 'twoway-mixed'", model);
  }
  if (type !== 'consistency' && type !== 'agreement')
    throw new InputError('type', "'consistency' or 'agreement'", type);
  if (unit !== 'single' && unit !== 'average') throw new InputError('unit', "'single' or 'average'", unit);
  if (model === 'oneway' && type === 'consistency') {
    throw new InputError(
      'type',
      "'agreement' for the one-way model (consistency needs a rater factor; McGraw & Wong 1996)",
      type,
    );
  }
  const confLevel = confidenceLevel(opts.confLevel ?? 0.95);
  return { model, type, unit, confLevel };
}

/**
 * The ICC of a complete n × k matrix (row-major in `x`), `nMissing` subjects already dropped.
 * Two-way ANOVA sums of squares, two passes (means, then squares) for accuracy.
 */
function iccOfMatrix(x: Float64Array, n: number, k: number, nMissing: number, form: Required<IccOptions>): IccResult {
  const { model, type, unit, confLevel } = form;
  let grand = 0;
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0; j < k; j++) {
      s += x[r * k + j];
      colMean[j] += x[r * k + j];
    }
    rowMean[r] = s / k;
    grand += s;
  }
  grand /= n * k;
  for (let j = 0; j < k; j++) colMean[j] /= n;
  let ssRows = 0;
  for (let r = 0; r < n; r++) ssRows += (rowMean[r] - grand) ** 2;
  ssRows *= k;
  let ssCols = 0;
  for (let j = 0; j < k; j++) ssCols += (colMean[j] - grand) ** 2;
  ssCols *= n;
  let ssError = 0;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) ssError += (x[r * k + j] - rowMean[r] - colMean[j] + grand) ** 2;
  }
  const msr = ssRows / (n - 1);
  const msc = ssCols / (k - 1);
  const mse = ssError / ((n - 1) * (k - 1));
  const msw = (ssCols + ssError) / (n * (k - 1));
  const alpha = 1 - confLevel;
  const warnings: string[] = [];
  if (nMissing > 0) warnings.push(`${nMissing} subject(s) with a missing rating were dropped listwise (${n} used)`);
  let value: number;
  let fValue: number;
  let df1: number;
  let df2: number;
  let lower: number;
  let upper: number;
  let name: string;
  let shroutFleiss = '';
  const avg = unit === 'average';
  if (model === 'oneway') {
    df1 = n - 1;
    df2 = n * (k - 1);
    fValue = msr / msw;
    value = avg ? (msr - msw) / msr : (msr - msw) / (msr + (k - 1) * msw);
    [lower, upper] = fBoundsToIcc(fValue, df1, df2, alpha, k, avg);
    name = avg ? 'ICC(k)' : 'ICC(1)';
    shroutFleiss = avg ? 'ICC1k' : 'ICC1';
  } else {
    df1 = n - 1;
    df2 = (n - 1) * (k - 1);
    fValue = msr / mse;
    if (type === 'consistency') {
      value = avg ? (msr - mse) / msr : (msr - mse) / (msr + (k - 1) * mse);
      [lower, upper] = fBoundsToIcc(fValue, df1, df2, alpha, k, avg);
      name = avg ? 'ICC(C,k)' : 'ICC(C,1)';
      if (model === 'twoway-mixed') shroutFleiss = avg ? 'ICC3k' : 'ICC3';
    } else {
      const single = (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n);
      value = avg ? (msr - mse) / (msr + (msc - mse) / n) : single;
      // McGraw & Wong (1996) Table 7 approximate CI with Satterthwaite df (psych::ICC's ICC2 bounds)
      const fj = msc / mse;
      const vn = (k - 1) * (n - 1) * (k * single * fj + n * (1 + (k - 1) * single) - k * single) ** 2;
      const vd = (n - 1) * k * k * single * single * fj * fj + (n * (1 + (k - 1) * single) - k * single) ** 2;
      const v = vn / vd;
      const fU = fQuantile(1 - alpha / 2, n - 1, v);
      const fL = fQuantile(1 - alpha / 2, v, n - 1);
      const lo1 = (n * (msr - fU * mse)) / (fU * (k * msc + (k * n - k - n) * mse) + n * msr);
      const up1 = (n * (fL * msr - mse)) / (k * msc + (k * n - k - n) * mse + n * fL * msr);
      lower = avg ? (lo1 * k) / (1 + lo1 * (k - 1)) : lo1;
      upper = avg ? (up1 * k) / (1 + up1 * (k - 1)) : up1;
      name = avg ? 'ICC(A,k)' : 'ICC(A,1)';
      if (model === 'twoway-random') shroutFleiss = avg ? 'ICC2k' : 'ICC2';
    }
  }
  const pValue = fSf(fValue, df1, df2);
  if (!Number.isFinite(value) || !Number.isFinite(fValue)) {
    warnings.push(
      `degenerate ratings (between-subject mean square ${msr}, error mean square ${model === 'oneway' ? msw : mse}): ` +
        'the ICC is undefined or infinite F; values reported as computed',
    );
  }
  if (value < 0)
    warnings.push(
      `ICC = ${value} < 0: between-subject variance is smaller than error variance (reported as computed, ` +
        `not set to 0)`,
    );
  const raters = unit === 'single' ? 'single rater' : `average of ${k} raters`;
  const method = `${name} (${modelLabel(model)}, ${type}, ${raters})`;
  return freezeResult({
    method,
    name,
    shroutFleiss,
    value,
    fValue,
    df1,
    df2,
    pValue,
    confInt: [lower, upper] as const,
    confLevel,
    nSubjects: n,
    nRaters: k,
    meanSquares: { subjects: msr, raters: msc, error: mse, within: msw },
    model,
    type,
    unit,
    nMissing,
    conventions: {
      model,
      type,
      unit,
      estimator: 'ANOVA mean squares (McGraw & Wong 1996; psych::ICC lmer = FALSE; SPSS)',
      confInt:
        type === 'agreement' && model !== 'oneway' ? 'McGraw & Wong approximate (Satterthwaite df)' : 'exact F-based',
      missing: 'listwise',
    },
    warnings,
  });
}

/** F-based CI for one-way and consistency ICCs (Shrout & Fleiss 1979; McGraw & Wong 1996). */
function fBoundsToIcc(f: number, df1: number, df2: number, alpha: number, k: number, avg: boolean): [number, number] {
  const fl = f / fQuantile(1 - alpha / 2, df1, df2);
  const fu = f * fQuantile(1 - alpha / 2, df2, df1);
  if (avg) return [1 - 1 / fl, 1 - 1 / fu];
  return [(fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1)];
}

/** The model as the method line spells it. */
function modelLabel(model: IccModel): string {
  if (model === 'oneway') return 'one-way random';
  return model === 'twoway-random' ? 'two-way random' : 'two-way mixed';
}
