import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { chisqSf } from '../../../src/stats/distributions/chisquare.ts';
import { normalSf } from '../../../src/stats/distributions/normal.ts';
import type { LogisticRegressionResult } from '../../../src/stats/regression/index.ts';
import { likelihoodRatioTest, logisticRegression, predict } from '../../../src/stats/regression/index.ts';
import { expectAllClose, expectClose, readFixture } from '../../helpers/expectClose.ts';

interface FirthExpected {
  coef: number[];
  se: number[];
  deviance: number;
  nullDeviance: number;
  aic: number;
  converged: boolean;
  confintProfile?: number[][] | null;
}
interface Case {
  name: string;
  kind: 'glm' | 'tableS2' | 'separation' | 'degenerate';
  n: number;
  k: number;
  Xint: number[][];
  scale: number;
  y: number[];
  weights: number[] | null;
  names: string[];
  glmWarnings: string[];
  converged: boolean;
  iter: number;
  coef: number[];
  se: number[];
  z: number[];
  p: number[];
  deviance: number;
  nullDeviance: number;
  aic: number;
  bic: number;
  logLik: number;
  dfResidual: number;
  dfNull: number;
  vcov: number[][];
  confintWald: number[][];
  fitted?: number[];
  confintMASS?: number[][] | null;
  confintExact?: number[][] | null;
  lrtNull: { statistic: number; df: number; p: number };
  lrtDropLast?: { statistic: number; df: number; p: number };
  firth?: FirthExpected;
}
const { cases } = readFixture<{ cases: Case[] }>('test/fixtures/r/regression/logistic.json');
const design = (c: Case): number[][] => c.Xint.map((row) => row.map((v) => v / c.scale));
const options = (c: Case) => ({ names: c.names, ...(c.weights ? { weights: c.weights } : {}) });

// Tolerances. IRLS stops at glm's relative deviance change 1e-8, so two correct implementations
// (R's QR-based glm.fit, our Cholesky on centred columns) agree on estimates only to what the last
// Newton step leaves (quadratic convergence makes it ~1e-10 typically) and on SEs to the weights of
// the final step: rtol 1e-6 is the style guide's bound for iterative fits. Deviance-type quantities
// are flat at the MLE (first-order insensitive), so they agree much tighter.
const ITER = { rtol: 1e-6, atol: 1e-9 };
const FLAT = { rtol: 1e-9, atol: 1e-9 };

const wellPosed = cases.filter((c) => c.kind === 'glm' || c.kind === 'tableS2');

describe('logisticRegression against R glm(family = binomial)', () => {
  it('has hundreds of golden values across n = 20..2000, k = 1..10', () => {
    expect(wellPosed.length).toBeGreaterThanOrEqual(150);
    expect(Math.min(...wellPosed.map((c) => c.n))).toBe(20);
    expect(Math.max(...wellPosed.map((c) => c.n))).toBe(2000);
    expect(Math.max(...wellPosed.map((c) => c.k))).toBeGreaterThanOrEqual(8);
  });
  for (const c of wellPosed) {
    it(c.name, () => {
      const fit = logisticRegression(design(c), c.y, options(c));
      expect(fit.converged).toBe(true);
      expect(fit.warnings).toEqual([]);
      // same iteration count as glm.fit (same start, same criterion); exact integer compare
      expect(fit.iterations).toBe(c.iter);
      expectAllClose(
        fit.coefficients.map((r) => r.estimate),
        c.coef,
        ITER,
        `${c.name} coef`,
      );
      expectAllClose(
        fit.coefficients.map((r) => r.se),
        c.se,
        ITER,
        `${c.name} se`,
      );
      expectAllClose(
        fit.coefficients.map((r) => r.z),
        c.z,
        ITER,
        `${c.name} z`,
      );
      expectAllClose(
        fit.coefficients.map((r) => r.pValue),
        c.p,
        { rtol: 1e-5, atol: 1e-12 },
        `${c.name} p`,
      );
      expectClose(fit.deviance, c.deviance, FLAT, `${c.name} deviance`);
      expectClose(fit.nullDeviance, c.nullDeviance, FLAT, `${c.name} null deviance`);
      expectClose(fit.aic, c.aic, FLAT, `${c.name} aic`);
      expectClose(fit.bic, c.bic, FLAT, `${c.name} bic`);
      expectClose(fit.logLik, c.logLik, FLAT, `${c.name} logLik`);
      expect(fit.dfResidual).toBe(c.dfResidual);
      expect(fit.dfNull).toBe(c.dfNull);
      fit.covariance.forEach((row, i) =>
        expectAllClose(row, c.vcov[i], { rtol: 1e-6, atol: 1e-12 }, `${c.name} vcov[${i}]`),
      );
      fit.coefficients.forEach((r, j) => {
        expectAllClose(r.confIntLogOdds, c.confintWald[j], ITER, `${c.name} Wald CI ${r.name}`);
        expectAllClose(r.confInt, c.confintWald[j].map(Math.exp), ITER, `${c.name} Wald OR CI ${r.name}`);
        expectClose(r.oddsRatio, Math.exp(c.coef[j]), ITER, `${c.name} OR`);
      });
      if (c.fitted) expectAllClose(fit.fitted, c.fitted, { rtol: 1e-6, atol: 1e-12 }, `${c.name} fitted`);
      // SPSS's model summary, from R's deviances: omnibus = anova vs intercept-only; Wald = z²
      expectClose(fit.omnibus!.statistic, c.lrtNull.statistic, { rtol: 1e-8, atol: 1e-9 }, `${c.name} omnibus`);
      expect(fit.omnibus!.df).toBe(c.lrtNull.df);
      expectClose(fit.omnibus!.pValue, c.lrtNull.p, { rtol: 1e-6, atol: 1e-300 }, `${c.name} omnibus p`);
      const totalWeight = c.weights ? c.weights.reduce((a, b) => a + b, 0) : c.n;
      const coxSnell = 1 - Math.exp((c.deviance - c.nullDeviance) / totalWeight);
      expectClose(fit.pseudoR2!.coxSnell, coxSnell, { rtol: 1e-8 }, `${c.name} Cox-Snell`);
      expectClose(
        fit.pseudoR2!.nagelkerke,
        coxSnell / (1 - Math.exp(-c.nullDeviance / totalWeight)),
        { rtol: 1e-8 },
        `${c.name} Nagelkerke`,
      );
      expectClose(fit.pseudoR2!.mcFadden, 1 - c.deviance / c.nullDeviance, { rtol: 1e-8 }, `${c.name} McFadden`);
      fit.coefficients.forEach((r, j) => expectClose(r.wald, c.z[j] ** 2, ITER, `${c.name} Wald chi2`));
    });
  }
});

