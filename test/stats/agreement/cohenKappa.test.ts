import erfc from '@stdlib/math-base-special-erfc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { createRng } from '../../../src/stats/_shared/random.ts';
import { cohenKappa } from '../../../src/stats/agreement/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface KappaCase {
  name: string;
  r1: (string | number)[];
  r2: (string | number)[];
  levels: (string | number)[];
  table: number[][];
  psych: {
    kappa: number;
    var_kappa: number;
    wkappa_quadratic: number;
    var_weighted_quadratic: number;
    wkappa_linear: number;
    var_weighted_linear: number;
    lower: number;
    upper: number;
  };
  vcd: { kappa: number; ase: number; linear: number; linear_ase: number; quadratic: number; quadratic_ase: number };
  epi: { kappa: number; se_null: number; z: number; p: number };
}
const { cases } = readFixture<{ cases: KappaCase[] }>('test/fixtures/r/agreement/kappa.json');
const tol = { rtol: 1e-9, atol: 1e-14 };

describe('cohenKappa against psych::cohen.kappa, vcd::Kappa and epiR::epi.kappa', () => {
  for (const c of cases) {
    it(c.name, () => {
      const u = cohenKappa(c.r1, c.r2, { levels: c.levels });
      expect(u.table).toEqual(c.table);
      expectClose(u.kappa, c.psych.kappa, tol, 'kappa (psych)');
      expectClose(u.kappa, c.vcd.kappa, tol, 'kappa (vcd)');
      expectClose(u.se ** 2, c.psych.var_kappa, tol, 'var.kappa (psych)');
      expectClose(u.se, c.vcd.ase, tol, 'ASE (vcd)');
      // SE under H0 and the z test: epiR method = "fleiss"
      expectClose(u.seNull, c.epi.se_null, tol, 'se under H0 (epiR)');
      expectClose(u.statistic!, c.epi.z, tol, 'z (epiR)');
      expectClose(u.pValue, c.epi.p, { rtol: 1e-9, atol: 1e-300 }, 'p (epiR)');
      // psych's CI (clamped to ±1 as here)
      expectClose(u.confInt[0], c.psych.lower, tol, 'lower (psych)');
      expectClose(u.confInt[1], c.psych.upper, tol, 'upper (psych)');
      const lin = cohenKappa(c.r1, c.r2, { levels: c.levels, weights: 'linear' });
      const quad = cohenKappa(c.r1, c.r2, { levels: c.levels, weights: 'quadratic' });
      expectClose(lin.kappa, c.vcd.linear, tol, 'linear (vcd)');
      expectClose(lin.kappa, c.psych.wkappa_linear, tol, 'linear (psych)');
      expectClose(quad.kappa, c.vcd.quadratic, tol, 'quadratic (vcd)');
      expectClose(quad.kappa, c.psych.wkappa_quadratic, tol, 'quadratic (psych)');
      // weighted ASE follows vcd (Fleiss, Cohen & Everitt 1969); psych's var.weighted differs when marginals differ
      expectClose(lin.se, c.vcd.linear_ase, tol, 'linear ASE (vcd)');
      expectClose(quad.se, c.vcd.quadratic_ase, tol, 'quadratic ASE (vcd)');
    });
  }
  it("psych's weighted variance equals vcd's when the two raters' marginals are equal (symmetric table)", () => {
    const c = cases.find((x) => x.name === 'fleiss_2x2')!;
    // for k = 2 linear, quadratic and unweighted coincide
    expectClose(c.psych.var_weighted_quadratic, c.vcd.quadratic_ase ** 2, { rtol: 1e-9 }, 'k = 2');
  });
});

