import { describe, expect, it } from 'vitest';
import { auditProse } from '../../../src/audit/text/index.ts';
import { createRng } from '../../../src/stats/_shared/random.ts';
import { chiSquareTest } from '../../../src/stats/contingency/index.ts';
import { oneWayAnova, tTest } from '../../../src/stats/parametric/index.ts';

/**
 * False alarms in prose: results computed correctly from simulated data (Student and Welch t, Fisher
 * and Welch F with fractional df, Pearson χ² with N, z from a large-sample t), printed as papers print
 * them (statistic to 2 decimals, p to 3 or "< .001", Welch df to 2 decimals, some with decimal
 * commas, Unicode minus, "ns"), must never be called inconsistent. Seeded.
 */
function fmtP(p: number, rng: ReturnType<typeof createRng>): string {
  if (p < 0.001) return 'p < .001';
  if (p > 0.05 && rng.uniform() < 0.15) return 'ns';
  return `p = ${p.toFixed(3).replace(/^0/, '')}`;
}
const df = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const stat = (x: number) => (x < 0 ? `\u2212${(-x).toFixed(2)}` : x.toFixed(2));

function simulate(seed: number): string[] {
  const rng = createRng(seed);
  const sample = (n: number, mu: number, sd: number) => Array.from({ length: n }, () => mu + sd * rng.normal());
  const out: string[] = [];
  for (let i = 0; i < 20; i++) {
    const nx = 5 + rng.integer(60);
    const ny = 5 + rng.integer(60);
    const shift = rng.uniform() * 1.2;
    const x = sample(nx, shift, 1);
    const y = sample(ny, 0, 0.5 + rng.uniform() * 2);
    const student = tTest(x, y, { varEqual: true });
    const welch = tTest(x, y, { varEqual: false });
    out.push(`t(${df(student.df)}) = ${stat(student.statistic)}, ${fmtP(student.pValue, rng)}`);
    out.push(`t(${df(welch.df)}) = ${stat(welch.statistic)}, ${fmtP(welch.pValue, rng)}`);
    const groups = [x, y, sample(5 + rng.integer(40), shift / 2, 1)];
    for (const varEqual of [true, false]) {
      const f = oneWayAnova(groups, { varEqual });
      out.push(`F(${df(f.df)}, ${df(f.df2)}) = ${stat(f.statistic)}, ${fmtP(f.pValue, rng)}`);
    }
    const table = [0, 1].map(() => [0, 1, 2].map(() => 3 + rng.integer(40)));
    const chi = chiSquareTest(table);
    const n = table.flat().reduce((a, b) => a + b, 0);
    out.push(`χ2(${chi.df}, N = ${n}) = ${stat(chi.statistic)}, ${fmtP(chi.pValue, rng)}`);
    const comma = `t(${df(student.df)}) = ${stat(student.statistic).replace('.', ',')}; ${fmtP(student.pValue, rng).replace('.', '0,')}`;
    out.push(comma);
  }
  return out;
}

describe('no false alarms on correctly computed and printed results', () => {
  it('10 seeds × 120 results: all read, none inconsistent', () => {
    const problems: string[] = [];
    let read = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const sentences = simulate(seed);
      const a = auditProse(sentences.map((s) => `The groups differed, ${s}.`).join('\n'), { oneTailed: 'none' });
      read += a.results.length;
      for (const c of a.checks)
        if (c.status !== 'consistent') problems.push(`seed ${seed}: ${c.source.text}: ${c.message}`);
      expect(a.results.length, `seed ${seed}`).toBe(sentences.length);
    }
    expect(read).toBe(1200);
    expect(problems).toEqual([]);
  });
});
