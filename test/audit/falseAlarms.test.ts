import { describe, expect, it } from 'vitest';
import { auditPublished } from '../../src/audit/auditPublished.ts';
import { defaultContingencyTests } from '../../src/audit/contingencyTests.ts';
import { makeCellEntries, makeEntry } from '../../src/data/published/index.ts';
import type { PublishedFile, PublishedNumber } from '../../src/data/published/types.ts';
import { createRng } from '../../src/stats/_shared/random.ts';
import { chiSquareTest, fisherExactTest } from '../../src/stats/contingency/index.ts';
import { mean, standardDeviation } from '../../src/stats/descriptive/index.ts';
import { kruskalWallis } from '../../src/stats/ranks/index.ts';

/**
 * False alarms: simulate studies whose printed numbers are all computed correctly from patient data
 * (rounded as a paper would print them), audit them, and require that nothing is called
 * inconsistent. Seeded; 15 simulated Table-1/Table-2-like studies.
 */
function simulate(seed: number): PublishedFile {
  const rng = createRng(seed);
  const groupNames = ['zero', 'low', 'over'];
  const ns = groupNames.map(() => 15 + rng.integer(60));
  const N = ns.reduce((a, b) => a + b, 0);
  const numbers: PublishedNumber[] = [];
  const pFmt = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));
  // categorical variables with 2–4 levels
  for (let v = 0; v < 3; v++) {
    const levels = 2 + rng.integer(3);
    const probs = Array.from({ length: levels }, () => 0.2 + rng.uniform());
    const counts = ns.map((n, gi) => {
      const c = new Array(levels).fill(0);
      const tilt = probs.map((p, l) => p * (1 + (l === gi % levels ? rng.uniform() : 0)));
      const sum = tilt.reduce((a, b) => a + b, 0);
      for (let i = 0; i < n; i++) {
        let u = rng.uniform() * sum;
        let l = 0;
        while (u > tilt[l] && l < levels - 1) u -= tilt[l++];
        c[l]++;
      }
      return c;
    });
    const table = Array.from({ length: levels }, (_, l) => counts.map((c) => c[l]));
    const nonEmpty = table.filter((r) => r.some((x) => x > 0));
    if (nonEmpty.length < 2) continue;
    const sparse = chiSquareTest(nonEmpty).expected.some((r) => r.some((e) => e < 5));
    const p = sparse ? fisherExactTest(nonEmpty).pValue : chiSquareTest(nonEmpty).pValue;
    numbers.push(makeEntry('table2', `v${v}`, 'p', pFmt(p), 'p'));
    const pair = (a: number, b: number) => {
      const t = nonEmpty.map((r) => [r[a], r[b]]).filter((r) => r[0] + r[1] > 0);
      return t.length < 2 ? 1 : chiSquareTest(t).pValue;
    };
    numbers.push(
      makeEntry('table2', `v${v}`, 'p1', pFmt(pair(1, 0)), 'p'),
      makeEntry('table2', `v${v}`, 'p2', pFmt(pair(1, 2)), 'p'),
    );
    table.forEach((r, l) => {
      const total = r.reduce((a, b) => a + b, 0);
      numbers.push(
        ...makeCellEntries('table2', `v${v}:l${l}`, 'total', `${total} (${((100 * total) / N).toFixed(1)}%)`, 'count', {
          denominator: N,
        }),
      );
      groupNames.forEach((g, gi) =>
        numbers.push(
          ...makeCellEntries(
            'table2',
            `v${v}:l${l}`,
            g,
            `${r[gi]}/${ns[gi]} (${((100 * r[gi]) / ns[gi]).toFixed(1)}%)`,
            'count',
          ),
        ),
      );
    });
  }
  // an integer variable (age) with mean ± SD per group and overall, Kruskal–Wallis p
  const ages = ns.map((n) => Array.from({ length: n }, () => 30 + rng.integer(45)));
  const all = ages.flat();
  const ms = (x: number[]) => `${mean(x).toFixed(2)} ± ${standardDeviation(x).toFixed(2)}`;
  numbers.push(...makeCellEntries('table2', 'age', 'total', ms(all), 'mean'));
  groupNames.forEach((g, gi) => numbers.push(...makeCellEntries('table2', 'age', g, ms(ages[gi]), 'mean')));
  numbers.push(makeEntry('table2', 'age', 'p', pFmt(kruskalWallis(ages).pValue), 'p'));
  return {
    file: `sim-${seed}`,
    study: 'sim',
    source: { citation: 'simulated' },
    context: {
      groups: Object.fromEntries(groupNames.map((g, i) => [g, ns[i]])),
      comparisons: { p1: ['low', 'zero'], p2: ['low', 'over'] },
      integerRows: ['age'],
    },
    numbers,
  };
}

describe('false alarms on correctly computed studies', () => {
  it('15 simulated studies: no inconsistent finding, few implausible', () => {
    let total = 0;
    let implausible = 0;
    const problems: string[] = [];
    for (let seed = 1; seed <= 15; seed++) {
      const checks = auditPublished([simulate(seed)], { tests: defaultContingencyTests });
      total += checks.length;
      for (const c of checks) if (c.status === 'inconsistent') problems.push(`seed ${seed}: ${c.id}: ${c.message}`);
      implausible += checks.filter((c) => c.status === 'implausible').length;
    }
    expect(total).toBeGreaterThan(500);
    expect(implausible).toBeLessThanOrEqual(total * 0.01);
    expect(problems).toEqual([]);
  });
});
