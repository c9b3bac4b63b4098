import { describe, it } from 'vitest';
import * as d from '../../../src/stats/distributions/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Case {
  dist: string;
  fn: string;
  args: number[];
  value: number;
}
const fixture = readFixture<{ cases: Case[] }>('test/fixtures/r/distributions/distributions.json');

const impl: Record<string, (...a: number[]) => number> = {
  'normal.cdf': d.normalCdf,
  'normal.sf': d.normalSf,
  'normal.quantile': d.normalQuantile,
  'normal.quantileUpper': d.normalQuantileUpper,
  'chisq.cdf': d.chisqCdf,
  'chisq.sf': d.chisqSf,
  'chisq.quantile': d.chisqQuantile,
  't.cdf': d.tCdf,
  't.sf': d.tSf,
  't.quantile': d.tQuantile,
  'f.cdf': d.fCdf,
  'f.sf': d.fSf,
  'f.quantile': d.fQuantile,
};

describe('distributions against R (pnorm, pchisq, pt, pf and quantiles)', () => {
  it.each(fixture.cases.map((c) => [`${c.dist}.${c.fn}(${c.args.join(', ')})`, c] as const))('%s', (_name, c) => {
    const f = impl[`${c.dist}.${c.fn}`];
    // 1e-9 relative for closed forms; values R flushes to 0 below 1e-308 must come out below that too.
    if (c.value === 0) expectClose(f(...c.args), 0, { atol: 1e-300 }, _name);
    else expectClose(f(...c.args), c.value, { rtol: 1e-9 }, _name);
  });

  it('keeps tiny upper tails instead of returning 0 (1 - cdf would)', () => {
    expectClose(d.chisqSf(700, 2), Math.exp(-350), { rtol: 1e-12 }, 'chisq sf 700');
    expectClose(2 * d.normalSf(8), 1.244192114854357e-15, { rtol: 1e-9 }, '2 sf(8)');
  });

  it('pValueFromTails: two-sided is twice the smaller tail, capped at 1', () => {
    const dist = { cdf: d.normalCdf, sf: d.normalSf };
    expectClose(d.pValueFromTails(1.959963984540054, dist, 'two-sided'), 0.05, { rtol: 1e-12 });
    expectClose(d.pValueFromTails(0, dist, 'two-sided'), 1, { rtol: 0 });
    expectClose(d.pValueFromTails(-2, dist, 'greater'), d.normalSf(-2), { rtol: 0 });
    expectClose(d.pValueFromTails(-2, dist, 'less'), d.normalCdf(-2), { rtol: 0 });
  });
});
