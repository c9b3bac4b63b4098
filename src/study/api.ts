/**
 * The study runner's only door to the statistics: every number comes from the public API's statistics.
 * This file narrows each result to the fields the runner uses, so a change in the API shows up here, in one
 * place, at compile time.
 */

import * as shared from '../stats/_shared/index.ts';
import * as adjust from '../stats/adjust/index.ts';
import * as agreement from '../stats/agreement/index.ts';
import * as contingency from '../stats/contingency/index.ts';
import * as descriptive from '../stats/descriptive/index.ts';
import * as parametric from '../stats/parametric/index.ts';
import * as ranks from '../stats/ranks/index.ts';
import * as regression from '../stats/regression/index.ts';
import * as rocFamily from '../stats/roc/index.ts';

/**
 * The statistical half of the public API (src/index.ts re-exports these same barrels), imported barrel by
 * barrel so that this file, and the analysis kinds built on it, stay browser-safe (src/index.ts also
 * exports the node-only loaders). The functions below narrow each result to the fields the runner reads.
 */
const api = {
  ...adjust,
  ...agreement,
  ...contingency,
  ...descriptive,
  ...parametric,
  ...ranks,
  ...regression,
  ...rocFamily,
  ...shared,
};

export type Direction = '<' | '>';

export function chiSquare(table: number[][], correct: boolean) {
  const r = api.chiSquareTest(table, { correct });
  return {
    statistic: r.statistic,
    df: r.df,
    pValue: r.pValue,
    minExpected: r.minExpected,
    cellsBelow5: r.cellsExpectedBelow5,
    method: r.method,
    conventions: r.conventions,
    warnings: r.warnings,
    observed: r.observed,
  };
}

/** Fisher's exact test; `simulate` asks for the seeded Monte Carlo p (R's `simulate.p.value`). */
export function fisher(table: number[][], simulate?: { replicates: number; seed: number }) {
  const r = api.fisherExactTest(table, simulate ? { simulate } : {});
  return { pValue: r.pValue, method: r.method, conventions: r.conventions, warnings: r.warnings };
}

export function kruskal(groups: number[][]) {
  const r = api.kruskalWallis(groups);
  return {
    statistic: r.statistic,
    df: r.df as number,
    pValue: r.pValue,
    method: r.method,
    conventions: r.conventions,
    warnings: r.warnings,
  };
}

export function dunn(groups: number[][], adjust: 'bonferroni' | 'holm' | 'none') {
  const r = api.dunnTest(groups, { adjust });
  return {
    comparisons: r.comparisons.map((c) => ({
      a: c.a,
      b: c.b,
      statistic: c.statistic,
      pValue: c.pValue,
      pAdjusted: c.pAdjusted,
    })),
    method: r.method,
    conventions: r.conventions,
  };
}

export function anova(groups: number[][], varEqual = true) {
  const r = api.oneWayAnova(groups, { varEqual });
  return {
    statistic: r.statistic as number,
    df: r.df,
    pValue: r.pValue,
    method: r.method,
    conventions: r.conventions,
    warnings: r.warnings,
  };
}

export function tTest(x: number[], y: number[], varEqual = true) {
  const r = api.tTest(x, y, { varEqual });
  return { statistic: r.statistic as number, df: r.df, pValue: r.pValue, method: r.method, warnings: r.warnings };
}

export function shapiro(x: number[]) {
  const r = api.shapiroWilk(x);
  return { statistic: r.statistic as number, pValue: r.pValue };
}

export function mannWhitney(x: number[], y: number[], opts: { exact?: boolean; correct?: boolean }) {
  const r = api.mannWhitneyU(x, y, opts);
  return {
    statistic: r.statistic,
    pValue: r.pValue,
    method: r.method,
    conventions: r.conventions,
    warnings: r.warnings,
  };
}

export function adjustP(p: number[], method: 'bonferroni' | 'holm' | 'none') {
  return api.pAdjust(p, method);
}

export const quantiles = (x: number[], probs: number[], type: 6 | 7): number[] => api.quantile(x, probs, { type });
export const mean = (x: number[]): number => api.mean(x);
export const sd = (x: number[]): number => api.standardDeviation(x);

export interface LogisticFit {
  coefficients: {
    name: string;
    estimate: number;
    se: number;
    z: number;
    pValue: number;
    oddsRatio: number;
    confInt: readonly [number, number];
  }[];
  converged: boolean;
  warnings: readonly string[];
  method: string;
  conventions: Record<string, string | number | boolean>;
  fitted: number[];
}

export function logistic(
  X: number[][],
  y: number[],
  opts: { names: string[]; ci: 'wald' | 'profile'; firth?: boolean },
): LogisticFit {
  const model = api.logisticRegression(X, y, {
    names: opts.names,
    ci: opts.ci,
    firth: opts.firth ?? false,
    confLevel: 0.95,
  });
  const fitted = Array.from(api.predict(model, X) as ArrayLike<number>);
  return {
    coefficients: model.coefficients.map((c) => ({
      name: c.name,
      estimate: c.estimate,
      se: c.se,
      z: c.z,
      pValue: c.pValue,
      oddsRatio: c.oddsRatio,
      confInt: [c.confInt[0], c.confInt[1]] as const,
    })),
    converged: model.converged,
    warnings: model.warnings,
    method: model.method ?? 'logistic regression',
    conventions: { ...(model.conventions ?? {}) },
    fitted,
  };
}

