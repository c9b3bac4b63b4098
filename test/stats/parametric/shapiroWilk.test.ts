import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { shapiroWilk } from '../../../src/stats/parametric/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Case {
  name: string;
  x: number[];
  statistic: number;
  pValue: number;
}
const { cases } = readFixture<{ cases: Case[] }>('test/fixtures/r/parametric/shapiroWilk.json');

describe('shapiroWilk against R shapiro.test', () => {
  it('has many cases', () => expect(cases.length).toBeGreaterThan(100));
  for (const c of cases) {
    it(c.name, () => {
      const r = shapiroWilk(c.x);
      expectClose(r.statistic, c.statistic, { rtol: 1e-9 }, `${c.name} W`);
      // p is a closed form of W; at n = 3 R clamps p at 0 for W = 0.75 exactly, and one ulp of W moves p
      // by ~1e-16 there, hence atol 1e-15 for n = 3 only
      expectClose(r.pValue, c.pValue, { rtol: 1e-9, atol: c.x.length === 3 ? 1e-15 : 1e-300 }, `${c.name} p`);
    });
  }
});

describe('shapiroWilk conventions and errors', () => {
  it('hand-derived n = 3: equally spaced gives W = 1, p = 1; two tied gives W = 0.75, p = 0', () => {
    const r = shapiroWilk([1, 2, 3]);
    expectClose(r.statistic, 1, { rtol: 1e-14 });
    expectClose(r.pValue, 1, { rtol: 1e-12 });
    const t = shapiroWilk([1, 1, 2]);
    expectClose(t.statistic, 0.75, { rtol: 1e-14 });
    expect(t.pValue).toBeLessThan(1e-7);
  });
  it('throws InputError for invalid input', () => {
    expect(() => shapiroWilk([1, 2])).toThrow(/x must be an array of at least 3/);
    expect(() => shapiroWilk(Array.from({ length: 5001 }, (_, i) => i))).toThrow(/at most 5000/);
    expect(() => shapiroWilk([2, 2, 2, 2])).toThrow(/not all identical/);
    expect(() => shapiroWilk([1, 2, NaN])).toThrow(/x\[2\]/);
    expect(() => shapiroWilk(shapiroWilk as unknown as number[])).toThrow(InputError);
  });
});

describe('shapiroWilk properties', () => {
  it('W in (0, 1], p in [0, 1], invariant to order, location and scale', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 60 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (x, scale) => {
          fc.pre(new Set(x).size > 1);
          const a = shapiroWilk(x);
          const b = shapiroWilk([...x].reverse().map((v) => v * scale + 7));
          expect(a.statistic).toBeGreaterThan(0);
          expect(a.statistic).toBeLessThanOrEqual(1 + 1e-12);
          expect(a.pValue).toBeGreaterThanOrEqual(0);
          expect(a.pValue).toBeLessThanOrEqual(1);
          expectClose(b.statistic, a.statistic, { rtol: 1e-10 });
        },
      ),
    );
  });
});