describe('profile-likelihood confidence intervals (R confint)', () => {
  const withProfile = wellPosed.filter((c) => c.confintExact);
  it('covers many cases', () => expect(withProfile.length).toBeGreaterThanOrEqual(80));
  let worstMass = 0;
  for (const c of withProfile) {
    it(c.name, () => {
      const fit = logisticRegression(design(c), c.y, { ...options(c), ci: 'profile' });
      expect(fit.warnings).toEqual([]);
      fit.coefficients.forEach((r, j) => {
        // the exact root (uniroot on the signed root deviance in R, tol 1e-12): both sides solve the
        // same equation with iterative fits, so rtol 1e-6
        expectAllClose(r.confIntLogOdds, c.confintExact![j], { rtol: 1e-6, atol: 1e-8 }, `${c.name} profile ${r.name}`);
        if (c.confintMASS) {
          // MASS interpolates a spline through a grid of profile points: its limits carry that error.
          c.confintMASS[j].forEach((v, s) => {
            const rel = Math.abs(r.confIntLogOdds[s] - v) / (Math.abs(v) + 0.1);
            worstMass = Math.max(worstMass, rel);
            expect(rel, `${c.name} MASS ${r.name}`).toBeLessThan(2e-2);
          });
        }
      });
    });
  }
  it('reports the worst MASS discrepancy (spline interpolation, not ours)', () => {
    expect(worstMass).toBeLessThan(2e-2);
  });
});

