import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { delongPlacements } from '../../../src/stats/roc/_placements.ts';
import { rocCurve, youden } from '../../../src/stats/roc/index.ts';
import { expectAllClose, expectClose, readFixture } from '../../helpers/expectClose.ts';
import type { RocCase } from './rocCase.ts';

const { cases } = readFixture<{ cases: RocCase[] }>('test/fixtures/r/roc/roc.json');
const dirOpt = (c: RocCase) => (c.direction_arg === 'auto' ? {} : { direction: c.direction_arg as '<' | '>' });

describe('rocCurve against pROC roc/auc/coords("all")', () => {
  it('has a fixture with many cases', () => expect(cases.length).toBeGreaterThan(50));
  for (const c of cases) {
    it(c.name, () => {
      const r = rocCurve(c.labels, c.a, dirOpt(c));
      expect(r.direction).toBe(c.direction);
      expectClose(r.auc, c.auc, { rtol: 1e-12, atol: 1e-15 }, `${c.name} auc`);
      expect(r.points.length, `${c.name} number of thresholds`).toBe(c.coords.threshold.length);
      // thresholds are midpoints computed exactly as pROC: identical doubles
      expect(r.points.map((p) => p.threshold)).toEqual(c.coords.threshold);
      expectAllClose(
        r.points.map((p) => p.sensitivity),
        c.coords.sensitivity,
        { rtol: 1e-12 },
        `${c.name} se`,
      );
      expectAllClose(
        r.points.map((p) => p.specificity),
        c.coords.specificity,
        { rtol: 1e-12 },
        `${c.name} sp`,
      );
      // counts: pROC derives them as se·m in floating point (e.g. 47.00000000000001); ours are exact integers
      for (const key of ['tp', 'fp', 'tn', 'fn'] as const) {
        expect(r.points.map((p) => p[key])).toEqual(c.coords[key].map(Math.round));
        expectAllClose(
          r.points.map((p) => p[key]),
          c.coords[key],
          { rtol: 1e-13 },
          `${c.name} ${key}`,
        );
      }
      if (c.direction_arg === 'auto') expect(r.warnings.join(' ')).toMatch(/direction was not given/);
      else expect(r.conventions.directionChosenBy).toBe('user');
    });
  }
});

describe('youden against pROC coords("best", best.method = "youden") (all ties)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const y = youden(rocCurve(c.labels, c.a, dirOpt(c)));
      const thresholds = y.best.map((p) => p.threshold);
      // exact ties, computed in R from integer counts
      expect(thresholds).toEqual(c.youden_exact_threshold);
      // pROC compares se + sp with == in floating point and can miss a tie; every threshold it returns is ours
      for (const [i, t] of c.youden.threshold.entries()) {
        const ours = y.best.find((p) => p.threshold === t);
        expect(ours, `pROC threshold ${t}`).toBeDefined();
        expect(ours!.tp).toBe(Math.round(c.youden.tp[i]));
        expect(ours!.tn).toBe(Math.round(c.youden.tn[i]));
        expectClose(ours!.sensitivity, c.youden.sensitivity[i], { rtol: 1e-12 }, 'se');
        expectClose(ours!.specificity, c.youden.specificity[i], { rtol: 1e-12 }, 'sp');
      }
    });
  }
  it('returns every tied maximum (hand-derived)', () => {
    // cases 2,4 ; controls 1,3: thresholds 1.5 (se 1, sp .5) and 3.5 (se .5, sp 1) both give J = 0.5
    const y = youden(rocCurve([0, 1, 0, 1], [1, 2, 3, 4], { direction: '<' }));
    expect(y.best.map((p) => p.threshold)).toEqual([1.5, 3.5]);
    expect(y.youden).toBe(0.5);
    expect(y.best.map((p) => [p.tp, p.fp, p.tn, p.fn])).toEqual([
      [2, 1, 1, 0],
      [1, 0, 2, 1],
    ]);
    expect(y.warnings[0]).toMatch(/2 thresholds/);
  });
  it('throws for a non-curve', () => {
    expect(() => youden({} as never)).toThrow(InputError);
  });
});

