import { describe, expect, it } from 'vitest';
import { pOfStatistic, tFromR } from '../../../src/audit/text/pValue.ts';
import type { ProseTestKind } from '../../../src/audit/text/types.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface PCase {
  test: ProseTestKind;
  x: number;
  df1: number | null;
  df2: number | null;
  p: number;
  pOneTailed: number | null;
}
const fixture = readFixture<{ cases: PCase[]; corTests: { r: number; df: number; t: number; p: number }[] }>(
  'test/fixtures/r/prose/pvalues.json',
);

describe('p of a printed statistic vs R (pt, pf, pchisq, pnorm upper tails; cor.test)', () => {
  it(`${fixture.cases.length} cases at rtol 1e-9 (closed forms over survival functions)`, () => {
    for (const c of fixture.cases) {
      const df1 = c.df1 ?? undefined;
      const df2 = c.df2 ?? undefined;
      const context = `${c.test}(${df1}, ${df2}) = ${c.x}`;
      expectClose(pOfStatistic(c.test, c.x, df1, df2), c.p, { rtol: 1e-9, atol: 1e-300 }, context);
      if (c.pOneTailed !== null)
        expectClose(
          pOfStatistic(c.test, c.x, df1, df2, true),
          c.pOneTailed,
          { rtol: 1e-9, atol: 1e-300 },
          `${context} one-tailed`,
        );
    }
  });
  it('r → t → p as cor.test reports them', () => {
    for (const c of fixture.corTests) {
      expectClose(tFromR(c.r, c.df), c.t, { rtol: 1e-9 }, `r = ${c.r}, df = ${c.df}`);
      expectClose(pOfStatistic('r', c.r, c.df), c.p, { rtol: 1e-9 }, `r = ${c.r}, df = ${c.df}`);
    }
  });
  it('|r| = 1 and an infinite statistic give p = 0, not NaN', () => {
    expect(tFromR(1, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(pOfStatistic('r', -1, 5)).toBe(0);
    expect(pOfStatistic('chisq', Number.POSITIVE_INFINITY, 2)).toBe(0);
  });
});