describe("Firth's penalised likelihood against brglm2 (type = 'AS_mean')", () => {
  const withFirth = cases.filter((c) => c.firth);
  it('covers many cases, separation included', () => {
    expect(withFirth.length).toBeGreaterThanOrEqual(100);
    expect(withFirth.some((c) => c.kind === 'separation')).toBe(true);
  });
  for (const c of withFirth) {
    it(c.name, () => {
      const fit = logisticRegression(design(c), c.y, { ...options(c), firth: true });
      const e = c.firth!;
      expect(fit.converged).toBe(true);
      expect(fit.warnings).toEqual([]);
      // brglm2 run with epsilon 1e-13; both iterate to the root of the modified score: rtol 1e-6
      expectAllClose(
        fit.coefficients.map((r) => r.estimate),
        e.coef,
        ITER,
        `${c.name} firth coef`,
      );
      expectAllClose(
        fit.coefficients.map((r) => r.se),
        e.se,
        ITER,
        `${c.name} firth se`,
      );
      expectClose(fit.deviance, e.deviance, { rtol: 1e-8, atol: 1e-9 }, `${c.name} firth deviance`);
      expectClose(fit.nullDeviance, e.nullDeviance, { rtol: 1e-8, atol: 1e-9 }, `${c.name} firth null deviance`);
      expectClose(fit.aic, e.aic, { rtol: 1e-8, atol: 1e-9 }, `${c.name} firth aic`);
    });
  }
  const withFirthProfile = withFirth.filter((c) => c.firth!.confintProfile);
  it('penalised profile intervals are validated on many cases', () =>
    expect(withFirthProfile.length).toBeGreaterThanOrEqual(20));
  for (const c of withFirthProfile) {
    it(`${c.name}: penalised profile CI (logistf's method; R reference by optim + uniroot)`, () => {
      const fit = logisticRegression(design(c), c.y, { ...options(c), firth: true, ci: 'profile' });
      expect(fit.warnings).toEqual([]);
      // the R reference maximises the penalised likelihood with BFGS (reltol 1e-16): rtol 1e-6
      fit.coefficients.forEach((r, j) => {
        expectAllClose(
          r.confIntLogOdds,
          c.firth!.confintProfile![j],
          { rtol: 1e-6, atol: 1e-7 },
          `${c.name} firth profile ${r.name}`,
        );
      });
    });
  }
});

describe('separation and degenerate data: warnings, never silent', () => {
  for (const c of cases.filter((cc) => cc.kind === 'separation' || cc.kind === 'degenerate')) {
    it(c.name, () => {
      const fit = logisticRegression(design(c), c.y, options(c));
      const text = fit.warnings.join('\n');
      // where R warns "fitted probabilities numerically 0 or 1 occurred" or "algorithm did not converge", so do we
      if (c.glmWarnings.some((w) => w.includes('fitted probabilities numerically 0 or 1'))) {
        expect(text).toContain('fitted probabilities numerically 0 or 1 occurred');
      }
      if (!c.converged) {
        expect(fit.converged).toBe(false);
        expect(text).toContain('algorithm did not converge');
      }
      // and separation is named even where R's glm stays silent (the zero-cell case), with the Firth advice
      if (c.kind === 'separation') {
        expect(text).toMatch(/(quasi-)?complete separation detected/);
        expect(text).toContain('firth: true');
      }
      if (c.name.startsWith('complete separation')) expect(text).toContain('complete separation detected');
      if (c.name.startsWith('quasi')) expect(text).toContain('quasi-complete separation detected');
      if (c.kind === 'degenerate') expect(text).toContain('all outcomes are 0');
      // the fit follows glm's path: same number of iterations, and the finite coefficient of the
      // non-separated predictor in the zero-cell case agrees with R's (its MLE exists)
      expect(fit.iterations).toBe(c.iter);
      if (c.name.includes('zero cell'))
        expectClose(fit.coefficients[2].estimate, c.coef[2], { rtol: 1e-5 }, 'finite coefficient');
      for (const r of fit.coefficients) expect(Number.isNaN(r.estimate)).toBe(false);
    });
  }
  it('complete separation with profile CI: an infinite limit is reported, with a warning', () => {
    const c = cases.find((cc) => cc.name.startsWith('complete separation x = 1..10'))!;
    const fit = logisticRegression(design(c), c.y, { ...options(c), ci: 'profile' });
    expect(fit.warnings.join('\n')).toContain('does not reach');
    expect(fit.coefficients[1].confInt[1]).toBe(Infinity);
  });
  it('Firth gives finite estimates under complete separation (Heinze & Schemper 2002)', () => {
    const fit = logisticRegression(
      [[1], [2], [3], [4], [5], [6], [7], [8], [9], [10]],
      [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
      { firth: true },
    );
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[1].estimate)).toBe(true);
    expect(Number.isFinite(fit.coefficients[1].se)).toBe(true);
  });
});

describe('likelihoodRatioTest against R anova(test = "Chisq")', () => {
  const intercept = (c: Case) => logisticRegression([], c.y, c.weights ? { weights: c.weights } : {});
  for (const c of wellPosed) {
    it(c.name, () => {
      const full = logisticRegression(design(c), c.y, options(c));
      const lr = likelihoodRatioTest(full, intercept(c));
      expectClose(lr.statistic!, c.lrtNull.statistic, { rtol: 1e-8, atol: 1e-9 }, `${c.name} LR vs null`);
      expect(lr.df).toBe(c.lrtNull.df);
      expectClose(lr.pValue, c.lrtNull.p, { rtol: 1e-6, atol: 1e-300 }, `${c.name} LR p`);
      if (c.lrtDropLast) {
        const X = design(c).map((row) => row.slice(0, -1));
        const reduced = logisticRegression(X, c.y, {
          names: c.names.slice(0, -1),
          ...(c.weights ? { weights: c.weights } : {}),
        });
        const lr2 = likelihoodRatioTest(full, reduced);
        expectClose(lr2.statistic!, c.lrtDropLast.statistic, { rtol: 1e-7, atol: 1e-8 }, `${c.name} LR drop last`);
        expect(lr2.df).toBe(c.lrtDropLast.df);
        expectClose(lr2.pValue, c.lrtDropLast.p, { rtol: 1e-6, atol: 1e-12 }, `${c.name} LR drop last p`);
      }
    });
  }
});

