import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import type { Alternative } from '../../../src/stats/_shared/result.ts';
import { kruskalWallis, mannWhitneyU } from '../../../src/stats/ranks/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Sample {
  id: number;
  x: number[];
  y: number[];
}
interface Case {
  name: string;
  sample: number;
  alternative: Alternative;
  exact?: boolean | null;
  correct: boolean;
  reference: 'wilcox.test' | 'wilcox.exact';
  statistic: number;
  pValue: number;
  method: string;
  confLevel?: number | null;
  estimate?: number;
  confInt?: number[];
  achievedLevel?: number;
  rWarnings?: string[] | null;
}
const fixture = readFixture<{ cases: { samples: Sample[]; tests: Case[] }[] }>(
  'test/fixtures/r/ranks/mannWhitney.json',
);
const { samples, tests } = fixture.cases[0];

describe('mannWhitneyU against R wilcox.test / exactRankTests::wilcox.exact', () => {
  it('has hundreds of cases', () => expect(tests.length).toBeGreaterThan(500));
  for (const c of tests) {
    it(c.name, () => {
      const s = samples[c.sample];
      const r = mannWhitneyU(s.x, s.y, {
        alternative: c.alternative,
        correct: c.correct,
        ...(c.reference === 'wilcox.exact'
          ? { exact: true }
          : c.exact !== undefined && c.exact !== null
            ? { exact: c.exact }
            : {}),
        ...(c.confLevel != null ? { confInt: true, confLevel: c.confLevel! } : {}),
      });
      expectClose(r.statistic, c.statistic, { rtol: 1e-12 }, `${c.name} W`);
      // R's method string tells which branch R took; ours must take the same one
      const rExact = /exact/i.test(c.method);
      expect(r.conventions.exact, `${c.name}: R method "${c.method}"`).toBe(rExact);
      // exact p-values: sums of probabilities (rtol 1e-9); normal approximation: closed form
      expectClose(r.pValue, c.pValue, { rtol: 1e-9, atol: 1e-300 }, `${c.name} p`);
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
    });
  }
});

/** All pairwise differences x_i − y_j, sorted (naive O(n_x n_y log), independent of the implementation). */
function sortedDifferences(x: number[], y: number[]): number[] {
  return x.flatMap((a) => y.map((b) => a - b)).sort((a, b) => a - b);
}

