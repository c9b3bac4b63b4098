import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import type { Alternative } from '../../../src/stats/_shared/result.ts';
import { fisherExactTest } from '../../../src/stats/contingency/index.ts';
import { expectAllClose, expectClose, readFixture } from '../../helpers/expectClose.ts';
import { bruteForceP } from './bruteForceP.ts';

interface Case22 {
  name: string;
  table: number[][];
  alternative: string;
  conf_level: number;
  args: string;
  p_value: number;
  estimate: number;
  conf_int: number[];
}
interface CaseRC {
  name: string;
  table: number[][];
  args: string;
  p_value: number;
  r_seconds: number;
}
const f22 = readFixture<{ cases: Case22[] }>('test/fixtures/r/contingency/fisher2x2.json').cases;
const frc = readFixture<{ cases: CaseRC[] }>('test/fixtures/r/contingency/fisherRxC.json').cases;
const alt = (a: string): Alternative => (a === 'two.sided' ? 'two-sided' : (a as Alternative));

describe('fisherExactTest 2×2 against R fisher.test', () => {
  it('has hundreds of fixture cases', () => expect(f22.length).toBeGreaterThan(300));
  for (const c of f22) {
    it(`${c.name} ${c.alternative} ${c.conf_level}`, () => {
      const res = fisherExactTest(c.table, { alternative: alt(c.alternative), confLevel: c.conf_level });
      const ctx = `${c.name}: ${c.args} on ${JSON.stringify(c.table)}`;
      // exact sums of hypergeometric probabilities: rtol 1e-9
      expectClose(res.pValue, c.p_value, { rtol: 1e-9, atol: 1e-300 }, `${ctx} p`);
      // MLE and CI are roots found by Brent's method with R's uniroot tolerance (≈1.2e-4 on the
      // search scale); reproducing R's iteration gives R's roots to ~1e-6 relative or better.
      expectClose(res.estimate as number, c.estimate, { rtol: 1e-6 }, `${ctx} estimate`);
      expectAllClose(res.confInt as readonly number[], c.conf_int, { rtol: 1e-6 }, `${ctx} confInt`);
    });
  }
});

describe('fisherExactTest r × c against R fisher.test (FEXACT)', () => {
  it('has a hundred fixture cases', () => expect(frc.length).toBeGreaterThan(100));
  for (const c of frc) {
    it(c.name, () => {
      const res = fisherExactTest(c.table);
      expect(res.conventions.exact, `${c.name} exact`).toBe(true);
      // exact sums of table probabilities: rtol 1e-9
      expectClose(
        res.pValue,
        c.p_value,
        { rtol: 1e-9, atol: 1e-300 },
        `${c.name}: ${c.args} on ${JSON.stringify(c.table)}`,
      );
    });
  }
});