// ---- hand-derived and invariants ---------------------------------------------------------------
/** 2×2 table as rows: x = 1 with a events and b non-events, x = 0 with c events and d non-events. */
function table2x2(a: number, b: number, c: number, d: number): { X: number[][]; y: number[] } {
  const X: number[][] = [];
  const y: number[] = [];
  const push = (x: number, yy: number, count: number) => {
    for (let i = 0; i < count; i++) {
      X.push([x]);
      y.push(yy);
    }
  };
  push(1, 1, a);
  push(1, 0, b);
  push(0, 1, c);
  push(0, 0, d);
  return { X, y };
}
const xlogx = (v: number) => (v === 0 ? 0 : v * Math.log(v));

describe('hand-derived: one binary predictor is the 2×2 table', () => {
  it('OR = ad/bc, SE = sqrt(1/a + 1/b + 1/c + 1/d) (Woolf), intercept = log(c/d)', () => {
    const { X, y } = table2x2(10, 15, 20, 5);
    const fit = logisticRegression(X, y);
    expectClose(fit.coefficients[1].oddsRatio, (10 * 5) / (15 * 20), ITER, 'OR');
    expectClose(fit.coefficients[1].se, Math.sqrt(1 / 10 + 1 / 15 + 1 / 20 + 1 / 5), ITER, 'Woolf SE');
    expectClose(fit.coefficients[0].estimate, Math.log(20 / 5), ITER, 'intercept');
    // Wald CI for EXP(B) as SPSS: exp(log OR ± 1.959964·SE)
    const se = Math.sqrt(1 / 10 + 1 / 15 + 1 / 20 + 1 / 5);
    expectAllClose(
      fit.coefficients[1].confInt,
      [Math.exp(Math.log(1 / 6) - 1.959963984540054 * se), Math.exp(Math.log(1 / 6) + 1.959963984540054 * se)],
      ITER,
      'Wald CI',
    );
  });
  it('the LR statistic equals G² = 2 Σ O log(O/E) of the table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (a, b, c, d) => {
          const { X, y } = table2x2(a, b, c, d);
          const full = logisticRegression(X, y);
          const lr = likelihoodRatioTest(full, logisticRegression([], y));
          const n = a + b + c + d;
          const g2 =
            2 *
            (xlogx(a) +
              xlogx(b) +
              xlogx(c) +
              xlogx(d) +
              xlogx(n) -
              xlogx(a + b) -
              xlogx(c + d) -
              xlogx(a + c) -
              xlogx(b + d));
          expectClose(lr.statistic!, Math.max(0, g2), { rtol: 1e-8, atol: 1e-9 }, `G² ${[a, b, c, d]}`);
          expectClose(lr.pValue, chisqSf(Math.max(0, g2), 1), { rtol: 1e-6, atol: 1e-12 }, 'p');
          expectClose(full.coefficients[1].oddsRatio, (a * d) / (b * c), ITER, 'OR');
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe('hand-derived: intercept-only models', () => {
  const y = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0];
  it('ML: intercept = logit(ȳ), SE = 1/√(n·ȳ(1 − ȳ)), deviance = null deviance', () => {
    const fit = logisticRegression([], y);
    const m = 4 / 12;
    expectClose(fit.coefficients[0].estimate, Math.log(m / (1 - m)), ITER, 'logit');
    expectClose(fit.coefficients[0].se, 1 / Math.sqrt(12 * m * (1 - m)), ITER, 'se');
    expectClose(fit.deviance, fit.nullDeviance, FLAT, 'deviance');
    expect(fit.omnibus).toBeUndefined();
  });
  it('Firth: intercept = logit((Σy + ½)/(n + 1)), i.e. half an observation added to each cell', () => {
    const fit = logisticRegression([], y, { firth: true });
    expectClose(fit.coefficients[0].estimate, Math.log(4.5 / 8.5), ITER, 'Firth intercept');
    const m = 4.5 / 13;
    expectClose(fit.coefficients[0].se, 1 / Math.sqrt(12 * m * (1 - m)), ITER, 'Firth se at the estimate');
  });
});

describe('tiny p-values come from the normal survival function', () => {
  it('a 2×2 table with z ≈ 20 gives p ≈ 1e-90, not 0', () => {
    const { X, y } = table2x2(1000, 10, 10, 1000);
    const b = logisticRegression(X, y).coefficients[1];
    const se = Math.sqrt(2 / 1000 + 2 / 10);
    // glm's SE uses the IRLS weights of the final step, not of the final estimate: here that leaves it
    // 9e-6 from the exact (Woolf) SE. We reproduce glm: R 4.2.2 prints z = 20.4929186097355 for this table.
    expectClose(b.z, Math.log(1e4) / se, { rtol: 1e-4 }, 'z vs Woolf');
    expectClose(b.z, 20.4929186097355, { rtol: 1e-9 }, 'z vs R glm');
    expect(b.pValue).toBeGreaterThan(0);
    expect(b.pValue).toBeLessThan(1e-80);
    expectClose(b.pValue, 2 * normalSf(b.z), { rtol: 1e-12 }, 'p');
    expectClose(b.pValue, 2.49009076323787e-93, { rtol: 1e-6 }, 'p vs R glm');
  });
});

describe('Table S2-like fixture (mass lesions, HER2-low vs HER2-zero)', () => {
  const c = cases.find((cc) => cc.name.startsWith('tableS2-like low vs zero'))!;
  it("gives SPSS's Variables-in-the-Equation columns for the three binary descriptors", () => {
    const fit = logisticRegression(design(c), c.y, { names: c.names });
    expect(fit.coefficients.map((r) => r.name)).toEqual([
      '(Intercept)',
      'mass_shape:irregular',
      'mass_margin:not_circumscribed',
      't2_hyperintensity:present',
    ]);
    fit.coefficients.forEach((r, j) => {
      expectClose(r.oddsRatio, Math.exp(c.coef[j]), ITER, `Exp(B) ${r.name}`);
      expectAllClose(r.confInt, c.confintWald[j].map(Math.exp), ITER, `95% C.I. for EXP(B) ${r.name}`);
      expectClose(r.wald, (c.coef[j] / c.se[j]) ** 2, ITER, `Wald ${r.name}`);
      expectClose(r.pValue, c.p[j], { rtol: 1e-5 }, `Sig. ${r.name}`);
    });
  });
});

/** Small seeded datasets for property tests (no separation: labels drawn from a moderate model). */
const datasetArb = fc
  .record({
    n: fc.integer({ min: 30, max: 80 }),
    k: fc.integer({ min: 1, max: 3 }),
    seedValues: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 400, maxLength: 400 }),
    labels: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
  })
  .map(({ n, k, seedValues, labels }) => {
    const X = Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => seedValues[(i * k + j) % 400]));
    const y: number[] = X.map((row, i) => (labels[i] < 1 / (1 + Math.exp(-0.7 * row[0])) ? 1 : 0));
    return { X, y };
  })
  .filter(({ y }) => y.reduce((s, v) => s + v, 0) >= 5 && y.reduce((s, v) => s + v, 0) <= y.length - 5);

