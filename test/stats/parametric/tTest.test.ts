import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alternative } from '../../../src/stats/_shared/result.ts';
import { tTest } from '../../../src/stats/parametric/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Sample {
  id: number;
  x: number[];
  y?: number[] | null;
}
interface Case {
  name: string;
  sample: number;
  hasY: boolean;
  paired: boolean;
  varEqual: boolean;
  mu: number;
  alternative: Alternative;
  confLevel: number;
  statistic: number;
  df: number;
  pValue: number;
  estimate: number;
  confInt: number[];
  se: number;
}
const { samples, tests } = readFixture<{ cases: { samples: Sample[]; tests: Case[] }[] }>(
  'test/fixtures/r/parametric/tTest.json',
).cases[0];
const fromJson = (v: number): number => v; // ±Inf arrive as ±1e999 → ±Infinity from JSON.parse

describe('tTest against R t.test', () => {
  it('has hundreds of cases', () => expect(tests.length).toBeGreaterThan(300));
  for (const c of tests) {
    it(c.name, () => {
      const s = samples[c.sample];
      const opts = {
        paired: c.paired,
        varEqual: c.varEqual,
        mu: c.mu,
        alternative: c.alternative,
        confLevel: c.confLevel,
      };
      const r = c.hasY ? tTest(s.x, s.y!, opts) : tTest(s.x, undefined, opts);
      // closed forms; the t quantile (stdlib) is iterative-free but the CI inherits its accuracy: rtol 1e-9
      expectClose(r.statistic, c.statistic, { rtol: 1e-9 }, `${c.name} t`);
      expectClose(r.df, c.df, { rtol: 1e-9 }, `${c.name} df`);
      expectClose(r.pValue, c.pValue, { rtol: 1e-9, atol: 1e-300 }, `${c.name} p`);
      expectClose(
        r.estimate,
        c.estimate,
        { rtol: 1e-9, atol: 1e-12 * Math.abs(r.meanX ?? r.estimate) },
        `${c.name} estimate`,
      );
      expectClose(r.se, c.se, { rtol: 1e-9 }, `${c.name} se`);
      for (let i = 0; i < 2; i++) {
        expectClose(r.confInt[i], fromJson(c.confInt[i]), { rtol: 1e-9, atol: 1e-9 * r.se }, `${c.name} confInt[${i}]`);
      }
    });
  }
});

describe('tTest conventions, degenerate input and errors', () => {
  it('hand-derived one-sample: x = [1, 2, 3, 4], mu = 1', () => {
    // mean 2.5, s² = 5/3, se = sqrt(5/12), t = 1.5/se
    const r = tTest([1, 2, 3, 4], undefined, { mu: 1 });
    expectClose(r.statistic, 1.5 / Math.sqrt(5 / 12), { rtol: 1e-14 });
    expect(r.df).toBe(3);
  });
  it('Welch is the default (as R); Student with varEqual (SPSS "equal variances assumed")', () => {
    const x = [1, 2, 3, 4, 10];
    const y = [2, 2.5, 3];
    expect(tTest(x, y).method).toBe('Welch Two Sample t-test');
    const student = tTest(x, y, { varEqual: true });
    expect(student.df).toBe(6);
    expect(student.method).toBe('Two Sample t-test');
  });
  it('paired equals one-sample on differences', () => {
    const x = [5.1, 4.9, 6.2, 5.8, 6.0];
    const y = [4.8, 5.0, 5.9, 5.1, 5.7];
    const a = tTest(x, y, { paired: true });
    const b = tTest(x.map((v, i) => v - y[i]));
    expectClose(a.statistic, b.statistic, { rtol: 1e-14 });
    expectClose(a.pValue, b.pValue, { rtol: 1e-14 });
  });
  it('constant data: warning and limiting values instead of an error (R stops)', () => {
    const same = tTest([3, 3, 3], undefined, { mu: 3 });
    expect(same.pValue).toBe(1);
    expect(same.statistic).toBe(0);
    expect(same.warnings).toHaveLength(1);
    const diff = tTest([3, 3, 3], [1, 1], { varEqual: true });
    expect(diff.statistic).toBe(Infinity);
    expect(diff.pValue).toBe(0);
    expect(diff.warnings).toHaveLength(1);
  });
  it('throws InputError for invalid input', () => {
    expect(() => tTest([1])).toThrow(/x must be an array of at least 2/);
    expect(() => tTest([1, 2], [3])).toThrow(/y must be an array of at least 2/);
    expect(() => tTest([1], [3], { varEqual: true })).toThrow(/at least 3 observations/);
    expect(() => tTest([1, 2], undefined, { paired: true })).toThrow(/y must be a second sample/);
    expect(() => tTest([1, 2], [1, 2, 3], { paired: true })).toThrow(/same length/);
    expect(() => tTest([1, NaN])).toThrow(/x\[1\]/);
    expect(() => tTest([1, 2], undefined, { mu: NaN })).toThrow(/mu must be a finite number/);
    expect(() => tTest([1, 2], undefined, { confLevel: 1 })).toThrow(/confLevel/);
    expect(() => tTest([1, 2], undefined, { alternative: 'two.sided' as Alternative })).toThrow(/alternative/);
    expect(() => tTest([1, 2], [3, 4], { paired: 'yes' as unknown as boolean })).toThrow(/paired must be a boolean/);
    expect(() => tTest([1, 2], [3, 4], { varEqual: 1 as unknown as boolean })).toThrow(/varEqual must be a boolean/);
  });
});

describe('tTest properties', () => {
  const arb = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 });
  it('p in [0, 1]; swapping x and y flips t and keeps the two-sided p; CI contains the estimate', () => {
    fc.assert(
      fc.property(arb, arb, fc.boolean(), (x, y, varEqual) => {
        const a = tTest(x, y, { varEqual });
        const b = tTest(y, x, { varEqual });
        expect(a.pValue).toBeGreaterThanOrEqual(0);
        expect(a.pValue).toBeLessThanOrEqual(1);
        if (a.warnings.length === 0) {
          expectClose(b.statistic, -a.statistic, { rtol: 1e-9, atol: 1e-12 });
          expectClose(b.pValue, a.pValue, { rtol: 1e-9, atol: 1e-15 });
          expect(a.confInt[0]).toBeLessThanOrEqual(a.estimate);
          expect(a.confInt[1]).toBeGreaterThanOrEqual(a.estimate);
        }
      }),
    );
  });
});