describe('weighted kappa SEs: Monte Carlo check (no R package gives the weighted SE under H0)', () => {
  // Simulate n = 300 subjects, k = 4 ordered categories with unequal marginals; the SD of kappa over 800
  // seeded replicates estimates its true SE to about ±2.5 % (relative SE of an SD ≈ 1/sqrt(2·800)), so a
  // 10 % band is 4 sigma (observed ratios 1.02–1.04). A scale check only: at kappa ≈ 0 se and seNull nearly
  // coincide, so the exact H0 form is pinned by epiR for unweighted kappa (same code path, identity weights).
  const draw = (rng: ReturnType<typeof createRng>, p: number[]) => {
    let u = rng.uniform();
    for (let i = 0; i < p.length; i++) {
      if (u < p[i]) return i + 1;
      u -= p[i];
    }
    return p.length;
  };
  const sd = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  };
  for (const weights of ['linear', 'quadratic', 'none'] as const) {
    it(`${weights}: seNull matches the SD of kappa under independence; se matches it under agreement`, () => {
      const rng = createRng(20251125);
      const nullKappas: number[] = [];
      const nullSes: number[] = [];
      const altKappas: number[] = [];
      const altSes: number[] = [];
      for (let b = 0; b < 800; b++) {
        const r1: number[] = [];
        const r2: number[] = [];
        const a1: number[] = [];
        const a2: number[] = [];
        for (let i = 0; i < 300; i++) {
          r1.push(draw(rng, [0.1, 0.2, 0.3, 0.4]));
          r2.push(draw(rng, [0.25, 0.25, 0.3, 0.2]));
          const t = draw(rng, [0.2, 0.3, 0.3, 0.2]);
          a1.push(t);
          a2.push(rng.uniform() < 0.6 ? t : Math.min(4, Math.max(1, t + (rng.uniform() < 0.5 ? -1 : 1))));
        }
        const k0 = cohenKappa(r1, r2, { weights, levels: [1, 2, 3, 4] });
        nullKappas.push(k0.kappa);
        nullSes.push(k0.seNull);
        const k1 = cohenKappa(a1, a2, { weights, levels: [1, 2, 3, 4] });
        altKappas.push(k1.kappa);
        altSes.push(k1.se);
      }
      const meanSe0 = nullSes.reduce((a, b) => a + b, 0) / nullSes.length;
      const meanSe1 = altSes.reduce((a, b) => a + b, 0) / altSes.length;
      expectClose(meanSe0, sd(nullKappas), { rtol: 0.1 }, `${weights} seNull vs Monte Carlo SD`);
      expectClose(meanSe1, sd(altKappas), { rtol: 0.1 }, `${weights} se vs Monte Carlo SD`);
    });
  }
});

