import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { aucConfidenceInterval, rocCurve } from '../../../src/stats/roc/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';
import type { RocCase } from './rocCase.ts';

const { cases } = readFixture<{ cases: RocCase[] }>('test/fixtures/r/roc/roc.json');
const dirOpt = (c: RocCase) => (c.direction_arg === 'auto' ? {} : { direction: c.direction_arg as '<' | '>' });

describe('DeLong CI against pROC ci.auc(method = "delong") and var.roc', () => {
  for (const c of cases.filter((x) => x.delong)) {
    it(c.name, () => {
      const r = rocCurve(c.labels, c.a, dirOpt(c));
      const ci = aucConfidenceInterval(r, { method: 'delong' });
      const d = c.delong!;
      expectClose(ci.se, d.se, { rtol: 1e-9, atol: 1e-15 }, `${c.name} se`);
      expectClose(ci.confInt[0], d.lower, { rtol: 1e-9, atol: 1e-15 }, `${c.name} lower`);
      expectClose(ci.confInt[1], d.upper, { rtol: 1e-9, atol: 1e-15 }, `${c.name} upper`);
      const ci90 = aucConfidenceInterval(r, { method: 'delong', confLevel: 0.9 });
      expectClose(ci90.confInt[0], d.lower90, { rtol: 1e-9, atol: 1e-15 }, `${c.name} lower90`);
      expectClose(ci90.confInt[1], d.upper90, { rtol: 1e-9, atol: 1e-15 }, `${c.name} upper90`);
      if (ci.confIntUntruncated[1] > 1 || ci.confIntUntruncated[0] < 0)
        expect(ci.warnings.join(' ')).toMatch(/truncated/);
    });
  }
  it('perfect separation: SE 0 with a warning', () => {
    const ci = aucConfidenceInterval(rocCurve([0, 0, 1, 1], [1, 2, 3, 4], { direction: '<' }), { method: 'delong' });
    expect(ci.se).toBe(0);
    expect(ci.confInt).toEqual([1, 1]);
    expect(ci.warnings.join(' ')).toMatch(/standard error is 0/);
  });
  it('truncation to [0, 1] keeps the computed bounds and warns', () => {
    const ci = aucConfidenceInterval(rocCurve([0, 0, 0, 1, 1, 1], [1, 2, 4, 3, 5, 6], { direction: '<' }), {
      method: 'delong',
    });
    expect(ci.confInt[1]).toBe(1);
    expect(ci.confIntUntruncated[1]).toBeGreaterThan(1);
    expect(ci.warnings.join(' ')).toMatch(/truncated/);
  });
  it('throws with fewer than 2 cases', () => {
    expect(() =>
      aucConfidenceInterval(rocCurve([0, 0, 1], [1, 2, 3], { direction: '<' }), { method: 'delong' }),
    ).toThrow(/at least 2 cases/);
  });
});

describe('Hanley–McNeil SE', () => {
  it('hand-derived: A = 0.75, m = n = 2', () => {
    // controls 1,3 ; cases 2,4: pairs won 3 of 4 -> A = 0.75
    // Q1 = .75/1.25 = 0.6, Q2 = 2*.5625/1.75 = 0.642857142857..., A² = 0.5625
    // var = (.75*.25 + 1*(0.6-.5625) + 1*(0.6428571428571429-.5625))/4 = (0.1875 + 0.0375 + 0.08035714285714285)/4
    const ci = aucConfidenceInterval(rocCurve([0, 1, 0, 1], [1, 2, 3, 4], { direction: '<' }), {
      method: 'hanley-mcneil',
    });
    expect(ci.auc).toBe(0.75);
    expectClose(ci.se, Math.sqrt((0.1875 + 0.0375 + 0.08035714285714285) / 4), { rtol: 1e-14 }, 'se');
    expectClose(ci.confIntUntruncated[0], 0.75 - 1.959963984540054 * ci.se, { rtol: 1e-14 }, 'lower');
  });
  it('hand-derived: A = 0.9, m = n = 50 (Hanley & McNeil 1982 Table 1 setting)', () => {
    // 50 controls at 0; 40 cases at 1 and 10 tied at 0 -> A = (40·50 + 10·50/2)/2500 = 0.9
    // Q1 = 0.9/1.1, Q2 = 1.62/1.9; var = (0.09 + 49(Q1 − 0.81) + 49(Q2 − 0.81))/2500 = 0.0010319... -> SE 0.03212
    const labels = [...Array(50).fill(0), ...Array(50).fill(1)];
    const scores = [...Array(50).fill(0), ...Array(40).fill(1), ...Array(10).fill(0)];
    const ci = aucConfidenceInterval(rocCurve(labels, scores, { direction: '<' }), { method: 'hanley-mcneil' });
    expect(ci.auc).toBe(0.9);
    const q1 = 0.9 / 1.1;
    const q2 = 1.62 / 1.9;
    expectClose(ci.se, Math.sqrt((0.09 + 49 * (q1 - 0.81) + 49 * (q2 - 0.81)) / 2500), { rtol: 1e-13 }, 'se');
    expect(ci.se.toFixed(4)).toBe('0.0321');
  });
});