describe('mannWhitneyU Hodges-Lehmann estimate and confidence interval against wilcox.test(conf.int = TRUE)', () => {
  const ciCases = tests.filter((c) => c.confLevel != null);
  it('has hundreds of interval cases', () => expect(ciCases.length).toBeGreaterThan(200));
  for (const c of ciCases) {
    it(c.name, () => {
      const s = samples[c.sample];
      const r = mannWhitneyU(s.x, s.y, {
        alternative: c.alternative,
        correct: c.correct,
        confInt: true,
        confLevel: c.confLevel!,
        ...(c.reference === 'wilcox.exact'
          ? { exact: true }
          : c.exact !== undefined && c.exact !== null
            ? { exact: c.exact }
            : {}),
      });
      const d = sortedDifferences(s.x, s.y);
      const m = d.length;
      const naiveMedian = m % 2 ? d[(m - 1) / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
      const rExact = /exact/i.test(c.method);
      if (c.reference === 'wilcox.exact') {
        // exact conditional interval with ties: wilcox.exact's own estimate and bounds, all data differences
        expectClose(r.estimate!, c.estimate!, { rtol: 1e-12, atol: 1e-15 }, `${c.name} estimate`);
        for (let i = 0; i < 2; i++)
          expectClose(r.confInt![i], c.confInt![i], { rtol: 1e-12, atol: 1e-15 }, `${c.name} confInt[${i}]`);
        return;
      }
      expectClose(r.estimate!, naiveMedian, { rtol: 1e-12, atol: 1e-15 }, `${c.name} HL median`);
      if (rExact) {
        // exact: R takes order statistics of the differences and the same median; both are data values
        expectClose(r.estimate!, c.estimate!, { rtol: 1e-12, atol: 1e-15 }, `${c.name} estimate`);
        for (let i = 0; i < 2; i++)
          expectClose(r.confInt![i], c.confInt![i], { rtol: 1e-12, atol: 1e-15 }, `${c.name} confInt[${i}]`);
        expectClose(r.confLevel!, c.achievedLevel!, { rtol: 1e-9 }, `${c.name} achieved level`);
        expect(r.warnings.some((w) => /not achievable/.test(w))).toBe(
          (c.rWarnings ?? []).some((w) => /not achievable/.test(w)),
        );
      } else {
        // asymptotic: R finds each bound with uniroot(tol = 1e-4) on a step function whose jump restudy
        // locates exactly, so agreement is to R's tolerance (absolute 1e-4; 2e-4 allowed)
        for (let i = 0; i < 2; i++)
          expectClose(r.confInt![i], c.confInt![i], { rtol: 0, atol: 2e-4 }, `${c.name} confInt[${i}]`);
        // R's asymptotic estimate is a uniroot point of the estimating equation, anywhere in the zero set around the
        // middle differences; restudy reports the median of the differences itself
        const lo = d[Math.max(0, Math.floor((m - 1) / 2) - 1)];
        const hi = d[Math.min(m - 1, Math.ceil((m + 1) / 2))];
        expect(c.estimate!).toBeGreaterThanOrEqual(lo - 2e-4);
        expect(c.estimate!).toBeLessThanOrEqual(hi + 2e-4);
      }
    });
  }
});

describe('mannWhitneyU hand-derived and conventions', () => {
  it('hand-derived: x = [1, 2], y = [3] → W = 0, exact P(W ≤ 0) = 1/3, two-sided 2/3', () => {
    // pooled ranks 1, 2 | 3; W = (1+2) − 3 = 0; 3 equally likely subsets of size 2: sums 3, 4, 5 → W 0, 1, 2
    const r = mannWhitneyU([1, 2], [3]);
    expect(r.statistic).toBe(0); // integer
    expectClose(r.pValue, 2 / 3, { rtol: 1e-14 });
    expectClose(mannWhitneyU([1, 2], [3], { alternative: 'less' }).pValue, 1 / 3, { rtol: 1e-14 });
  });
  it('hand-derived with ties: x = [1, 2], y = [2, 3], asymptotic uncorrected', () => {
    // ranks 1, 2.5 | 2.5, 4; W = 3.5 − 3 = 0.5; mean 2; Σ(t³−t) = 6; σ² = 4/12·(5 − 6/12) = 1.5
    const r = mannWhitneyU([1, 2], [2, 3], { correct: false });
    expect(r.statistic).toBe(0.5);
    expectClose(r.z!, -1.5 / Math.sqrt(1.5), { rtol: 1e-14 });
  });
  it('SPSS convention: correct = false is the SPSS Asymp. Sig.; correct = true differs', () => {
    const x = [
      1.1, 2.3, 3.2, 4.8, 5.5, 6.1, 7.7, 8.2, 9.9, 10.4, 11.3, 12.8, 13.1, 14.6, 15.2, 16.4, 17.8, 18.9, 19.2, 20.7,
      21.5, 22.3, 23.9, 24.1, 25.6, 26.2, 27.3, 28.8, 29.4, 30.1, 31.7, 32.2, 33.6, 34.5, 35.9, 36.8, 37.3, 38.1, 39.4,
      40.6, 41.2, 42.8, 43.3, 44.7, 45.2, 46.9, 47.5, 48.1, 49.6, 50.3,
    ];
    const y = x.map((v) => v + 3.05);
    const spss = mannWhitneyU(x, y, { correct: false });
    const r = mannWhitneyU(x, y);
    expect(spss.conventions.continuityCorrection).toBe(false);
    expect(r.conventions.continuityCorrection).toBe(true);
    expect(spss.pValue).toBeLessThan(r.pValue);
  });
  it('exact: true forces the exact conditional distribution with ties and says so', () => {
    const r = mannWhitneyU([1, 2, 2, 3], [2, 3, 3, 4, 5], { exact: true });
    expect(r.conventions.exact).toBe(true);
    expect(r.method).toMatch(/conditional on ties/);
  });
  it('refuses an exact distribution that is too large and says so', () => {
    const x = Array.from({ length: 400 }, (_, i) => i * 2);
    const y = Array.from({ length: 400 }, (_, i) => i * 2 + 1);
    const r = mannWhitneyU(x, y, { exact: true, maxExactWork: 1e6 });
    expect(r.conventions.exact).toBe(false);
    expect(r.warnings.join(' ')).toMatch(/maxExactWork/);
  });
  it('all values tied: p = 1 with a warning, never NaN (R gives NaN)', () => {
    for (const exact of [undefined, true, false]) {
      const r = mannWhitneyU([2, 2, 2], [2, 2], exact === undefined ? {} : { exact });
      expect(r.pValue).toBe(1);
      expect(r.statistic).toBe(3);
      expect(r.warnings.length).toBe(1);
    }
  });
  it('reports U/(nx·ny), mean ranks and rank sums', () => {
    const r = mannWhitneyU([1, 5, 6], [2, 3]);
    expect(r.rankSumX).toBe(1 + 4 + 5);
    expect(r.rankSumY).toBe(2 + 3);
    expect(r.probabilityXGreater).toBeCloseTo(4 / 6, 15);
    expect(r.meanRankX).toBeCloseTo(10 / 3, 15);
  });
  it('is frozen and does not modify its (frozen) input', () => {
    const x = Object.freeze([3, 1, 2]);
    const r = mannWhitneyU(x, [0.5, 4]);
    expect(Object.isFrozen(r)).toBe(true);
    expect(x).toEqual([3, 1, 2]);
  });
  it('throws InputError for invalid input', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(InputError);
    expect(() => mannWhitneyU([1], [])).toThrow(/y must be an array of at least 1/);
    expect(() => mannWhitneyU([1, NaN], [1])).toThrow(/x\[1\] must be a finite number/);
    expect(() => mannWhitneyU([1], [Infinity])).toThrow(/y\[0\]/);
    expect(() => mannWhitneyU([1], [2], { alternative: 'two.sided' as Alternative })).toThrow(/alternative/);
    expect(() => mannWhitneyU([1], [2], { correct: 1 as unknown as boolean })).toThrow(/correct must be a boolean/);
    expect(() => mannWhitneyU([1], [2], { exact: 'yes' as unknown as boolean })).toThrow(/exact/);
    expect(() => mannWhitneyU([1], [2], { maxExactWork: -1 })).toThrow(/maxExactWork/);
    expect(() => mannWhitneyU(null as unknown as number[], [2])).toThrow(InputError);
  });
});