function fitOrSkip(X: number[][], y: number[]): LogisticRegressionResult | null {
  try {
    const f = logisticRegression(X, y);
    return f.warnings.length === 0 ? f : null;
  } catch (e) {
    if (e instanceof InputError) return null; // aliased columns from repeated draws
    throw e;
  }
}

describe('invariants', () => {
  it('the score Xᵀ(y − μ) is ≈ 0 at the MLE (fixtures)', () => {
    for (const c of wellPosed.filter((cc) => !cc.weights)) {
      const X = design(c);
      const fit = logisticRegression(X, c.y, options(c));
      for (let j = 0; j <= c.k; j++) {
        let score = 0;
        let magnitude = 0;
        X.forEach((row, i) => {
          const xj = j === 0 ? 1 : row[j - 1];
          score += xj * (c.y[i] - fit.fitted[i]);
          magnitude += Math.abs(xj);
        });
        expect(Math.abs(score), `${c.name} score[${j}]`).toBeLessThan(1e-6 * magnitude);
      }
    }
  });
  it('relabelling y (0 ↔ 1) flips every coefficient sign and keeps SEs and deviance', () => {
    fc.assert(
      fc.property(datasetArb, ({ X, y }) => {
        const a = fitOrSkip(X, y);
        const b = fitOrSkip(
          X,
          y.map((v) => 1 - v),
        );
        if (a === null || b === null) return;
        a.coefficients.forEach((r, j) => {
          expectClose(b.coefficients[j].estimate, -r.estimate, ITER, 'flipped estimate');
          expectClose(b.coefficients[j].se, r.se, ITER, 'same se');
          expectClose(b.coefficients[j].pValue, r.pValue, { rtol: 1e-5, atol: 1e-12 }, 'same p');
        });
        expectClose(b.deviance, a.deviance, FLAT, 'same deviance');
      }),
      { numRuns: 40, seed: 11 },
    );
  });
  it('row order does not matter; rescaling a predictor by c rescales its coefficient by 1/c', () => {
    fc.assert(
      fc.property(datasetArb, fc.double({ min: 0.01, max: 100, noNaN: true }), ({ X, y }, c) => {
        const a = fitOrSkip(X, y);
        if (a === null) return;
        const order = X.map((_, i) => i).reverse();
        const b = logisticRegression(
          order.map((i) => X[i]),
          order.map((i) => y[i]),
        );
        const s = logisticRegression(
          X.map((row) => [row[0] * c, ...row.slice(1)]),
          y,
        );
        a.coefficients.forEach((r, j) => {
          expectClose(b.coefficients[j].estimate, r.estimate, ITER, 'permuted');
          expectClose(s.coefficients[j].estimate, j === 1 ? r.estimate / c : r.estimate, ITER, 'rescaled');
          expectClose(s.coefficients[j].z, r.z, ITER, 'z invariant under rescaling');
        });
        for (const r of a.coefficients) expect(r.pValue >= 0 && r.pValue <= 1).toBe(true);
      }),
      { numRuns: 40, seed: 5 },
    );
  });
  it('integer frequency weights equal replicated rows', () => {
    const X = [[0.5], [1.2], [-0.3], [2.2], [-1.1], [0.1], [0.9], [-0.6]];
    const y = [0, 1, 0, 1, 0, 1, 0, 1];
    const w = [1, 2, 3, 1, 2, 1, 2, 3];
    const weighted = logisticRegression(X, y, { weights: w });
    const rx: number[][] = [];
    const ry: number[] = [];
    w.forEach((m, i) => {
      for (let r = 0; r < m; r++) {
        rx.push(X[i]);
        ry.push(y[i]);
      }
    });
    const replicated = logisticRegression(rx, ry);
    // SEs use the weights of the final IRLS step, as summary.glm; the two fits take different paths to
    // the MLE, so their SEs differ by what the last step moved (≤ 1e-4 relative here), as they do in R
    weighted.coefficients.forEach((r, j) => {
      expectClose(r.estimate, replicated.coefficients[j].estimate, ITER, 'estimate');
      expectClose(r.se, replicated.coefficients[j].se, { rtol: 1e-4 }, 'se');
    });
    expectClose(weighted.deviance, replicated.deviance, FLAT, 'deviance');
  });
  it('a predictor with a huge mean and tiny spread (year-like) fits as the centred one does', () => {
    const base = [0.1, 0.7, 1.3, 2.2, 0.4, 2.9, 1.8, 0.2, 2.5, 1.1, 0.9, 2.7];
    const y = [0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1];
    const a = logisticRegression(
      base.map((v) => [v]),
      y,
    );
    const b = logisticRegression(
      base.map((v) => [2000 + v]),
      y,
    );
    expectClose(b.coefficients[1].estimate, a.coefficients[1].estimate, ITER, 'slope');
    expectClose(b.coefficients[1].se, a.coefficients[1].se, ITER, 'se');
    expectClose(
      b.coefficients[0].estimate,
      a.coefficients[0].estimate - 2000 * a.coefficients[1].estimate,
      { rtol: 1e-6 },
      'intercept',
    );
  });
});