describe('fisherExactTest by hand, invariants, Monte Carlo and limits', () => {
  it('hand-derived 2×2 [[3, 1], [1, 3]]: hypergeometric probabilities 1, 16, 36, 16, 1 over 70', () => {
    const res = fisherExactTest([
      [3, 1],
      [1, 3],
    ]);
    // observed x = 3 has P = 16/70; tables with P ≤ 16/70: x ∈ {0, 1, 3, 4} → 34/70
    expectClose(res.pValue, 34 / 70, { rtol: 1e-14 });
    expectClose(res.observedProbability, 16 / 70, { rtol: 1e-14 });
    expectClose(
      fisherExactTest(
        [
          [3, 1],
          [1, 3],
        ],
        { alternative: 'greater' },
      ).pValue,
      17 / 70,
      { rtol: 1e-14 },
    );
    expectClose(
      fisherExactTest(
        [
          [3, 1],
          [1, 3],
        ],
        { alternative: 'less' },
      ).pValue,
      69 / 70,
      { rtol: 1e-14 },
    );
  });
  it('r × c p equals brute-force enumeration on random small tables, is in [0, 1], ≥ P(observed), and invariant to permutations and transposition (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 16, maxLength: 16 }),
        (r, c, cells) => {
          const t = Array.from({ length: r }, (_, i) => cells.slice(i * c, i * c + c));
          if (t.flat().every((v) => v === 0)) return true;
          const res = fisherExactTest(t);
          const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1e-300, Math.abs(y));
          const brute = bruteForceP(t);
          const perm = fisherExactTest(
            t
              .slice()
              .reverse()
              .map((row) => [...row.slice(1), row[0]]),
          ).pValue;
          const transposed = fisherExactTest(t[0].map((_, j) => t.map((row) => row[j]))).pValue;
          return (
            res.pValue >= 0 &&
            res.pValue <= 1 &&
            res.pValue >= res.observedProbability * (1 - 1e-9) &&
            close(res.pValue, brute) &&
            close(perm, res.pValue) &&
            close(transposed, res.pValue)
          );
        },
      ),
      { numRuns: 150 },
    );
  });
  it("conditionalMle: false gives the sample odds ratio with Woolf's CI (SPSS Risk Estimate), same p", () => {
    const t = [
      [62, 29],
      [28, 32],
    ]; // paper: T2 hyperintensity present/absent, HER2-low vs HER2-zero
    const res = fisherExactTest(t, { conditionalMle: false });
    // R: or <- 62*32/(29*28); exp(log(or) + c(-1, 1) * qnorm(0.975) * sqrt(1/62 + 1/29 + 1/28 + 1/32))
    expectClose(res.estimate as number, 2.4433497536945814, { rtol: 1e-14 });
    expectAllClose(res.confInt as readonly number[], [1.2477110117615884, 4.7847281642971558], { rtol: 1e-12 });
    expect(res.pValue).toBe(fisherExactTest(t).pValue);
    expect(res.estimateName).toMatch(/sample/);
    const zero = fisherExactTest(
      [
        [0, 5],
        [7, 3],
      ],
      { conditionalMle: false },
    );
    expect(zero.estimate).toBe(0);
    expect(zero.warnings.join(' ')).toMatch(/zero cell/);
  });
  it('a 2×2 table with an empty row gives p = 1 with a warning (as R)', () => {
    const res = fisherExactTest([
      [0, 0],
      [7, 4],
    ]);
    expect(res.pValue).toBe(1);
    expect(res.warnings.join(' ')).toMatch(/empty/);
  });
  it('drops empty rows of r × c tables with a warning; p unchanged', () => {
    const res = fisherExactTest([
      [5, 3, 2],
      [0, 0, 0],
      [1, 4, 9],
    ]);
    expect(res.warnings[0]).toMatch(/empty row 2/);
    expectClose(
      res.pValue,
      fisherExactTest([
        [5, 3, 2],
        [1, 4, 9],
      ]).pValue,
      { rtol: 1e-12 },
    );
  });
  it('one non-empty row: p = 1 with a warning', () => {
    const res = fisherExactTest([
      [5, 3, 2],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(res.pValue).toBe(1);
    expect(res.warnings.join(' ')).toMatch(/only one table/);
  });
  it('simulate: seeded Monte Carlo p as R ((1 + #≤)/(B + 1)) with a standard error, reproducible', () => {
    const t = [
      [1, 0, 0],
      [30, 43, 30],
      [14, 12, 8],
      [1, 0, 2],
    ];
    const exact = fisherExactTest(t).pValue;
    const a = fisherExactTest(t, { simulate: { replicates: 4000, seed: 42 } });
    const b = fisherExactTest(t, { simulate: { replicates: 4000, seed: 42 } });
    expect(a.pValue).toBe(b.pValue);
    expect(a.conventions.exact).toBe(false);
    expect(a.se).toBeGreaterThan(0);
    expect(Math.abs(a.pValue - exact)).toBeLessThan(5 * (a.se as number) + 1 / 4001);
    // (1 + count)/(B + 1): an integer multiple of 1/4001
    expect(Math.abs(a.pValue * 4001 - Math.round(a.pValue * 4001))).toBeLessThan(1e-9);
  });
  it('beyond maxWork: a warning with exact bounds and a Monte Carlo p, never a silent answer', () => {
    const t = [
      [4, 2, 2, 1, 1],
      [2, 4, 2, 2, 1],
      [1, 2, 5, 3, 2],
      [1, 2, 3, 4, 3],
      [1, 2, 2, 4, 6],
    ];
    const res = fisherExactTest(t, { maxWork: 50 });
    expect(res.conventions.exact).toBe(false);
    expect(res.warnings.join(' ')).toMatch(/exceeded maxWork = 50/);
    const [lo, hi] = res.pValueBounds as readonly [number, number];
    expect(lo).toBeLessThanOrEqual(hi);
    // R: 0.67022628739266688
    expect(lo).toBeLessThanOrEqual(0.6702262873927);
    expect(hi).toBeGreaterThanOrEqual(0.6702262873926);
  });
  it('throws InputError for invalid input', () => {
    expect(() => fisherExactTest([[1, 2]])).toThrow(InputError);
    expect(() =>
      fisherExactTest([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(/non-negative integer count/);
    expect(() =>
      fisherExactTest([
        [0, 0],
        [0, 0],
      ]),
    ).toThrow(/at least one positive count/);
    expect(() =>
      fisherExactTest([
        [0, 0, 0],
        [0, 0, 0],
      ]),
    ).toThrow(/at least one positive count/);
    expect(() =>
      fisherExactTest(
        [
          [1, 2],
          [3, 4],
        ],
        { alternative: 'up' as Alternative },
      ),
    ).toThrow(/alternative must be one of/);
    expect(() =>
      fisherExactTest(
        [
          [1, 2],
          [3, 4],
        ],
        { confLevel: 1 },
      ),
    ).toThrow(/confLevel must be a number strictly between 0 and 1/);
    expect(() =>
      fisherExactTest(
        [
          [1, 2, 3],
          [3, 4, 5],
        ],
        { alternative: 'less' },
      ),
    ).toThrow(/'two-sided' for an r × c table/);
    expect(() =>
      fisherExactTest(
        [
          [1, 2, 3],
          [3, 4, 5],
        ],
        { maxWork: 0 },
      ),
    ).toThrow(/maxWork must be/);
    expect(() =>
      fisherExactTest(
        [
          [1, 2, 3],
          [3, 4, 5],
        ],
        { simulate: { seed: 0 } },
      ),
    ).toThrow(/simulate.seed/);
    expect(() =>
      fisherExactTest(
        [
          [1, 2, 3],
          [3, 4, 5],
        ],
        { simulate: { seed: 1, replicates: 0 } },
      ),
    ).toThrow(/simulate.replicates/);
  });
});
