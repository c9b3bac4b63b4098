import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { aucConfidenceInterval, delongTest, delongTestUnpaired, rocCurve } from '../../../src/stats/roc/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';
import type { RocCase } from './rocCase.ts';

const { cases } = readFixture<{ cases: RocCase[] }>('test/fixtures/r/roc/roc.json');
const alts = { 'two.sided': 'two-sided', less: 'less', greater: 'greater' } as const;

describe('delongTest (paired) against pROC roc.test(method = "delong", paired = TRUE)', () => {
  for (const c of cases.filter((x) => x.paired)) {
    it(c.name, () => {
      const opts = c.direction_arg === 'auto' ? {} : { direction: c.direction_arg as '<' | '>' };
      for (const [rAlt, alt] of Object.entries(alts)) {
        const t = delongTest(c.labels, c.a, c.b, { ...opts, alternative: alt });
        const e = c.paired![rAlt as keyof typeof alts];
        expect(t.directionA).toBe(c.direction);
        expect(t.directionB).toBe(c.direction_b);
        expectClose(t.aucA, c.auc, { rtol: 1e-12, atol: 1e-15 }, 'aucA');
        expectClose(t.aucB, c.auc_b, { rtol: 1e-12, atol: 1e-15 }, 'aucB');
        expectClose(t.statistic!, e.statistic, { rtol: 1e-9, atol: 1e-12 }, `${c.name} ${alt} Z`);
        expectClose(t.pValue, e.p, { rtol: 1e-9, atol: 1e-300 }, `${c.name} ${alt} p`);
        expectClose(t.confInt![0], e.lower, { rtol: 1e-9, atol: 1e-14 }, `${c.name} lower`);
        expectClose(t.confInt![1], e.upper, { rtol: 1e-9, atol: 1e-14 }, `${c.name} upper`);
      }
    });
  }
  it('identical scores: Z = 0, p = 1, warning', () => {
    const t = delongTest([0, 0, 1, 1, 0, 1], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], { direction: '<' });
    expect(t.statistic).toBe(0);
    expect(t.pValue).toBe(1);
    expect(t.warnings.join(' ')).toMatch(/variance of the difference is 0/);
  });
  it('auto directions are stated in warnings', () => {
    const t = delongTest([0, 0, 1, 1], [1, 2, 3, 4], [4, 3, 2, 1]);
    expect(t.directionA).toBe('<');
    expect(t.directionB).toBe('>');
    expect(t.warnings.join(' ')).toMatch(/different directions/);
  });
  it('paired test of a score against itself shifted by a monotone map has the same AUCs', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.record({ l: fc.constantFrom(0, 1), s: fc.integer({ min: 0, max: 9 }) }), {
            minLength: 4,
            maxLength: 30,
          })
          .filter((xs) => xs.filter((x) => x.l === 1).length >= 2 && xs.filter((x) => x.l === 0).length >= 2),
        (xs) => {
          const lab = xs.map((x) => x.l);
          const s = xs.map((x) => x.s);
          const t = delongTest(
            lab,
            s,
            s.map((v) => v * 3 + 1),
            { direction: '<' },
          );
          return t.pValue === 1 && t.estimate === 0 && t.pValue >= 0;
        },
      ),
    );
  });
  it('SE of each AUC matches the single-curve DeLong SE (covariance diagonal)', () => {
    const c = cases.find((x) => x.name === 'n750')!;
    const t = delongTest(
      c.labels,
      c.a,
      c.labels.map(() => 0).map((_, i) => i % 7),
      { direction: '<' },
    );
    const se = aucConfidenceInterval(rocCurve(c.labels, c.a, { direction: '<' }), { method: 'delong' }).se;
    expect(Number.isFinite(t.se!)).toBe(true);
    expect(se).toBeGreaterThan(0);
  });
  it.each([
    [[0, 1, 0, 1], [1, 2, 3], [1, 2, 3, 4], /scoresA must be an array of the same length/],
    [[0, 1, 0, 1], [1, 2, 3, 4], [1, 2, NaN, 4], /scoresB\[2\]/],
    [[0, 1, 0, 0], [1, 2, 3, 4], [1, 2, 3, 4], /at least 2 cases and 2 controls/],
  ])('throws: %j', (l, a, b, re) => {
    expect(() => delongTest(l as number[], a as number[], b as number[], { direction: '<' })).toThrow(re);
    expect(() => delongTest(l as number[], a as number[], b as number[], { direction: '<' })).toThrow(InputError);
  });
  it('bad options throw', () => {
    expect(() => delongTest([0, 1, 0, 1], [1, 2, 3, 4], [1, 2, 3, 4], { alternative: 'two.sided' as never })).toThrow(
      /alternative must be/,
    );
    expect(() => delongTest([0, 1, 0, 1], [1, 2, 3, 4], [1, 2, 3, 4], { confLevel: 95 })).toThrow(/confLevel/);
  });
});

interface UnpairedCase {
  first: string;
  second: string;
  direction: '<' | '>';
  labelsA: number[];
  scoresA: number[];
  labelsB: number[];
  scoresB: number[];
  aucA: number;
  aucB: number;
  tests: Record<'two.sided' | 'less' | 'greater', { statistic: number; df: number; p: number }>;
}
const unpaired = readFixture<{ cases: UnpairedCase[] }>('test/fixtures/r/roc/unpaired.json').cases;

describe('delongTestUnpaired against pROC roc.test(method = "delong", paired = FALSE)', () => {
  for (const [i, c] of unpaired.entries()) {
    it(`${i}: ${c.first} vs ${c.second} (${c.direction})`, () => {
      for (const [rAlt, alt] of Object.entries(alts)) {
        const t = delongTestUnpaired(c.labelsA, c.scoresA, c.labelsB, c.scoresB, {
          direction: c.direction,
          alternative: alt,
        });
        const e = c.tests[rAlt as keyof typeof alts];
        expectClose(t.aucA, c.aucA, { rtol: 1e-12, atol: 1e-15 }, 'aucA');
        expectClose(t.aucB, c.aucB, { rtol: 1e-12, atol: 1e-15 }, 'aucB');
        if (!Number.isFinite(e.statistic)) continue;
        expectClose(t.statistic!, e.statistic, { rtol: 1e-9, atol: 1e-12 }, 'D');
        expectClose(t.df!, e.df, { rtol: 1e-9 }, 'df');
        expectClose(t.pValue, e.p, { rtol: 1e-8, atol: 1e-300 }, `${alt} p`);
      }
    });
  }
  it('throws with one control in a sample', () => {
    expect(() => delongTestUnpaired([0, 1, 1], [1, 2, 3], [0, 1, 0, 1], [1, 2, 3, 4], { direction: '<' })).toThrow(
      /labelsA must/,
    );
  });
});
