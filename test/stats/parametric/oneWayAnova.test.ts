import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { oneWayAnova, tTest } from '../../../src/stats/parametric/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Case {
  name: string;
  groups: number[][];
  varEqual: boolean;
  reference: string;
  statistic: number;
  df: number;
  df2: number;
  pValue: number;
}
const { cases } = readFixture<{ cases: Case[] }>('test/fixtures/r/parametric/oneWayAnova.json');

describe('oneWayAnova against R oneway.test / anova(lm())', () => {
  it('has many cases', () => expect(cases.length).toBeGreaterThan(100));
  for (const c of cases) {
    it(`${c.name} (${c.reference})`, () => {
      const r = oneWayAnova(c.groups, { varEqual: c.varEqual });
      expectClose(r.statistic, c.statistic, { rtol: 1e-9 }, `${c.name} F`);
      expectClose(r.df, c.df, { rtol: 1e-12 }, `${c.name} df1`);
      expectClose(r.df2, c.df2, { rtol: 1e-9 }, `${c.name} df2`);
      expectClose(r.pValue, c.pValue, { rtol: 1e-9, atol: 1e-300 }, `${c.name} p`);
    });
  }
});

describe('oneWayAnova conventions, degenerate input and errors', () => {
  it('hand-derived Fisher: [1, 2, 3], [4, 5, 6]', () => {
    // grand mean 3.5; SSB = 3·1.5²·2 = 13.5; SSW = 2 + 2 = 4; F = 13.5 / (4/4) = 13.5 on (1, 4)
    const r = oneWayAnova([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectClose(r.statistic, 13.5, { rtol: 1e-14 });
    expect(r.df).toBe(1);
    expect(r.df2).toBe(4);
    expectClose(r.sumSquaresBetween!, 13.5, { rtol: 1e-14 });
    expectClose(r.sumSquaresWithin!, 4, { rtol: 1e-14 });
  });
  it('Fisher is the default (SPSS); two groups: F = t² of Student, Welch F = Welch t²', () => {
    const x = [1.2, 2.3, 2.9, 4.4, 5.0];
    const y = [3.1, 4.2, 6.3, 7.7];
    expectClose(oneWayAnova([x, y]).statistic, tTest(x, y, { varEqual: true }).statistic ** 2, { rtol: 1e-12 });
    const welch = oneWayAnova([x, y], { varEqual: false });
    const wt = tTest(x, y);
    expectClose(welch.statistic, wt.statistic ** 2, { rtol: 1e-12 });
    expectClose(welch.df2, wt.df, { rtol: 1e-12 });
    expectClose(welch.pValue, wt.pValue, { rtol: 1e-10 });
  });
  it('zero within-group variance: warning, no NaN', () => {
    const r = oneWayAnova([
      [1, 1],
      [2, 2],
    ]);
    expect(r.statistic).toBe(Infinity);
    expect(r.pValue).toBe(0);
    expect(r.warnings).toHaveLength(1);
    const s = oneWayAnova([
      [1, 1],
      [1, 1],
    ]);
    expect(s.pValue).toBe(1);
  });
  it('throws InputError for invalid input', () => {
    expect(() => oneWayAnova([[1, 2]])).toThrow(/groups must be an array of at least 2 groups/);
    expect(() => oneWayAnova([[1], [2]])).toThrow(/more observations than groups/);
    expect(() => oneWayAnova([[1, 2], []])).toThrow(/groups\[1\]/);
    expect(() => oneWayAnova([[1, 2], [3]], { varEqual: false })).toThrow(/groups\[1\] must be an array of at least 2/);
    expect(() =>
      oneWayAnova(
        [
          [1, 2],
          [3, 3],
        ],
        { varEqual: false },
      ),
    ).toThrow(/non-zero variance/);
    expect(() =>
      oneWayAnova([
        [1, 2],
        [3, Infinity],
      ]),
    ).toThrow(/groups\[1\]\[1\]/);
    expect(() =>
      oneWayAnova(
        [
          [1, 2],
          [3, 4],
        ],
        { varEqual: 'no' as unknown as boolean },
      ),
    ).toThrow(InputError);
  });
});

describe('oneWayAnova properties', () => {
  const arb = fc.array(
    fc.array(
      fc.integer({ min: -200, max: 200 }).map((v) => v / 4),
      { minLength: 2, maxLength: 12 },
    ),
    { minLength: 2, maxLength: 5 },
  );
  it('p in [0, 1] and invariant to group order and within-group order', () => {
    fc.assert(
      fc.property(arb, fc.boolean(), (g, varEqual) => {
        fc.pre(g.every((x) => new Set(x).size > 1));
        const a = oneWayAnova(g, { varEqual });
        const b = oneWayAnova(
          [...g].reverse().map((x) => [...x].reverse()),
          { varEqual },
        );
        expect(a.pValue).toBeGreaterThanOrEqual(0);
        expect(a.pValue).toBeLessThanOrEqual(1);
        expectClose(b.statistic, a.statistic, { rtol: 1e-8, atol: 1e-12 });
      }),
    );
  });
});