const sampleArb = fc.array(
  fc.integer({ min: -6, max: 6 }).map((v) => v / 2),
  { minLength: 1, maxLength: 25 },
);
const alternativeArb = fc.constantFrom<Alternative>('two-sided', 'less', 'greater');
const exactArb = fc.constantFrom<boolean | undefined>(undefined, true, false);

describe('mannWhitneyU properties', () => {
  it('p in [0, 1] for every option', () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, alternativeArb, exactArb, fc.boolean(), (x, y, alternative, exact, correct) => {
        const p = mannWhitneyU(x, y, { alternative, exact, correct }).pValue;
        return p >= 0 && p <= 1;
      }),
    );
  });
  it('swapping x and y keeps the two-sided p, maps W to nx·ny − W and swaps one-sided p', () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, exactArb, fc.boolean(), (x, y, exact, correct) => {
        const a = mannWhitneyU(x, y, { exact, correct });
        const b = mannWhitneyU(y, x, { exact, correct });
        expectClose(b.statistic, x.length * y.length - a.statistic, { rtol: 1e-12, atol: 1e-12 });
        expectClose(b.pValue, a.pValue, { rtol: 1e-10, atol: 1e-15 });
        const less = mannWhitneyU(x, y, { exact, correct, alternative: 'less' });
        const greater = mannWhitneyU(y, x, { exact, correct, alternative: 'greater' });
        expectClose(greater.pValue, less.pValue, { rtol: 1e-10, atol: 1e-15 });
      }),
    );
  });
  it('permutation invariance within samples', () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, exactArb, (x, y, exact) => {
        const a = mannWhitneyU(x, y, { exact });
        const b = mannWhitneyU(
          [...x].reverse(),
          [...y].sort((p, q) => q - p),
          { exact },
        );
        return a.statistic === b.statistic && Math.abs(a.pValue - b.pValue) <= 1e-12;
      }),
    );
  });
  it('two-group Kruskal-Wallis p equals the uncorrected asymptotic Mann-Whitney p', () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, (x, y) => {
        fc.pre(new Set([...x, ...y]).size > 1);
        const mw = mannWhitneyU(x, y, { exact: false, correct: false });
        const kw = kruskalWallis([x, y]);
        expectClose(kw.statistic, mw.z! * mw.z!, { rtol: 1e-9, atol: 1e-12 });
        expectClose(kw.pValue, mw.pValue, { rtol: 1e-9, atol: 1e-15 });
      }),
    );
  });
  it('exact distribution without ties agrees with the exact conditional (tie) branch on untied data', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: 1, max: 29 }),
        alternativeArb,
        (pool, cut, alternative) => {
          fc.pre(cut < pool.length);
          const x = pool.slice(0, cut);
          const y = pool.slice(cut);
          const r = mannWhitneyU(x, y, { exact: true, alternative });
          // total probability check: P(W ≤ w) + P(W > w) = 1 via the two one-sided tails
          const less = mannWhitneyU(x, y, { exact: true, alternative: 'less' }).pValue;
          const greaterOfNext = mannWhitneyU(x, y, { exact: true, alternative: 'greater' }).pValue;
          return r.pValue >= 0 && r.pValue <= 1 && less + greaterOfNext >= 1 - 1e-12;
        },
      ),
    );
  });
});