describe('cohenKappa: hand-derived, conventions, degenerate', () => {
  it('2 categories, 5 subjects', () => {
    // table [[2,1],[0,2]]: po = 4/5, row p = (.6,.4), col p = (.4,.6), pe = .24 + .24 = .48 -> kappa = .32/.52
    const k = cohenKappa(['a', 'a', 'b', 'b', 'a'], ['a', 'b', 'b', 'b', 'a']);
    expect(k.table).toEqual([
      [2, 1],
      [0, 2],
    ]);
    expectClose(k.kappa, 0.32 / 0.52, { rtol: 1e-15 }, 'kappa');
    expectClose(k.observedAgreement, 0.8, { rtol: 1e-15 }, 'po');
    expectClose(k.expectedAgreement, 0.48, { rtol: 1e-15 }, 'pe');
    // H0 variance (Fleiss 1969): [pe + pe² − Σ p_i. p_.i (p_i. + p_.i)] / (n (1 − pe)²)
    const v0 = (0.48 + 0.48 ** 2 - (0.6 * 0.4 * 1 + 0.4 * 0.6 * 1)) / (5 * 0.52 ** 2);
    expectClose(k.seNull, Math.sqrt(v0), { rtol: 1e-14 }, 'seNull');
  });
  it('identical ratings give kappa = 1 (property), all weightings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 50 }).filter((x) => new Set(x).size > 1),
        fc.constantFrom('none', 'linear', 'quadratic') as fc.Arbitrary<'none' | 'linear' | 'quadratic'>,
        (x, w) => {
          const k = cohenKappa(x, x, { weights: w });
          return Math.abs(k.kappa - 1) < 1e-12 && k.se < 1e-7 && k.confInt[1] === 1; // variance is 0 up to rounding
        },
      ),
    );
  });
  it('swapping raters keeps kappa, SEs and p (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), {
          minLength: 3,
          maxLength: 40,
        }),
        (pairs) => {
          const a = pairs.map((p) => p[0]);
          const b = pairs.map((p) => p[1]);
          const levels = [1, 2, 3, 4];
          const x = cohenKappa(a, b, { levels, weights: 'quadratic' });
          const y = cohenKappa(b, a, { levels, weights: 'quadratic' });
          if (Number.isNaN(x.kappa)) return Number.isNaN(y.kappa);
          return (
            Math.abs(x.kappa - y.kappa) < 1e-12 &&
            Math.abs(x.se - y.se) < 1e-12 &&
            Math.abs(x.seNull - y.seNull) < 1e-12 &&
            x.pValue >= 0 &&
            x.pValue <= 1
          );
        },
      ),
    );
  });
  it('one-sided alternatives use the normal tails of z = kappa/seNull', () => {
    const a = [1, 2, 3, 1, 2, 3, 1, 2, 3, 3];
    const b = [1, 2, 3, 1, 3, 3, 2, 2, 3, 1];
    const two = cohenKappa(a, b);
    const greater = cohenKappa(a, b, { alternative: 'greater' });
    const less = cohenKappa(a, b, { alternative: 'less' });
    expectClose(greater.pValue, 0.5 * erfc(two.statistic! / Math.SQRT2), { rtol: 1e-14 }, 'greater');
    expectClose(less.pValue, 0.5 * erfc(-two.statistic! / Math.SQRT2), { rtol: 1e-14 }, 'less');
    expectClose(two.pValue, 2 * Math.min(greater.pValue, less.pValue), { rtol: 1e-14 }, 'two-sided');
  });
  it('weighted kappa with k = 2 equals unweighted', () => {
    const a = [0, 1, 1, 0, 1, 0, 0, 1];
    const b = [0, 1, 0, 0, 1, 1, 0, 1];
    const u = cohenKappa(a, b);
    const l = cohenKappa(a, b, { weights: 'linear' });
    expectClose(l.kappa, u.kappa, { rtol: 1e-14 }, 'kappa');
    expectClose(l.seNull, u.seNull, { rtol: 1e-12 }, 'seNull');
  });
  it('missing ratings drop the pair with a warning', () => {
    const k = cohenKappa(['a', null, 'b', 'a', 'b'], ['a', 'b', 'b', undefined, 'a']);
    expect(k.n).toBe(3);
    expect(k.nMissing).toBe(2);
    expect(k.warnings.join(' ')).toMatch(/2 subject\(s\) with a missing rating/);
  });
  it('a level absent from one rater is handled; a level nobody used is reported', () => {
    const k = cohenKappa([1, 1, 2, 3], [1, 1, 2, 2], { levels: [1, 2, 3, 4] });
    expect(k.table[2]).toEqual([0, 1, 0, 0]);
    expect(k.warnings.join(' ')).toMatch(/level\(s\) 4 used by neither rater/);
  });
  it('single category for both raters: kappa undefined, NaN with a warning (psych: NA)', () => {
    const k = cohenKappa(['x', 'x', 'x'], ['x', 'x', 'x']);
    expect(Number.isNaN(k.kappa)).toBe(true);
    expect(k.warnings.join(' ')).toMatch(/kappa is undefined/);
  });
  it('result is frozen', () => {
    expect(Object.isFrozen(cohenKappa([1, 2, 1], [1, 2, 2]).table[0])).toBe(true);
  });
});

describe('cohenKappa: input errors', () => {
  it.each([
    [() => cohenKappa([1, 2], [1]), /rater2 must be an array of the same length/],
    [() => cohenKappa([1, 'a'], [1, 'a']), /do not mix/],
    [() => cohenKappa([1, 2], [1, 3], { levels: [1, 2] }), /rater2 must be ratings within levels/],
    [() => cohenKappa(['a', 'b'], ['a', 'b'], { weights: 'linear' }), /levels must be given for weighted kappa/],
    [() => cohenKappa([1, 2], [1, 2], { weights: 'cubic' as never }), /weights must be/],
    [() => cohenKappa([1, 2], [1, 2], { levels: [1, 1, 2] }), /distinct/],
    [() => cohenKappa([1, null], [1, 2]), /at least 2 subjects/],
    [() => cohenKappa([1, Infinity], [1, 2]), /rater1\[1\]/],
    [() => cohenKappa([1, 2], [1, 2], { confLevel: 0 }), /confLevel/],
    [() => cohenKappa('ab' as never, [1, 2]), /rater1 must be an array/],
  ])('%#', (fn, re) => {
    expect(fn).toThrow(re);
    expect(fn).toThrow(InputError);
  });
});
