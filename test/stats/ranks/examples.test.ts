/**
 * The @example values in the TSDoc of src/stats/ranks, each checked against the
 * R output printed in R's own help-page examples (R 4.2.2; datasets cited in the TSDoc).
 */
import { describe, it } from 'vitest';
import { dunnTest, kruskalWallis, mannWhitneyU } from '../../../src/stats/ranks/index.ts';
import { expectClose } from '../../helpers/expectClose.ts';

// Hollander & Wolfe (1973) p. 69: permeability constants (R ?wilcox.test)
const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const y = [1.15, 0.88, 0.9, 0.74, 1.21];
// Hollander & Wolfe (1973) p. 116: mucociliary efficiency (R ?kruskal.test)
const normal = [2.9, 3.0, 2.5, 2.6, 3.2];
const obstructive = [3.8, 2.7, 4.0, 2.4];
const asbestosis = [2.8, 3.4, 3.7, 2.2, 2.0];

describe('TSDoc examples reproduce R help-page output', () => {
  it('mannWhitneyU', () => {
    const r = mannWhitneyU(x, y, { alternative: 'greater' });
    expectClose(r.statistic, 35, { rtol: 0 });
    expectClose(r.pValue, 0.1272061272061272, { rtol: 1e-12 });
    const ci = mannWhitneyU(x, y, { confInt: true });
    expectClose(ci.estimate!, 0.305, { rtol: 1e-12 });
    expectClose(ci.confInt![0], -0.15, { rtol: 1e-12 });
    expectClose(ci.confInt![1], 0.76, { rtol: 1e-12 });
  });
  it('kruskalWallis and dunnTest', () => {
    const r = kruskalWallis([normal, obstructive, asbestosis]);
    expectClose(r.statistic, 0.77142857142857224, { rtol: 1e-12 });
    expectClose(r.pValue, 0.67996477357889362, { rtol: 1e-12 });
    const d = dunnTest([normal, obstructive, asbestosis], { names: ['normal', 'obstructive', 'asbestosis'] });
    // ranks: normal 4, 5, 8, 9, 10 (mean 7.2); obstructive 3, 6, 13, 14 (mean 9); N = 14, no ties:
    // z(0,1) = (7.2 − 9) / sqrt(N(N+1)/12 · (1/5 + 1/4)) = −1.8 / sqrt(17.5 · 0.45)
    expectClose(d.comparisons[0].statistic, -1.8 / Math.sqrt(17.5 * 0.45), { rtol: 1e-12 });
    expectClose(d.meanRanks[0], 7.2, { rtol: 1e-14 });
  });
});
