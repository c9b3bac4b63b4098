import { InputError } from '../_shared/errors.ts';
import { expit } from './_fit.ts';
import type { LogisticRegressionResult } from './logisticRegression.ts';

/** Options of {@link predict}. */
export interface PredictOptions {
  /**
   * `'response'`: probabilities P(y = 1 | x); `'link'`: the linear predictor (log-odds) η = b₀ + xᵀb;
   * @default 'response'
   */
  readonly type?: 'response' | 'link';
}

/**
 * Predictions of a fitted logistic regression for new rows, as R's `predict(fit, newdata, type = "response")`
 * (or `type = "link"`). O(n·k). Use the probabilities as the score of a ROC curve for the fitted model.
 * Without `X`, returns the fitted probabilities (or their linear predictors) of the data the model was fitted to.
 *
 * @param model a result of `logisticRegression`
 * @param X n rows × k predictors in the order of `model.predictorNames` (no intercept column); @default the fitted data
 * @param opts see {@link PredictOptions}
 * @returns a frozen array of n probabilities (or log-odds)
 * @throws InputError when model is not a logisticRegression result, a row of X does not have k finite
 *   numbers, or type is unknown
 * @example
 * const fit = logisticRegression([[0], [0], [1], [1], [0], [1]], [0, 1, 1, 1, 0, 0]);
 * predict(fit, [[1]]) // => [0.66666666666662] (2/3: two of three x = 1 rows are events)
 */
export function predict(
  model: LogisticRegressionResult,
  X?: readonly (readonly number[])[],
  opts: PredictOptions = {},
): readonly number[] {
  if (
    model === null ||
    typeof model !== 'object' ||
    !Array.isArray(model.coefficients) ||
    !Array.isArray(model.predictorNames)
  ) {
    throw new InputError('model', 'a result of logisticRegression', model);
  }
  const type = opts.type ?? 'response';
  if (type !== 'response' && type !== 'link') throw new InputError('type', "'response' or 'link'", type);
  const k = model.predictorNames.length;
  const b = model.coefficients.map((c) => c.estimate);
  if (b.length !== k + 1)
    throw new InputError(
      'model',
      'a result of logisticRegression (one coefficient per predictor plus the intercept)',
      model.coefficients.length,
    );
  if (X === undefined) {
    const out = type === 'response' ? [...model.fitted] : model.fitted.map((m) => Math.log(m) - Math.log1p(-m));
    return Object.freeze(out);
  }
  if (!Array.isArray(X))
    throw new InputError('X', `an array of rows of ${k} predictors (${model.predictorNames.join(', ')})`, X);
  const out = new Array<number>(X.length);
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!Array.isArray(row) || row.length !== k) {
      throw new InputError(`X[${i}]`, `a row of ${k} numbers (${model.predictorNames.join(', ')})`, row);
    }
    let eta = b[0];
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`X[${i}][${j}]`, 'a finite number', v);
      eta += b[j + 1] * v;
    }
    out[i] = type === 'response' ? expit(eta) : eta;
  }
  return Object.freeze(out);
}