describe('rocCurve: hand-derived case and conventions', () => {
  it('tiny example: AUC by counting pairs', () => {
    // controls 1,2,2,4 ; cases 2,3,4,5 -> pairs case>control: 2:(1)=1 + tie with 2,2 (2*.5) ; 3:(1,2,2)=3 ; 4:(1,2,2)=3 + tie .5 ; 5: 4
    // total = 1 + 1 + 3 + 3.5 + 4 = 12.5 of 16
    const r = rocCurve([0, 0, 0, 1, 1, 1, 0, 1], [1, 2, 2, 3, 2, 5, 4, 4], { direction: '<' });
    expect(r.auc).toBe(12.5 / 16);
    expect(r.points[0]).toEqual({ threshold: -Infinity, sensitivity: 1, specificity: 0, tp: 4, fp: 4, tn: 0, fn: 0 });
    expect(r.points[r.points.length - 1].threshold).toBe(Infinity);
    expect(Object.isFrozen(r) && Object.isFrozen(r.points) && Object.isFrozen(r.points[0])).toBe(true);
  });
  it("'>' gives 1 − AUC('<') and reversed thresholds", () => {
    const lab = [0, 0, 0, 1, 1, 1, 0, 1];
    const x = [1, 2, 2, 3, 2, 5, 4, 4];
    const lt = rocCurve(lab, x, { direction: '<' });
    const gt = rocCurve(lab, x, { direction: '>' });
    expect(gt.auc).toBe(1 - lt.auc);
    expect(gt.points.map((p) => p.threshold)).toEqual(lt.points.map((p) => p.threshold).reverse());
  });
  it('auto direction is recorded, never silent', () => {
    const r = rocCurve([0, 0, 1, 1], [5, 6, 1, 2]);
    expect(r.direction).toBe('>');
    expect(r.auc).toBe(1);
    expect(r.conventions.directionChosenBy).toMatch(/auto/);
    expect(r.warnings.some((w) => w.includes("chose '>'"))).toBe(true);
    expect(r.warnings.some((w) => w.includes('AUC = 1'))).toBe(true);
  });
  it('AUC < 0.5 is reported as computed, with a warning', () => {
    const r = rocCurve([0, 0, 1, 1], [5, 6, 1, 2], { direction: '<' });
    expect(r.auc).toBe(0);
    expect(r.warnings.join(' ')).toMatch(/other direction/);
  });
  it("thresholdStyle 'spss': end cut-offs min − 1 and max + 1 (PSPP/SPSS coordinates table)", () => {
    // PSPP roc.at "free distribution": cut-offs .000, 1.500, 2.500, 3.500, 4.500, 6.000 for ratings 1–5
    const cases = [1, 1, 2, 3, 4, 5];
    const controls = [1, 2, 2, 3, 5];
    const r = rocCurve([...cases.map(() => 1), ...controls.map(() => 0)], [...cases, ...controls], {
      direction: '<',
      thresholdStyle: 'spss',
    });
    expect(r.points.map((p) => p.threshold)).toEqual([0, 1.5, 2.5, 3.5, 4.5, 6]);
    expect(r.conventions.thresholds).toMatch(/SPSS/);
    const gt = rocCurve([...cases.map(() => 1), ...controls.map(() => 0)], [...cases, ...controls], {
      direction: '>',
      thresholdStyle: 'spss',
    });
    expect(gt.points.map((p) => p.threshold)).toEqual([6, 4.5, 3.5, 2.5, 1.5, 0]);
    expect(() => rocCurve([0, 1], [1, 2], { thresholdStyle: 'r' as never })).toThrow(/thresholdStyle must be/);
  });
  it('custom positive label', () => {
    const r = rocCurve([2, 2, 7, 7], [1, 2, 3, 4], { positive: 7, direction: '<' });
    expect(r.auc).toBe(1);
    expect(r.nCases).toBe(2);
  });
  it('does not modify frozen inputs', () => {
    const lab = Object.freeze([0, 1, 0, 1]);
    const x = Object.freeze([4, 3, 2, 1]);
    rocCurve(lab, x, { direction: '<' });
    expect(x).toEqual([4, 3, 2, 1]);
  });
});

