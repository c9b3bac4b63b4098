import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import type { DunnAdjust } from '../../../src/stats/ranks/index.ts';
import { dunnTest, kruskalWallis, mannWhitneyU } from '../../../src/stats/ranks/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Cmp {
  a: number;
  b: number;
  statistic: number;
  pValue: number;
  pAdjusted?: number;
  bonferroni?: number;
  holm?: number;
}
interface Case {
  name: string;
  groups: number[][];
  dunn: Record<string, Cmp[]>;
}
const { cases } = readFixture<{ cases: Case[] }>('test/fixtures/r/ranks/kruskalDunn.json');

const find = <T extends { a: number; b: number }>(list: readonly T[], a: number, b: number): T =>
  list.find((c) => c.a === a && c.b === b)!;

describe('dunnTest against an independent R computation (rank() + Dunn 1964 formula, p.adjust)', () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const adjust of ['bonferroni', 'holm', 'none'] as DunnAdjust[]) {
        const r = dunnTest(c.groups, { adjust });
        expect(r.comparisons).toHaveLength(c.dunn.formula.length);
        for (const e of c.dunn.formula) {
          const got = find(r.comparisons, e.a, e.b);
          const ctx = `${c.name} ${e.a}-${e.b} ${adjust}`;
          expectClose(got.statistic, e.statistic, { rtol: 1e-9, atol: 1e-13 }, `${ctx} z`);
          expectClose(got.pValue, e.pValue, { rtol: 1e-9, atol: 1e-300 }, `${ctx} p`);
          const expectedAdj = adjust === 'none' ? e.pValue : e[adjust]!;
          expectClose(got.pAdjusted, expectedAdj, { rtol: 1e-9, atol: 1e-300 }, `${ctx} p adj`);
        }
      }
    });
  }
});

describe('dunnTest against rstatix::dunn_test', () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const adjust of ['bonferroni', 'holm', 'none'] as DunnAdjust[]) {
        const r = dunnTest(c.groups, { adjust });
        for (const e of c.dunn[`rstatix_${adjust}`]) {
          const got = find(r.comparisons, e.a, e.b);
          const ctx = `${c.name} ${e.a}-${e.b} ${adjust}`;
          // rstatix reports z as mean rank of group2 − group1: opposite sign
          expectClose(-got.statistic, e.statistic, { rtol: 1e-9, atol: 1e-13 }, `${ctx} z`);
          expectClose(got.pValue, e.pValue, { rtol: 1e-9, atol: 1e-300 }, `${ctx} p`);
          expectClose(got.pAdjusted, e.pAdjusted!, { rtol: 1e-9, atol: 1e-300 }, `${ctx} p adj`);
        }
      }
    });
  }
});

describe('dunnTest conventions, degenerate input and errors', () => {
  it('hand-derived: [1, 2], [3, 4], [5, 6] without ties', () => {
    // N = 6, mean ranks 1.5, 3.5, 5.5; variance N(N+1)/12 = 3.5; se = sqrt(3.5·(1/2 + 1/2)) = sqrt(3.5)
    const r = dunnTest([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const c01 = find(r.comparisons, 0, 1);
    expectClose(c01.meanRankDifference, -2, { rtol: 1e-15 });
    expectClose(c01.se, Math.sqrt(3.5), { rtol: 1e-15 });
    expectClose(c01.statistic, -2 / Math.sqrt(3.5), { rtol: 1e-14 });
    expect(r.nComparisons).toBe(3);
    expectClose(c01.pAdjusted, Math.min(1, 3 * c01.pValue), { rtol: 1e-15 });
  });
  it('Bonferroni is the default (SPSS Adj. Sig.) and adjusted p is capped at 1', () => {
    const r = dunnTest([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 4],
    ]);
    expect(r.adjust).toBe('bonferroni');
    for (const c of r.comparisons) expect(c.pAdjusted).toBeLessThanOrEqual(1);
    expect(find(r.comparisons, 0, 1).pAdjusted).toBe(1);
  });
  it('accepts names and copies them to comparisons', () => {
    const r = dunnTest(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      { names: ['zero', 'low', 'over'] },
    );
    expect(find(r.comparisons, 1, 2).nameA).toBe('low');
    expect(find(r.comparisons, 1, 2).nameB).toBe('over');
  });
  it('all values tied: z = 0, p = 1 and a warning', () => {
    const r = dunnTest([
      [2, 2],
      [2, 2, 2],
    ]);
    expect(r.comparisons[0].pValue).toBe(1);
    expect(r.comparisons[0].statistic).toBe(0);
    expect(r.warnings).toHaveLength(1);
  });
  it('throws InputError for invalid input', () => {
    expect(() => dunnTest([[1]])).toThrow(InputError);
    expect(() => dunnTest([[1], []])).toThrow(/groups\[1\]/);
    expect(() => dunnTest([[1], [Infinity]])).toThrow(/groups\[1\]\[0\]/);
    expect(() => dunnTest([[1], [2]], { adjust: 'BH' as DunnAdjust })).toThrow(/adjust must be one of/);
    expect(() => dunnTest([[1], [2]], { names: ['a'] })).toThrow(/names must be an array of 2 strings/);
    expect(() => dunnTest([[1], [2]], { names: ['a', 'a'] })).toThrow(/distinct/);
  });
});

describe('dunnTest properties', () => {
  const groupsArb = fc.array(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 10 }), {
    minLength: 2,
    maxLength: 5,
  });
  it('p and adjusted p in [0, 1], adjusted ≥ raw, holm ≤ bonferroni', () => {
    fc.assert(
      fc.property(groupsArb, (g) => {
        const bonf = dunnTest(g);
        const holm = dunnTest(g, { adjust: 'holm' });
        return bonf.comparisons.every(
          (c, i) =>
            c.pValue >= 0 &&
            c.pAdjusted <= 1 &&
            c.pAdjusted >= c.pValue &&
            holm.comparisons[i].pAdjusted <= c.pAdjusted + 1e-15,
        );
      }),
    );
  });
  it('with two groups, z² equals the Kruskal-Wallis H and p the uncorrected asymptotic Mann-Whitney p', () => {
    fc.assert(
      fc.property(
        groupsArb.map((g) => g.slice(0, 2)),
        (g) => {
          fc.pre(new Set(g.flat()).size > 1);
          const d = dunnTest(g).comparisons[0];
          expectClose(d.statistic * d.statistic, kruskalWallis(g).statistic, { rtol: 1e-9, atol: 1e-12 });
          expectClose(d.pValue, mannWhitneyU(g[0], g[1], { exact: false, correct: false }).pValue, {
            rtol: 1e-9,
            atol: 1e-15,
          });
        },
      ),
    );
  });
  it('swapping two groups flips the sign of their statistic', () => {
    fc.assert(
      fc.property(
        groupsArb.map((g) => g.slice(0, 2)),
        (g) => {
          const a = dunnTest(g).comparisons[0];
          const b = dunnTest([g[1], g[0]]).comparisons[0];
          expectClose(b.statistic, -a.statistic, { rtol: 1e-12, atol: 1e-15 });
        },
      ),
    );
  });
});