describe('result shape', () => {
  it('is frozen, names the intercept, and records its conventions', () => {
    const fit = logisticRegression([[1], [0], [1], [0], [1], [0], [0], [1]], [1, 0, 0, 1, 1, 0, 1, 1], {
      names: ['irregular'],
    });
    expect(Object.isFrozen(fit)).toBe(true);
    expect(Object.isFrozen(fit.coefficients[0])).toBe(true);
    expect(Object.isFrozen(fit.fitted)).toBe(true);
    expect(fit.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'irregular']);
    expect(fit.conventions.confInt).toContain('SPSS');
    expect(fit.ci).toBe('wald');
    expect(fit.n).toBe(8);
    expect(fit.nEvents).toBe(5);
    expect(JSON.parse(JSON.stringify(fit)).coefficients[1].name).toBe('irregular');
  });
  it('confLevel changes the Wald multiplier', () => {
    const { X, y } = table2x2(12, 8, 6, 14);
    const fit = logisticRegression(X, y, { confLevel: 0.9 });
    const b = fit.coefficients[1];
    expectClose(b.confIntLogOdds[1], b.estimate + 1.6448536269514722 * b.se, { rtol: 1e-12 }, '90%');
  });
});

describe('input validation (every @throws)', () => {
  const X = [[1], [2], [3], [4]];
  const y = [0, 1, 0, 1];
  const bad: [string, () => unknown, RegExp][] = [
    ['y not 0/1', () => logisticRegression(X, [0, 1, 2, 1]), /y\[2\] must be 0 or 1/],
    ['y NaN', () => logisticRegression(X, [0, 1, NaN, 1]), /y\[2\]/],
    ['y empty', () => logisticRegression([], []), /y must be a non-empty/],
    ['y not an array', () => logisticRegression(X, null as unknown as number[]), /y must be/],
    ['X wrong length', () => logisticRegression([[1], [2]], y), /X must be an array of 4 rows/],
    ['X not an array', () => logisticRegression('x' as unknown as number[][], y), /X must be/],
    ['X ragged', () => logisticRegression([[1], [2, 3], [3], [4]], y), /X\[1\] must be a row of 1 numbers/],
    ['X NaN', () => logisticRegression([[1], [NaN], [3], [4]], y), /X\[1\]\[0\] must be a finite number/],
    ['X Infinity', () => logisticRegression([[1], [Infinity], [3], [4]], y), /X\[1\]\[0\]/],
    ['names length', () => logisticRegression(X, y, { names: ['a', 'b'] }), /names must be an array of 1/],
    [
      'names duplicate intercept',
      () => logisticRegression(X, y, { names: ['(Intercept)'] }),
      /names\[0\] must be a unique name/,
    ],
    ['weights negative', () => logisticRegression(X, y, { weights: [1, -1, 1, 1] }), /weights\[1\]/],
    ['weights length', () => logisticRegression(X, y, { weights: [1, 1] }), /weights must be an array of 4/],
    ['weights all zero', () => logisticRegression(X, y, { weights: [0, 0, 0, 0] }), /weights must be positive/],
    [
      'constant column',
      () =>
        logisticRegression(
          [
            [1, 5],
            [2, 5],
            [3, 5],
            [4, 5],
          ],
          y,
          { names: ['a', 'const'] },
        ),
      /"const".*constant/,
    ],
    [
      'aliased column',
      () =>
        logisticRegression(
          [
            [1, 2, 0],
            [2, 4, 1],
            [3, 6, 0],
            [4, 8, 1],
            [5, 10, 1],
          ],
          [0, 1, 0, 1, 1],
          { names: ['a', 'twice_a', 'b'] },
        ),
      /aliased.*twice_a \(X column 1\)/,
    ],
    [
      'aliased sum',
      () =>
        logisticRegression(
          [
            [1, 0, 1],
            [0, 1, 1],
            [1, 1, 2],
            [0, 0, 0],
            [1, 0, 1],
            [0, 1, 1],
          ],
          [0, 1, 0, 1, 1, 0],
          { names: ['a', 'b', 'a_plus_b'] },
        ),
      /aliased.*a_plus_b \(X column 2\)/,
    ],
    [
      'more parameters than rows',
      () =>
        logisticRegression(
          [
            [1, 3],
            [2, 1],
          ],
          [0, 1],
        ),
      /aliased/,
    ],
    ['confLevel', () => logisticRegression(X, y, { confLevel: 95 }), /confLevel must be/],
    ['ci', () => logisticRegression(X, y, { ci: 'score' as 'wald' }), /ci must be/],
    ['firth', () => logisticRegression(X, y, { firth: 'yes' as unknown as boolean }), /firth must be a boolean/],
    ['maxIterations', () => logisticRegression(X, y, { maxIterations: 0 }), /maxIterations/],
    ['tolerance', () => logisticRegression(X, y, { tolerance: -1 }), /tolerance/],
  ];
  for (const [label, fn, message] of bad) {
    it(label, () => {
      expect(fn).toThrow(InputError);
      expect(fn).toThrow(message);
    });
  }
  it('frozen inputs are accepted and not modified', () => {
    const fx = Object.freeze([
      Object.freeze([1]),
      Object.freeze([2]),
      Object.freeze([3]),
      Object.freeze([4]),
      Object.freeze([5]),
    ]);
    const fy = Object.freeze([0, 1, 0, 1, 1]);
    expect(() => logisticRegression(fx, fy)).not.toThrow();
  });
  it('non-convergence within maxIterations is a warning, not an error', () => {
    const fit = logisticRegression([[0.5], [1.2], [-0.3], [2.2], [-1.1], [0.1]], [0, 1, 0, 1, 1, 0], {
      maxIterations: 1,
    });
    expect(fit.converged).toBe(false);
    expect(fit.warnings.join('\n')).toContain('algorithm did not converge');
  });
});