describe('pairwise-difference order statistics (Hodges-Lehmann machinery)', () => {
  it('kth equals the naive sorted outer difference for every k, with ties, negatives and zeros', async () => {
    const { PairwiseDifferences } = await import('../../../src/stats/ranks/_pairwiseDifferences.ts');
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -30, max: 30 }).map((v) => v / 7),
          { minLength: 1, maxLength: 15 },
        ),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 15 }),
        (x, y) => {
          const d = sortedDifferences(x, y);
          const pd = new PairwiseDifferences(Float64Array.from(x).sort(), Float64Array.from(y).sort());
          for (let k = 1; k <= d.length; k++) expect(pd.kth(k)).toBe(d[k - 1]); // same floating-point subtraction: exact
        },
      ),
    );
  });
  it('the interval contains the estimate and narrows as the level drops', () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, fc.boolean(), (x, y, correct) => {
        const wide = mannWhitneyU(x, y, { confInt: true, confLevel: 0.95, correct });
        const narrow = mannWhitneyU(x, y, { confInt: true, confLevel: 0.5, correct });
        expect(wide.confInt![0]).toBeLessThanOrEqual(narrow.confInt![0]);
        expect(wide.confInt![1]).toBeGreaterThanOrEqual(narrow.confInt![1]);
        expect(wide.confInt![0]).toBeLessThanOrEqual(wide.estimate!);
        expect(wide.confInt![1]).toBeGreaterThanOrEqual(wide.estimate!);
      }),
    );
  });
  it('1e5 + 1e5 interval without materialising 1e10 differences', () => {
    const x = Array.from({ length: 100_000 }, (_, i) => Math.sin(i) * 3 + 0.5);
    const y = Array.from({ length: 100_000 }, (_, i) => Math.cos(i * 1.3) * 3);
    const r = mannWhitneyU(x, y, { confInt: true });
    expect(r.confInt![0]).toBeLessThan(r.estimate!);
    expect(r.confInt![1]).toBeGreaterThan(r.estimate!);
  });
  it('throws for invalid confInt / confLevel', () => {
    expect(() => mannWhitneyU([1], [2], { confInt: 1 as unknown as boolean })).toThrow(/confInt must be a boolean/);
    expect(() => mannWhitneyU([1], [2], { confInt: true, confLevel: 1.5 })).toThrow(/confLevel/);
  });
});
