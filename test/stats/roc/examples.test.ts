/**
 * The @example values in the TSDoc of src/stats/roc and src/stats/agreement, each checked against R
 * (pROC 1.18.0, psych 2.2.9; values printed with sprintf("%.17g") in R 4.2.2). Shrout & Fleiss (1979)
 * Table 2 ratings for the ICC example.
 */
import { describe, expect, it } from 'vitest';
import { cohenKappa, icc } from '../../../src/stats/agreement/index.ts';
import {
  aucConfidenceInterval,
  delongTest,
  delongTestUnpaired,
  rocCurve,
  youden,
} from '../../../src/stats/roc/index.ts';
import { expectClose } from '../../helpers/expectClose.ts';

const labels = [0, 0, 0, 1, 1, 1, 0, 1];
const scores = [1, 2, 2, 3, 2, 5, 4, 4];

describe('TSDoc examples reproduce R', () => {
  it('rocCurve, youden, aucConfidenceInterval (pROC auc, coords best, sqrt(var))', () => {
    const r = rocCurve(labels, scores, { direction: '<' });
    expect(r.auc).toBe(0.78125); // exact: 12.5 / 16
    expect(youden(r).best[0].threshold).toBe(2.5);
    expectClose(aucConfidenceInterval(r, { method: 'delong' }).se, 0.17492557941402778, { rtol: 1e-12 }, 'se');
  });
  it('delongTest and delongTestUnpaired (pROC roc.test)', () => {
    expectClose(
      delongTest(labels, scores, [2, 1, 3, 4, 5, 6, 2, 3], { direction: '<' }).pValue,
      0.32610945202048908,
      { rtol: 1e-12 },
      'paired p',
    );
    const u = delongTestUnpaired(
      [0, 0, 1, 1, 0, 1, 0, 1],
      [1, 4, 3, 5, 2.5, 2, 3.5, 6],
      [0, 1, 0, 1, 1, 0],
      [2, 3, 1, 2, 4, 3],
      { direction: '<' },
    );
    expectClose(u.pValue, 0.77194646237921793, { rtol: 1e-10 }, 'unpaired p');
  });
  it('cohenKappa and icc (psych)', () => {
    expectClose(
      cohenKappa(['a', 'a', 'b', 'b', 'a'], ['a', 'b', 'b', 'b', 'a']).kappa,
      0.61538461538461542,
      { rtol: 1e-14 },
      'kappa',
    );
    const sf = [
      [9, 2, 5, 8],
      [6, 1, 3, 2],
      [8, 4, 6, 8],
      [7, 1, 2, 6],
      [10, 5, 6, 9],
      [6, 2, 4, 7],
    ];
    expectClose(
      icc(sf, { model: 'twoway-random', type: 'agreement', unit: 'single' }).value,
      0.28976377952755894,
      { rtol: 1e-12 },
      'ICC2',
    );
  });
});
