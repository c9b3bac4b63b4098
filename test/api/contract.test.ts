/**
 * The public API named in the Foundation issue is a contract other code calls: every export exists
 * under its name and its result carries the contract's fields. Values are checked elsewhere against R;
 * here a few hand-derivable numbers pin that the fields mean what their names say.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';

function hasFields(value: object, fields: string[]): void {
  for (const f of fields) expect(value, `field ${f}`).toHaveProperty(f);
  expect(Object.isFrozen(value), 'result is frozen').toBe(true);
}

describe('public API contract (src/index.ts)', () => {
  it('exports every contract function', () => {
    const names = [
      'chiSquareTest',
      'fisherExactTest',
      'mannWhitneyU',
      'kruskalWallis',
      'dunnTest',
      'pAdjust',
      'quantile',
      'skewness',
      'kurtosis',
      'oneWayAnova',
      'tTest',
      'shapiroWilk',
      'logisticRegression',
      'likelihoodRatioTest',
      'predict',
      'rocCurve',
      'youden',
      'aucConfidenceInterval',
      'delongTest',
      'delongTestUnpaired',
      'cohenKappa',
      'icc',
      'InputError',
    ];
    for (const n of names) expect(typeof (api as Record<string, unknown>)[n], n).toBe('function');
  });

  it('chiSquareTest → statistic, df, pValue, expected; Pearson by default', () => {
    const r = api.chiSquareTest([
      [10, 20],
      [30, 25],
    ]);
    hasFields(r, ['statistic', 'df', 'pValue', 'expected', 'warnings']);
    // hand-derived: expected[0][0] = 30 * 40 / 85
    expect(r.expected[0][0]).toBeCloseTo((30 * 40) / 85, 12);
    expect(r.df).toBe(1);
    expect(
      api.chiSquareTest(
        [
          [10, 20],
          [30, 25],
        ],
        { correct: true },
      ).statistic,
    ).toBeLessThan(r.statistic);
  });

  it('fisherExactTest → pValue, and for 2×2 estimate and confInt', () => {
    const r = api.fisherExactTest([
      [3, 1],
      [1, 3],
    ]);
    hasFields(r, ['pValue', 'estimate', 'confInt']);
    // hand-derived: two-sided p = (1 + 16 + 1) / 70 + ... tables with P <= P(obs) = 16/70: {0,1,3,4} → (1+16+16+1)/70
    expect(r.pValue).toBeCloseTo(34 / 70, 12);
    hasFields(
      api.fisherExactTest([
        [1, 0, 0],
        [30, 43, 30],
        [14, 12, 8],
        [1, 0, 2],
      ]),
      ['pValue'],
    );
  });

  it("mannWhitneyU statistic is R's W", () => {
    const r = api.mannWhitneyU([1, 2, 3], [4, 5, 6]);
    hasFields(r, ['statistic', 'pValue']);
    expect(r.statistic).toBe(0); // rank sum of x = 6 minus 3·4/2
    expect(r.pValue).toBeCloseTo(0.1, 12); // exact: 2 / C(6,3)
  });

  it('kruskalWallis and dunnTest shapes; Dunn adjusted p capped at 1', () => {
    hasFields(
      api.kruskalWallis([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9.5],
      ]),
      ['statistic', 'df', 'pValue'],
    );
    const d = api.dunnTest(
      [
        [1, 2, 3],
        [4, 5, 6],
        [2, 8, 9],
      ],
      { adjust: 'bonferroni' },
    );
    for (const c of d.comparisons) {
      for (const f of ['a', 'b', 'statistic', 'pValue', 'pAdjusted']) expect(c).toHaveProperty(f);
      expect(c.pAdjusted).toBeLessThanOrEqual(1);
      expect(c.pAdjusted).toBeCloseTo(Math.min(1, 3 * c.pValue), 14);
    }
  });

  it('logisticRegression → coefficients with name, estimate, se, z, pValue, oddsRatio, confInt', () => {
    const X = [[0], [1], [0], [1], [1], [0], [1], [0]];
    const y = [0, 1, 0, 1, 0, 0, 1, 1];
    const m = api.logisticRegression(X, y);
    hasFields(m, ['coefficients', 'logLik', 'deviance', 'nullDeviance', 'aic', 'iterations', 'converged', 'warnings']);
    for (const f of ['name', 'estimate', 'se', 'z', 'pValue', 'oddsRatio', 'confInt'])
      expect(m.coefficients[1]).toHaveProperty(f);
    // one binary predictor: OR = cross-product ratio (3·3)/(1·1)
    expect(m.coefficients[1].oddsRatio).toBeCloseTo(9, 8);
    expect(api.predict(m, X)).toHaveLength(8);
  });

  it('rocCurve, youden, aucConfidenceInterval, delongTest shapes', () => {
    const labels = [0, 0, 0, 1, 1, 1];
    const roc = api.rocCurve(labels, [0.1, 0.6, 0.35, 0.8, 0.5, 0.9], { direction: '<' });
    hasFields(roc, ['auc', 'direction', 'points']);
    expect(roc.auc).toBeCloseTo(8 / 9, 14); // 8 of 9 case-control pairs ordered
    for (const f of ['threshold', 'sensitivity', 'specificity']) expect(roc.points[0]).toHaveProperty(f);
    const y = api.youden(roc);
    expect(y.best.length).toBeGreaterThan(0);
    hasFields(api.aucConfidenceInterval(roc, { method: 'delong' }), ['se', 'confInt']);
    hasFields(api.aucConfidenceInterval(roc, { method: 'bootstrap', nBoot: 200, seed: 1 }), ['se', 'confInt']);
    hasFields(api.delongTest(labels, [0.1, 0.6, 0.35, 0.8, 0.5, 0.9], [0.2, 0.1, 0.5, 0.6, 0.7, 0.3]), [
      'statistic',
      'pValue',
      'aucA',
      'aucB',
    ]);
    hasFields(api.delongTestUnpaired(labels, [0.1, 0.6, 0.35, 0.8, 0.5, 0.9], labels, [0.2, 0.1, 0.5, 0.6, 0.7, 0.3]), [
      'statistic',
      'pValue',
      'aucA',
      'aucB',
    ]);
  });

  it('cohenKappa and icc shapes', () => {
    const k = api.cohenKappa([1, 2, 3, 1, 2], [1, 2, 3, 2, 2]);
    hasFields(k, ['kappa', 'se', 'confInt', 'pValue']);
    // hand-derived: po = 0.8, pe = (2·1 + 2·3 + 1·1)/25 = 0.36
    expect(k.kappa).toBeCloseTo((0.8 - 0.36) / (1 - 0.36), 14);
    const i = api.icc(
      [
        [1, 2],
        [2, 3],
        [4, 4],
        [5, 7],
      ],
      { model: 'twoway-random', type: 'agreement', unit: 'single' },
    );
    hasFields(i, ['value', 'fValue', 'df1', 'df2', 'pValue', 'confInt']);
  });

  it('quantile type 6 is SPSS and the default is R type 7', () => {
    expect(api.quantile([1, 2, 3, 4], 0.25, { type: 6 })).toBe(1.25);
    expect(api.quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });
});
