import { InputError } from '../_shared/errors.ts';
import { freezeResult, type TestResult } from '../_shared/result.ts';
import { chisqSf } from '../distributions/chisquare.ts';
import type { LogisticRegressionResult } from './logisticRegression.ts';

/**
 * Likelihood-ratio (deviance) test of a reduced logistic model nested in a full one: G² = 2(ℓ_full − ℓ_reduced)
 * = D_reduced − D_full on df = (parameters of full) − (parameters of reduced), p = P(χ²_df > G²) from
 * the chi-squared survival function. R: `anova(reduced, full, test = "Chisq")` (or `lmtest::lrtest`);
 * SPSS: the "Omnibus Tests of Model Coefficients" block chi-square when reduced is intercept-only.
 *
 * Nesting is checked by names: every coefficient of `reduced` must appear in `full`, which must have
 * more; both must be fitted to the same observations (same n and number of events, same weights
 * convention). This cannot prove the same rows were used: pass models fitted to the same data.
 *
 * Differences from R: R's anova does not check nesting. Firth fits are refused: their ordinary
 * likelihoods are not maximised, and logistf's penalised LR test refits the reduced model under the
 * full model's penalty, which this function does not do.
 *
 * @param full the larger model (a logisticRegression result)
 * @param reduced the nested smaller model (fit with `[]` as X for the intercept-only model)
 * @returns frozen htest: statistic (G²), statisticName "LR chi-squared", df, pValue, n, warnings
 * @throws InputError when either argument is not a logisticRegression result, either is a Firth fit,
 *   the models differ in n or events, or `reduced` is not nested in `full`
 * @example
 * // 2×2 table: x = 1 → 12 events / 8 non-events; x = 0 → 6 events / 14 non-events (equals the table's G²)
 * const X = [...Array(20).fill([1]), ...Array(20).fill([0])];
 * const y = [...Array(12).fill(1), ...Array(8).fill(0), ...Array(6).fill(1), ...Array(14).fill(0)];
 * likelihoodRatioTest(logisticRegression(X, y), logisticRegression([], y)).pValue
 * // => 0.0545409092385961
 * // (R: anova(glm(y ~ 1, binomial), glm(y ~ x, binomial), test = "Chisq"); G² = 3.69606633452108)
 *
 * Reference: Agresti A. Categorical Data Analysis, 3rd ed. Wiley; 2013, §5.2 (likelihood-ratio tests).
 */
export function likelihoodRatioTest(full: LogisticRegressionResult, reduced: LogisticRegressionResult): TestResult {
  for (const [param, m] of [
    ['full', full],
    ['reduced', reduced],
  ] as const) {
    if (m === null || typeof m !== 'object' || !Array.isArray(m.coefficients) || typeof m.logLik !== 'number') {
      throw new InputError(param, 'a result of logisticRegression', m);
    }
    if (m.firth) {
      throw new InputError(
        param,
        "a maximum-likelihood fit (Firth fits are not compared by their ordinary likelihood; use logistf's " +
          'penalised LR test)',
        'a Firth fit',
      );
    }
  }
  if (full.n !== reduced.n || Math.abs(full.nEvents - reduced.nEvents) > 1e-9 * Math.max(1, full.nEvents)) {
    throw new InputError(
      'reduced',
      `fitted to the same observations as full (n = ${full.n}, events = ${full.nEvents})`,
      `n = ${reduced.n}, events = ${reduced.nEvents}`,
    );
  }
  const fullNames = new Set(full.coefficients.map((c) => c.name));
  const missing = reduced.coefficients.map((c) => c.name).filter((nm) => !fullNames.has(nm));
  if (missing.length > 0) {
    throw new InputError(
      'reduced',
      'nested in full (every reduced coefficient must be in full)',
      `coefficients not in full: ${missing.join(', ')}`,
    );
  }
  const df = full.coefficients.length - reduced.coefficients.length;
  if (df < 1) {
    throw new InputError(
      'full',
      `a model with more coefficients than reduced (${reduced.coefficients.length})`,
      `${full.coefficients.length} coefficients`,
    );
  }
  const warnings: string[] = [];
  let statistic = 2 * (full.logLik - reduced.logLik);
  if (statistic < 0) {
    const scale = Math.abs(full.deviance) + Math.abs(reduced.deviance) + 1;
    if (statistic < -1e-8 * scale) {
      warnings.push(
        `the reduced model has the higher log-likelihood (G² = ${statistic}): the models are not nested on ` +
          `the same data or a fit did not converge`,
      );
    } else {
      warnings.push(`G² = ${statistic} is negative at rounding level; reported as 0`);
      statistic = 0;
    }
  }
  for (const [label, m] of [
    ['full', full],
    ['reduced', reduced],
  ] as const) {
    for (const w of m.warnings) warnings.push(`${label} model: ${w}`);
  }
  const pValue = statistic < 0 ? 1 : chisqSf(statistic, df);
  return freezeResult({
    method: 'Likelihood ratio test for nested logistic regression models',
    statistic,
    statisticName: 'LR chi-squared',
    df,
    pValue,
    n: full.n,
    conventions: {
      statistic: 'G² = 2(logLik_full − logLik_reduced) = deviance_reduced − deviance_full',
      distribution: 'asymptotic chi-squared, survival function',
      nesting: 'checked by coefficient names, n and events',
    },
    warnings,
  });
}