describe('predict', () => {
  const c = wellPosed.find((cc) => cc.fitted && cc.k >= 2)!;
  const fit = logisticRegression(design(c), c.y, options(c));
  it('returns the fitted probabilities for the training rows (R predict(type = "response"))', () => {
    expectAllClose(predict(fit, design(c)), c.fitted!, { rtol: 1e-6, atol: 1e-12 }, 'predict');
    expectAllClose(predict(fit), fit.fitted, { rtol: 1e-15 }, 'no X');
  });
  it('link = b0 + xᵀb, and logit(response) = link', () => {
    const row = design(c)[0];
    const link = predict(fit, [row], { type: 'link' })[0];
    const b = fit.coefficients.map((r) => r.estimate);
    expectClose(link, b[0] + row.reduce((s, v, j) => s + v * b[j + 1], 0), { rtol: 1e-12 }, 'link');
    const prob = predict(fit, [row])[0];
    expectClose(Math.log(prob / (1 - prob)), link, { rtol: 1e-10 }, 'logit');
    expectAllClose(
      predict(fit, undefined, { type: 'link' }),
      fit.fitted.map((m) => Math.log(m / (1 - m))),
      { rtol: 1e-9, atol: 1e-12 },
      'fitted link',
    );
  });
  it('the @example: two of three x = 1 rows are events', () => {
    const f = logisticRegression([[0], [0], [1], [1], [0], [1]], [0, 1, 1, 1, 0, 0]);
    expectClose(predict(f, [[1]])[0], 2 / 3, ITER, 'example');
  });
  it('throws on bad rows and types', () => {
    expect(() => predict(fit, [[1]])).toThrow(InputError);
    expect(() => predict(fit, [design(c)[0].map(() => NaN)])).toThrow(/finite/);
    expect(() => predict(fit, design(c), { type: 'prob' as 'link' })).toThrow(/type must be/);
    expect(() => predict({} as LogisticRegressionResult, [[1]])).toThrow(/model must be/);
    expect(() => predict(fit, 'x' as unknown as number[][])).toThrow(/X must be/);
  });
});

