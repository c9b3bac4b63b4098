import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import type { QuantileType } from '../../../src/stats/descriptive/index.ts';
import {
  kurtosis,
  mean,
  median,
  quantile,
  skewness,
  standardDeviation,
  variance,
} from '../../../src/stats/descriptive/index.ts';
import { expectAllClose, expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Case {
  name: string;
  x: number[];
  probs: number[];
  quantile: Record<string, number[]>;
  skewness: Record<string, number | null>;
  kurtosis: Record<string, number | null>;
  mean: number;
  var: number | null;
  sd: number | null;
}
const { cases } = readFixture<{ cases: Case[] }>('test/fixtures/r/descriptive/descriptive.json');

describe('quantile: all nine Hyndman-Fan types against R quantile()', () => {
  for (const c of cases) {
    for (let type = 1; type <= 9; type++) {
      it(`${c.name} type ${type}`, () => {
        const got = quantile(c.x, c.probs, { type: type as QuantileType });
        expectAllClose(got, c.quantile[`type${type}`], { rtol: 1e-12, atol: 1e-15 }, `${c.name} type ${type}`);
      });
    }
  }
  it('type 6 is SPSS HAVERAGE: (n+1)p position', () => {
    // hand-derived: n = 10, p = 0.25 -> position 2.75 -> 4 + 0.75 * (4 - 4) = 4; p = 0.9 -> 9.9 -> 15 + 0.9 * 5
    expect(quantile([2, 4, 4, 5, 7, 9, 10, 12, 15, 20], [0.25, 0.9], { type: 6 })).toEqual([4, 19.5]);
  });
  it('is monotone in p and bounded by min and max (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 9 }),
        (x, p1, p2, type) => {
          const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const [a, b] = quantile(x, [lo, hi], { type: type as QuantileType });
          return a <= b + 1e-9 * Math.abs(b) && a >= Math.min(...x) && b <= Math.max(...x);
        },
      ),
    );
  });
  it('does not modify its input', () => {
    const x = Object.freeze([3, 1, 2]);
    expect(quantile(x, 0.5)).toBe(2);
    expect(x).toEqual([3, 1, 2]);
  });
  it('throws InputError for bad input', () => {
    expect(() => quantile([], 0.5)).toThrow(InputError);
    expect(() => quantile([1, NaN], 0.5)).toThrow(/x\[1\] must be a finite number/);
    expect(() => quantile([1, 2], 1.5)).toThrow(/probs must be a probability/);
    expect(() => quantile([1, 2], [0.5, -0.1])).toThrow(/probs\[1\]/);
    expect(() => quantile([1, 2], 0.5, { type: 10 as QuantileType })).toThrow(/type must be/);
  });
});

describe('moments against R (mean, var, sd, e1071 skewness/kurtosis)', () => {
  for (const c of cases) {
    it(c.name, () => {
      expectClose(mean(c.x), c.mean, { rtol: 1e-13 }, 'mean');
      if (c.var !== null) expectClose(variance(c.x), c.var, { rtol: 1e-12 }, 'var');
      if (c.sd !== null) expectClose(standardDeviation(c.x), c.sd, { rtol: 1e-12 }, 'sd');
      for (const type of [1, 2, 3] as const) {
        const s = c.skewness[`type${type}`];
        const k = c.kurtosis[`type${type}`];
        if (s !== null && s !== undefined)
          expectClose(skewness(c.x, { type }), s, { rtol: 1e-10 }, `skewness type ${type}`);
        if (k !== null && k !== undefined)
          expectClose(kurtosis(c.x, { type }), k, { rtol: 1e-10 }, `kurtosis type ${type}`);
      }
    });
  }
  it('default skewness/kurtosis are SPSS G1/G2 (type 2)', () => {
    const x = [1, 2, 2, 3, 9, 4, 4];
    expect(skewness(x)).toBe(skewness(x, { type: 2 }));
    expect(kurtosis(x)).toBe(kurtosis(x, { type: 2 }));
  });
  it('median of an even sample averages the middle pair', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('throws for too few values for the SPSS estimators', () => {
    expect(() => skewness([1, 2])).toThrow(InputError);
    expect(() => kurtosis([1, 2, 3])).toThrow(InputError);
    expect(() => variance([1])).toThrow(InputError);
  });
});