describe('SPSS nonparametric and Hanley–McNeil SE against a brute-force O(m·n) R computation', () => {
  for (const c of cases.filter((x) => x.delong)) {
    it(c.name, () => {
      const r = rocCurve(c.labels, c.a, dirOpt(c));
      const bf = (c as unknown as { bruteforce: { spss: number; hanley_mcneil: number; null_p: number } }).bruteforce;
      const spss = aucConfidenceInterval(r, { method: 'spss' });
      expectClose(spss.se, bf.spss, { rtol: 1e-9, atol: 1e-15 }, 'spss se');
      expectClose(spss.pValue, bf.null_p, { rtol: 1e-9, atol: 1e-300 }, 'H0 AUC = 0.5 p');
      expectClose(
        aucConfidenceInterval(r, { method: 'hanley-mcneil' }).se,
        bf.hanley_mcneil,
        { rtol: 1e-9, atol: 1e-15 },
        'hanley-mcneil se',
      );
    });
  }
});

describe("SPSS nonparametric SE ('spss') and the H0: AUC = 0.5 test", () => {
  // PSPP test suite (tests/language/stats/roc.at, "ROC, with anomaly"): PSPP re-implements SPSS ROC and prints
  // Area .490, Std. Error .111, Asymptotic Sig. .927 for these 14 + 14 values.
  const pos = [0, 1, 2, 5, 10, 15, 20, 20, 25, 30, 35, 38, 39, 40];
  const neg = [0, 1, 2, 5, 10, 15, 22, 22, 25, 30, 35, 38, 39, 40];
  const labels = [...pos.map(() => 1), ...neg.map(() => 0)];
  it('PSPP "ROC, with anomaly": .490, .111, .927', () => {
    const ci = aucConfidenceInterval(rocCurve(labels, [...pos, ...neg], { direction: '<' }), { method: 'spss' });
    expect(ci.auc.toFixed(3)).toBe('0.490');
    expect(ci.se.toFixed(3)).toBe('0.111');
    expect(ci.pValue.toFixed(3)).toBe('0.927');
    // DeLong differs in the third decimal here (0.113)
    expect(
      aucConfidenceInterval(rocCurve(labels, [...pos, ...neg], { direction: '<' }), { method: 'delong' }).se.toFixed(3),
    ).toBe('0.113');
  });
  it('PSPP "ROC, free distribution" (Hanley & McNeil 1982 rating data, 50 + 50): SE .030; 99% bounds .839/.981 imply SE 0.0304…', () => {
    const cases = [
      ...Array(2).fill(1),
      ...Array(4).fill(2),
      ...Array(10).fill(3),
      ...Array(14).fill(4),
      ...Array(20).fill(5),
    ];
    const controls = [...Array(28).fill(1), ...Array(14).fill(2), ...Array(5).fill(3), ...Array(2).fill(4), 5];
    const r = rocCurve([...cases.map(() => 1), ...controls.map(() => 0)], [...cases, ...controls], { direction: '<' });
    const ci = aucConfidenceInterval(r, { method: 'spss' });
    expect(ci.auc).toBe(0.91);
    expect(ci.se.toFixed(3)).toBe('0.030');
    // PSPP prints the 99% CI as A ± 2.326·SE (its one-sided quantile): .839 and .981 pin the SE to [0.0303, 0.0307],
    // which the E²/3 tie weighting gives (0.03045) and E²/4 (0.02951) does not
    expect(ci.se).toBeGreaterThan(0.0303);
    expect(ci.se).toBeLessThan(0.0307);
    expect((0.91 - 2.3263478740408408 * ci.se).toFixed(3)).toBe('0.839');
    const negexpo = aucConfidenceInterval(r, { method: 'hanley-mcneil' });
    expect(negexpo.se.toFixed(3)).toBe('0.030'); // PSPP "negative exponential distribution": .030
  });
  it("'>' direction mirrors '<' on negated scores", () => {
    const s = [...pos, ...neg];
    const a = aucConfidenceInterval(rocCurve(labels, s, { direction: '<' }), { method: 'spss' });
    const b = aucConfidenceInterval(
      rocCurve(
        labels,
        s.map((v) => -v),
        { direction: '>' },
      ),
      { method: 'spss' },
    );
    expectClose(b.se, a.se, { rtol: 1e-12 }, 'se');
  });
});