describe('likelihoodRatioTest checks', () => {
  const { X, y } = table2x2(12, 8, 6, 14);
  const full = logisticRegression(X, y, { names: ['a'] });
  const reduced = logisticRegression([], y);
  it('refuses models that are not nested, swapped, on other data, or Firth fits', () => {
    expect(() => likelihoodRatioTest(reduced, full)).toThrow(/nested in full/);
    expect(() => likelihoodRatioTest(full, full)).toThrow(/more coefficients/);
    expect(() => likelihoodRatioTest(full, logisticRegression([], y.slice(1)))).toThrow(/same observations/);
    const other = logisticRegression(X, y, { names: ['b'] });
    const both = logisticRegression(
      X.map((r, i) => [r[0], i % 3]),
      y,
      { names: ['b', 'c'] },
    );
    expect(() => likelihoodRatioTest(both, full)).toThrow(/coefficients not in full: a/);
    expect(likelihoodRatioTest(both, other).df).toBe(1);
    expect(() => likelihoodRatioTest(logisticRegression(X, y, { firth: true }), reduced)).toThrow(/Firth/);
    expect(() => likelihoodRatioTest({} as LogisticRegressionResult, reduced)).toThrow(/full must be a result/);
  });
  it('the @example: G² and p as R anova(test = "Chisq") (R 4.2.2 values)', () => {
    const Xe = [...Array(20).fill([1]), ...Array(20).fill([0])];
    const ye = [...Array(12).fill(1), ...Array(8).fill(0), ...Array(6).fill(1), ...Array(14).fill(0)];
    const lr = likelihoodRatioTest(logisticRegression(Xe, ye), logisticRegression([], ye));
    expectClose(lr.statistic!, 3.6960663345210847, { rtol: 1e-9 }, 'G²');
    expectClose(lr.pValue, 0.0545409092385961, { rtol: 1e-9 }, 'p');
  });
  it('is a frozen htest', () => {
    const lr = likelihoodRatioTest(full, reduced);
    expect(Object.isFrozen(lr)).toBe(true);
    expect(lr.statisticName).toBe('LR chi-squared');
    expect(lr.n).toBe(40);
    expect(lr.pValue).toBeGreaterThan(0);
    expect(lr.pValue).toBeLessThan(1);
  });
});
