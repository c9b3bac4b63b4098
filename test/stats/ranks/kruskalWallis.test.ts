import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { kruskalWallis } from '../../../src/stats/ranks/index.ts';
import { expectClose, readFixture } from '../../helpers/expectClose.ts';

interface Case {
  name: string;
  groups: number[][];
  statistic: number;
  df: number;
  pValue: number;
}
const { cases } = readFixture<{ cases: Case[] }>('test/fixtures/r/ranks/kruskalDunn.json');

describe('kruskalWallis against R kruskal.test', () => {
  it('has many cases', () => expect(cases.length).toBeGreaterThan(80));
  for (const c of cases) {
    it(c.name, () => {
      const r = kruskalWallis(c.groups);
      expectClose(r.statistic, c.statistic, { rtol: 1e-9 }, `${c.name} H`);
      expect(r.df).toBe(c.df); // integer
      expectClose(r.pValue, c.pValue, { rtol: 1e-9, atol: 1e-300 }, `${c.name} p`);
    });
  }
  it('reaches p far below 1e-200 (separated groups)', () => {
    const c = cases.find((x) => x.name === 'separated 3x500')!;
    expect(c.pValue).toBeLessThan(1e-200);
    expect(kruskalWallis(c.groups).pValue).toBeGreaterThan(0);
  });
});

describe('kruskalWallis hand-derived, degenerate and errors', () => {
  it('hand-derived: [1, 2], [3, 4], [5, 6] (df = 2, so p = exp(−H/2))', () => {
    // N = 6, mean ranks 1.5, 3.5, 5.5, centre 3.5: H = 12/(6·7)·(2·4 + 0 + 2·4) = 32/7
    const r = kruskalWallis([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expectClose(r.statistic, 32 / 7, { rtol: 1e-14 });
    expect(r.df).toBe(2);
    expectClose(r.pValue, Math.exp(-16 / 7), { rtol: 1e-12 });
  });
  it('hand-derived with ties: [1, 1], [2, 3] → tie correction 1 − 6/60', () => {
    // ranks 1.5, 1.5 | 3, 4; mean ranks 1.5, 3.5; centre 2.5: H0 = 12/20·(2 + 2) = 2.4; C = 0.9
    const r = kruskalWallis([
      [1, 1],
      [2, 3],
    ]);
    expectClose(r.statisticUncorrected, 2.4, { rtol: 1e-14 });
    expectClose(r.tieCorrection, 0.9, { rtol: 1e-14 });
    expectClose(r.statistic, 2.4 / 0.9, { rtol: 1e-14 });
  });
  it('all values tied: statistic 0, p = 1, warning (R: NaN)', () => {
    const r = kruskalWallis([[3, 3], [3], [3, 3, 3]]);
    expect(r.pValue).toBe(1);
    expect(r.statistic).toBe(0);
    expect(r.warnings).toHaveLength(1);
  });
  it('throws InputError for invalid input', () => {
    expect(() => kruskalWallis([[1, 2]])).toThrow(/groups must be an array of at least 2 groups/);
    expect(() => kruskalWallis([[1, 2], []])).toThrow(/groups\[1\] must be an array of at least 1/);
    expect(() => kruskalWallis([[1, 2], [NaN]])).toThrow(/groups\[1\]\[0\] must be a finite number/);
    expect(() => kruskalWallis('ab' as unknown as number[][])).toThrow(InputError);
  });
});

/** Naive O(N²) mid-ranks and H, independent of the implementation's sort-and-merge. */
function naiveH(groups: number[][]): number {
  const all = groups.flat();
  const n = all.length;
  const rank = (v: number): number => all.filter((w) => w < v).length + (all.filter((w) => w === v).length + 1) / 2;
  let sumSq = 0;
  for (const g of groups) {
    const r = g.reduce((acc, v) => acc + rank(v), 0);
    sumSq += (r * r) / g.length;
  }
  const counts = new Map<number, number>();
  for (const v of all) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t ** 3 - t;
  return ((12 * sumSq) / (n * (n + 1)) - 3 * (n + 1)) / (1 - ties / (n ** 3 - n));
}

describe('kruskalWallis properties', () => {
  it('matches a naive O(N²) computation for 2 to 30 groups (both the merge path k ≤ 16 and the pooled-sort path)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.integer({ min: -20, max: 20 }).map((v) => v / 3),
            { minLength: 1, maxLength: 8 },
          ),
          { minLength: 2, maxLength: 30 },
        ),
        (g) => {
          fc.pre(new Set(g.flat()).size > 1);
          expectClose(kruskalWallis(g).statistic, naiveH(g), { rtol: 1e-9, atol: 1e-10 });
        },
      ),
      { numRuns: 200 },
    );
  });
  const groupsArb = fc.array(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 12 }), {
    minLength: 2,
    maxLength: 5,
  });
  it('p in [0, 1], H ≥ 0', () => {
    fc.assert(
      fc.property(groupsArb, (g) => {
        const r = kruskalWallis(g);
        return r.pValue >= 0 && r.pValue <= 1 && r.statistic >= -1e-12;
      }),
    );
  });
  it('invariant to permutation within groups and to the order of groups', () => {
    fc.assert(
      fc.property(groupsArb, (g) => {
        const a = kruskalWallis(g);
        const b = kruskalWallis([...g].reverse().map((x) => [...x].reverse()));
        expectClose(b.statistic, a.statistic, { rtol: 1e-12, atol: 1e-12 });
        expectClose(b.pValue, a.pValue, { rtol: 1e-12, atol: 1e-15 });
      }),
    );
  });
  it('invariant to a strictly increasing transformation of the data', () => {
    fc.assert(
      fc.property(groupsArb, (g) => {
        const a = kruskalWallis(g);
        const b = kruskalWallis(g.map((x) => x.map((v) => Math.exp(v / 3) - 7)));
        expectClose(b.statistic, a.statistic, { rtol: 1e-12, atol: 1e-12 });
      }),
    );
  });
});