/** Fitted probabilities of a model fitted on (X, y), evaluated on Xnew (for optimism bootstraps). */
export function logisticPredict(
  X: number[][],
  y: number[],
  Xnew: number[][],
): { inSample: number[]; outOfSample: number[]; converged: boolean } {
  const model = api.logisticRegression(X, y, { ci: 'wald' });
  return {
    inSample: Array.from(api.predict(model, X) as ArrayLike<number>),
    outOfSample: Array.from(api.predict(model, Xnew) as ArrayLike<number>),
    converged: model.converged,
  };
}

export function roc(labels: number[], scores: number[], direction: Direction) {
  const r = api.rocCurve(labels, scores, { direction });
  return r;
}
export type Roc = ReturnType<typeof roc>;

/** `countsAbove`: cases + controls above which bootstrap replicates are drawn as counts (the preset's exactUpTo). */
export function aucCi(curve: Roc, method: 'delong' | 'bootstrap', nBoot: number, seed: number, countsAbove?: number) {
  const boot = { method, nBoot, seed, ...(countsAbove === undefined ? {} : { countsAbove }) };
  const r = api.aucConfidenceInterval(curve, method === 'bootstrap' ? boot : { method });
  return {
    se: r.se,
    confInt: [r.confInt[0], r.confInt[1]] as [number, number],
    method: r.method,
    ...(r.replicateDraw === undefined ? {} : { replicateDraw: r.replicateDraw }),
    conventions: r.conventions,
    warnings: r.warnings,
  };
}

export function youdenBest(curve: Roc) {
  const r = api.youden(curve);
  return {
    youden: r.youden,
    best: r.best.map((b) => ({
      threshold: b.threshold,
      sensitivity: b.sensitivity,
      specificity: b.specificity,
      tp: b.tp,
      fp: b.fp,
      tn: b.tn,
      fn: b.fn,
    })),
  };
}

export function delong(labels: number[], a: number[], b: number[], direction: Direction) {
  const r = api.delongTest(labels, a, b, { direction });
  return {
    statistic: r.statistic as number,
    pValue: r.pValue,
    aucA: r.aucA,
    aucB: r.aucB,
    method: r.method,
    conventions: r.conventions,
  };
}

export function kappa(
  r1: (string | number)[],
  r2: (string | number)[],
  weights: 'none' | 'linear' | 'quadratic',
  levels?: string[],
) {
  const r = api.cohenKappa(r1, r2, levels ? { weights, levels } : { weights });
  return {
    kappa: r.kappa,
    se: r.se,
    confInt: [r.confInt[0], r.confInt[1]] as [number, number],
    /** z = κ / SE under κ = 0 (Fleiss, Cohen & Everitt 1969) and its two-sided p */
    statistic: r.statistic as number, // cohenKappa always sets z (NaN when undefined)
    pValue: r.pValue,
    method: r.method,
    warnings: r.warnings,
  };
}

/** The ICC of ratings given rater by rater (`columns[j][i]`: rater j, subject i); see `iccFromColumns`. */
export function iccOf(
  columns: readonly Float64Array[],
  form: {
    model: 'oneway' | 'twoway-random' | 'twoway-mixed';
    type: 'consistency' | 'agreement';
    unit: 'single' | 'average';
  },
) {
  const r = api.iccFromColumns(columns, form);
  return {
    value: r.value,
    confInt: [r.confInt[0], r.confInt[1]] as [number, number],
    /** F test of ICC = 0 (McGraw & Wong 1996; psych::ICC's F, df1, df2, p) */
    fValue: r.fValue,
    df1: r.df1,
    df2: r.df2,
    pValue: r.pValue,
    method: r.method,
  };
}

export const createRng = shared.createRng;

/**
 * Likelihood-ratio test of dropping the columns `drop` from a logistic model of y on X (both fitted by ML on
 * the same rows): R's `anova(reduced, full, test = "Chisq")`. One test per term, whatever its number of columns.
 */
export function logisticTermLrTest(X: number[][], y: number[], names: string[], drop: readonly number[]) {
  const keep = names.map((_, j) => j).filter((j) => !drop.includes(j));
  const full = api.logisticRegression(X, y, { names, ci: 'wald' });
  const reducedX = keep.length ? X.map((row) => keep.map((j) => row[j])) : [];
  const reduced = api.logisticRegression(
    reducedX,
    y,
    keep.length ? { names: keep.map((j) => names[j]), ci: 'wald' } : { ci: 'wald' },
  );
  const r = api.likelihoodRatioTest(full, reduced);
  return { statistic: r.statistic as number, df: r.df as number, pValue: r.pValue, warnings: r.warnings };
}

export function delongUnpaired(
  labelsA: number[],
  scoresA: number[],
  labelsB: number[],
  scoresB: number[],
  direction: Direction,
) {
  const r = api.delongTestUnpaired(labelsA, scoresA, labelsB, scoresB, { direction });
  return { statistic: r.statistic as number, pValue: r.pValue, aucA: r.aucA, aucB: r.aucB, method: r.method };
}