describe('stratified bootstrap CI vs pROC (Monte Carlo)', () => {
  const boot = readFixture<{
    cases: {
      name: string;
      labels: number[];
      scores: number[];
      auc: number;
      lower: number;
      upper: number;
      se: number;
      nBoot: number;
    }[];
  }>('test/fixtures/r/roc/bootstrap.json').cases;
  for (const b of boot) {
    it(b.name, () => {
      const r = rocCurve(b.labels, b.scores, { direction: '<' });
      const ci = aucConfidenceInterval(r, { method: 'bootstrap', nBoot: 2000, seed: 42 });
      expectClose(ci.auc, b.auc, { rtol: 1e-12 }, 'auc');
      // Two independent 2000-replicate bootstraps: the SD estimates agree within a few % (relative SE of an
      // SD from B replicates ≈ 1/sqrt(2B) ≈ 1.6 %); percentile bounds differ by Monte Carlo error of order
      // se·sqrt(q(1−q)/B)/f(q) ≈ 0.1·se; allow 0.35·se (a > 3.5-sigma band for the difference of two).
      expectClose(ci.se, b.se, { rtol: 0.08 }, 'bootstrap SD');
      expectClose(ci.confInt[0], b.lower, { atol: 0.35 * b.se }, 'lower');
      expectClose(ci.confInt[1], b.upper, { atol: 0.35 * b.se }, 'upper');
    });
  }
  it('is reproducible from the seed and changes with it', () => {
    const r = rocCurve([0, 0, 0, 1, 1, 1, 0, 1, 0, 1], [1, 2, 2, 3, 2, 5, 4, 4, 3, 6], { direction: '<' });
    const a = aucConfidenceInterval(r, { method: 'bootstrap', nBoot: 200, seed: 7 });
    const b = aucConfidenceInterval(r, { method: 'bootstrap', nBoot: 200, seed: 7 });
    const c = aucConfidenceInterval(r, { method: 'bootstrap', nBoot: 200, seed: 8 });
    expect(a).toEqual(b);
    expect(a.conventions.seed).toBe(7);
    expect(c.se).not.toBe(a.se);
  });
});

describe('aucConfidenceInterval: input errors', () => {
  const r = rocCurve([0, 1, 0, 1], [1, 2, 3, 4], { direction: '<' });
  it.each([
    [{ method: 'wald' }, /method must be one of 'delong', 'hanley-mcneil', 'spss', 'bootstrap'/],
    [{ method: 'delong', confLevel: 1 }, /confLevel must be/],
    [{ method: 'bootstrap', nBoot: 2.5 }, /nBoot must be/],
    [{ method: 'bootstrap', seed: 0 }, /seed must be/],
  ])('%j', (opts, re) => {
    expect(() => aucConfidenceInterval(r, opts as never)).toThrow(re);
  });
  it('non-curve', () => expect(() => aucConfidenceInterval({} as never, { method: 'delong' })).toThrow(InputError));
});
