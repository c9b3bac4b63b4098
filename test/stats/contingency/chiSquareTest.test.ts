import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { chiSquareTest } from '../../../src/stats/contingency/index.ts';
import { expectAllClose, expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Case {
  name: string;
  table: number[][];
  correct: boolean;
  args: string;
  statistic: number;
  df: number;
  p_value: number;
  expected: number[][];
  residuals: number[][];
  stdres: number[][];
  kept_rows: number[];
  kept_cols: number[];
  g2: number;
  g2_p: number;
  cells_below5: number;
  min_expected: number;
}
const { cases } = readFixture<{ cases: Case[] }>('test/fixtures/r/contingency/chisq.json');

describe('chiSquareTest against R chisq.test', () => {
  it('has hundreds of fixture cases', () => expect(cases.length).toBeGreaterThan(300));
  for (const c of cases) {
    it(`${c.name} correct=${c.correct}`, () => {
      const res = chiSquareTest(c.table, { correct: c.correct });
      const ctx = `${c.name}: ${c.args} on ${JSON.stringify(c.table)}`;
      // closed forms: rtol 1e-9 (p from the regularised incomplete gamma, statistic is a finite sum)
      expectClose(res.statistic, c.statistic, { rtol: 1e-9, atol: 1e-12 }, `${ctx} statistic`);
      expect(res.df).toBe(c.df); // integer
      expectClose(res.pValue, c.p_value, { rtol: 1e-9, atol: 1e-300 }, `${ctx} p`);
      expect(res.keptRows).toEqual(c.kept_rows);
      expect(res.keptColumns).toEqual(c.kept_cols);
      c.expected.forEach((row, i) => expectAllClose(res.expected[i], row, { rtol: 1e-12 }, `${ctx} expected[${i}]`));
      c.residuals.forEach((row, i) =>
        expectAllClose(res.residuals[i], row, { rtol: 1e-9, atol: 1e-12 }, `${ctx} residuals[${i}]`),
      );
      c.stdres.forEach((row, i) =>
        expectAllClose(res.stdResiduals[i], row, { rtol: 1e-9, atol: 1e-12 }, `${ctx} stdres[${i}]`),
      );
      expectClose(res.likelihoodRatio.statistic, c.g2, { rtol: 1e-9, atol: 1e-12 }, `${ctx} G2`);
      expectClose(res.likelihoodRatio.pValue, c.g2_p, { rtol: 1e-9, atol: 1e-300 }, `${ctx} G2 p`);
      expect(res.cellsExpectedBelow5).toBe(c.cells_below5);
      expectClose(res.minExpected, c.min_expected, { rtol: 1e-12 }, `${ctx} min expected`);
      expect(res.warnings.some((w) => w.startsWith('expected count < 5'))).toBe(c.cells_below5 > 0);
      expect(Object.isFrozen(res) && Object.isFrozen(res.expected[0])).toBe(true);
    });
  }
});

describe('chiSquareTest by hand and conventions', () => {
  it('hand-derived 2×2 [[10, 20], [30, 40]]', () => {
    // n = 100, E = [[12, 18], [28, 42]], |O − E| = 2 everywhere
    // X² = 4·(1/12 + 1/18 + 1/28 + 1/42) = 0.79365079…; Yates: 1.5² · (…) = 0.44642857…
    const sumInv = 1 / 12 + 1 / 18 + 1 / 28 + 1 / 42;
    expectClose(
      chiSquareTest([
        [10, 20],
        [30, 40],
      ]).statistic,
      4 * sumInv,
      { rtol: 1e-14 },
    );
    const yates = chiSquareTest(
      [
        [10, 20],
        [30, 40],
      ],
      { correct: true },
    );
    expectClose(yates.statistic, 2.25 * sumInv, { rtol: 1e-14 });
    expect(yates.method).toBe("Pearson's Chi-squared test with Yates' continuity correction");
    expect(yates.conventions.continuityCorrection).toBe(true);
    expect(yates.conventions.yatesCorrection).toBe(0.5);
  });
  it('default is Pearson without correction (SPSS)', () => {
    const res = chiSquareTest([
      [10, 20],
      [30, 40],
    ]);
    expect(res.conventions.continuityCorrection).toBe(false);
    expect(res.method).toBe("Pearson's Chi-squared test");
  });
  it('correct: true on a 3×3 table is a no-op that says so', () => {
    const t = [
      [46, 55, 40],
      [7, 14, 13],
      [7, 22, 28],
    ];
    const a = chiSquareTest(t, { correct: true });
    expect(a.statistic).toBe(chiSquareTest(t).statistic);
    expect(a.conventions.continuityCorrection).toBe(false);
    expect(a.conventions.continuityCorrectionRequested).toBe(true);
    expect(String(a.conventions.continuityCorrectionNote)).toMatch(/2×2 tables only/);
  });
  it('warns with the number and percent of small expected counts and the minimum expected count (SPSS footnote)', () => {
    // E = [[1.5, 1.5], [3.5, 3.5]] → 4 of 4 cells < 5, min 1.5
    const res = chiSquareTest([
      [2, 1],
      [3, 4],
    ]);
    expect(res.warnings).toContain(
      'expected count < 5 in 4 of 4 cells (100.0%); minimum expected count 1.50; Chi-squared approximation may be incorrect',
    );
    expect(res.percentExpectedBelow5).toBe(100);
  });
  it('drops empty rows and columns with a warning, never NaN', () => {
    const res = chiSquareTest([
      [5, 0, 3],
      [0, 0, 0],
      [1, 0, 4],
    ]);
    expect(res.keptRows).toEqual([0, 2]);
    expect(res.keptColumns).toEqual([0, 2]);
    expect(res.df).toBe(1);
    expect(Number.isFinite(res.pValue)).toBe(true);
    expect(res.warnings[0]).toMatch(/empty row 2 and column 2 \(all counts 0\) dropped/);
    expect(res.statistic).toBe(
      chiSquareTest([
        [5, 3],
        [1, 4],
      ]).statistic,
    );
  });
  it('a table with one non-empty row gives statistic 0, df 0, p 1 and a warning', () => {
    const res = chiSquareTest([
      [5, 3],
      [0, 0],
    ]);
    expect([res.statistic, res.df, res.pValue]).toEqual([0, 0, 1]);
    expect(res.warnings.join(' ')).toMatch(/fewer than two non-empty rows/);
  });
  it('p in [0, 1] and invariant to row/column permutation and transposition (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 25, maxLength: 25 }),
        fc.boolean(),
        (r, c, cells, correct) => {
          const t = Array.from({ length: r }, (_, i) => cells.slice(i * c, i * c + c));
          if (t.flat().every((v) => v === 0)) return true;
          const a = chiSquareTest(t, { correct });
          const reversed = chiSquareTest(
            t
              .slice()
              .reverse()
              .map((row) => row.slice().reverse()),
            { correct },
          );
          const transposed = chiSquareTest(
            t[0].map((_, j) => t.map((row) => row[j])),
            { correct },
          );
          const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
          return (
            a.pValue >= 0 &&
            a.pValue <= 1 &&
            close(a.statistic, reversed.statistic) &&
            close(a.statistic, transposed.statistic) &&
            close(a.pValue, transposed.pValue) &&
            a.likelihoodRatio.statistic >= 0
          );
        },
      ),
    );
  });
  it('does not modify its input', () => {
    const t = Object.freeze([Object.freeze([3, 4]), Object.freeze([5, 6])]);
    chiSquareTest(t);
    expect(t).toEqual([
      [3, 4],
      [5, 6],
    ]);
  });
  it('throws InputError for invalid tables', () => {
    expect(() => chiSquareTest([[1, 2]])).toThrow(InputError);
    expect(() => chiSquareTest([[1], [2]])).toThrow(/table\[0\] must be a row with at least 2 columns/);
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow(/rectangular/);
    expect(() =>
      chiSquareTest([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(/table\[0\]\[1\] must be a non-negative integer count/);
    expect(() =>
      chiSquareTest([
        [1, 2.5],
        [3, 4],
      ]),
    ).toThrow(InputError);
    expect(() =>
      chiSquareTest([
        [1, NaN],
        [3, 4],
      ]),
    ).toThrow(InputError);
    expect(() =>
      chiSquareTest([
        [0, 0],
        [0, 0],
      ]),
    ).toThrow(/at least one positive count/);
    expect(() => chiSquareTest('x' as unknown as number[][])).toThrow(InputError);
  });
});