describe('rocCurve: input errors', () => {
  it.each([
    [[], [], /labels must/],
    [[0, 0], [1, 2], /at least one case/],
    [[1, 1], [1, 2], /at least one control/],
    [[0, 1, 2], [1, 2, 3], /labels\[2\] must be one of two label values/],
    [[0, 1], [1], /scores must be an array of the same length/],
    [[0, 1], [1, NaN], /scores\[1\] must be a finite number/],
    [[0, 1], [1, Infinity], /scores\[1\]/],
    [[0, NaN], [1, 2], /labels\[1\]/],
  ])('%j %j', (labels, scores, re) => {
    expect(() => rocCurve(labels as number[], scores as number[], { direction: '<' })).toThrow(re);
    expect(() => rocCurve(labels as number[], scores as number[], { direction: '<' })).toThrow(InputError);
  });
  it('bad direction', () => {
    expect(() => rocCurve([0, 1], [1, 2], { direction: 'auto' as never })).toThrow(/direction must be/);
  });
});

const sample = fc
  .array(fc.record({ label: fc.constantFrom(0, 1), score: fc.integer({ min: -20, max: 20 }) }), {
    minLength: 2,
    maxLength: 40,
  })
  .filter((xs) => xs.some((x) => x.label === 1) && xs.some((x) => x.label === 0));

describe('rocCurve: properties', () => {
  it('AUC in [0, 1]; AUC(−x) = 1 − AUC(x); AUC(>) = 1 − AUC(<)', () => {
    fc.assert(
      fc.property(sample, (xs) => {
        const lab = xs.map((x) => x.label);
        const s = xs.map((x) => x.score);
        const a = rocCurve(lab, s, { direction: '<' }).auc;
        const neg = rocCurve(
          lab,
          s.map((v) => -v),
          { direction: '<' },
        ).auc;
        const gt = rocCurve(lab, s, { direction: '>' }).auc;
        return a >= 0 && a <= 1 && Math.abs(neg - (1 - a)) < 1e-15 && Math.abs(gt - (1 - a)) < 1e-15;
      }),
    );
  });
  it('invariant to strictly increasing transforms and to permutations', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 1, max: 1e6 }), (xs, seed) => {
        const lab = xs.map((x) => x.label);
        const s = xs.map((x) => x.score);
        const base = rocCurve(lab, s, { direction: '<' });
        const t = rocCurve(
          lab,
          s.map((v) => Math.exp(v / 7) * 3 + 1),
          { direction: '<' },
        );
        const order = xs.map((_, i) => i).sort((i, j) => ((i * 7919 + seed) % 101) - ((j * 7919 + seed) % 101));
        const p = rocCurve(
          order.map((i) => lab[i]),
          order.map((i) => s[i]),
          { direction: '<' },
        );
        const counts = (r: typeof base) => r.points.map((q) => [q.tp, q.fp]);
        return (
          t.auc === base.auc &&
          p.auc === base.auc &&
          JSON.stringify(counts(t)) === JSON.stringify(counts(base)) &&
          JSON.stringify(counts(p)) === JSON.stringify(counts(base))
        );
      }),
    );
  });
  it('DeLong theta equals the trapezoidal AUC of the curve', () => {
    fc.assert(
      fc.property(sample, fc.constantFrom('<' as const, '>' as const), (xs, dir) => {
        const lab = xs.map((x) => x.label);
        const s = xs.map((x) => x.score);
        const r = rocCurve(lab, s, { direction: dir });
        let trapezoid = 0;
        for (let i = 1; i < r.points.length; i++) {
          const p0 = r.points[i - 1];
          const p1 = r.points[i];
          trapezoid += ((p1.specificity - p0.specificity) * (p1.sensitivity + p0.sensitivity)) / 2;
        }
        const theta = delongPlacements(Float64Array.from(r.cases), Float64Array.from(r.controls), dir).theta;
        return Math.abs(theta - trapezoid) < 1e-12 && Math.abs(theta - r.auc) < 1e-15;
      }),
    );
  });
});
