import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/stats/_shared/errors.ts';
import { type PAdjustMethod, pAdjust, pAdjustMethods } from '../../../src/stats/adjust/index.ts';
import { expectAllClose, readFixture } from '../../helpers/expectClose.ts';

interface Case {
  name: string;
  p: number[];
  n: number;
  adjusted: Record<PAdjustMethod, number[]>;
}
const { cases } = readFixture<{ cases: Case[] }>('test/fixtures/r/adjust/adjust.json');

describe('pAdjust against R p.adjust (all methods)', () => {
  it('has a few dozen fixture cases', () => expect(cases.length).toBeGreaterThan(50));
  for (const c of cases) {
    for (const method of pAdjustMethods) {
      it(`${c.name} ${method}`, () => {
        // closed-form products and running min/max: agreement to rounding
        expectAllClose(
          pAdjust(c.p, method, { n: c.n }),
          c.adjusted[method],
          { rtol: 1e-12, atol: 1e-300 },
          `${c.name} ${method} n=${c.n}`,
        );
      });
    }
  }
});

describe('pAdjust by hand and invariants', () => {
  it('hand-derived Holm, Hochberg, Bonferroni, BH on 0.01..0.05', () => {
    const p = [0.01, 0.02, 0.03, 0.04, 0.05];
    // Holm: 5·0.01, 4·0.02, max(0.08, 3·0.03), max(0.09, 2·0.04), max(0.09, 0.05)
    expectAllClose(pAdjust(p, 'holm'), [0.05, 0.08, 0.09, 0.09, 0.09], { rtol: 1e-15 });
    // Hochberg: running min from the top: 0.05, min(0.05, 0.08), ...
    expectAllClose(pAdjust(p, 'hochberg'), [0.05, 0.05, 0.05, 0.05, 0.05], { rtol: 1e-15 });
    expectAllClose(pAdjust(p, 'bonferroni'), [0.05, 0.1, 0.15, 0.2, 0.25], { rtol: 1e-15 });
    // BH: n/i·p = 0.05 for every i
    expectAllClose(pAdjust(p, 'BH'), [0.05, 0.05, 0.05, 0.05, 0.05], { rtol: 1e-15 });
    expect(pAdjust(p, 'fdr')).toEqual(pAdjust(p, 'BH'));
  });
  it('defaults to holm, as R', () => expect(pAdjust([0.01, 0.04])).toEqual(pAdjust([0.01, 0.04], 'holm')));
  it('n = 1 and empty input return p unchanged', () => {
    expect(pAdjust([0.3], 'bonferroni')).toEqual([0.3]);
    expect(pAdjust([], 'BH')).toEqual([]);
  });
  it('adjusted p is in [p, 1], is order-equivariant and keeps ties tied (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...pAdjustMethods),
        fc.integer({ min: 0, max: 1000 }),
        (p, method, shift) => {
          const adj = pAdjust(p, method);
          const rot = shift % p.length;
          const rotated = [...p.slice(rot), ...p.slice(0, rot)];
          const adjRot = pAdjust(rotated, method);
          return (
            adj.every((a, i) => a >= p[i] - 1e-15 && a <= 1) &&
            adjRot.every((a, i) => Math.abs(a - adj[(i + rot) % p.length]) <= 1e-15) &&
            p.every((pi, i) => p.every((pj, j) => pi !== pj || adj[i] === adj[j]))
          );
        },
      ),
    );
  });
  it('does not modify its input', () => {
    const p = Object.freeze([0.2, 0.01, 0.5]);
    pAdjust(p, 'hommel');
    expect(p).toEqual([0.2, 0.01, 0.5]);
  });
  it('throws InputError for NaN, out-of-range p, unknown method and bad n', () => {
    expect(() => pAdjust([0.1, NaN], 'holm')).toThrow(/p\[1\] must be a p-value in \[0, 1\]/);
    expect(() => pAdjust([1.5], 'holm')).toThrow(InputError);
    expect(() => pAdjust([-0.1, 0.2], 'BH')).toThrow(InputError);
    expect(() => pAdjust('0.1' as unknown as number[], 'BH')).toThrow(InputError);
    expect(() => pAdjust([0.1], 'sidak' as PAdjustMethod)).toThrow(/method must be one of/);
    expect(() => pAdjust([0.1, 0.2], 'holm', { n: 1 })).toThrow(/n must be an integer ≥ p.length/);
    expect(() => pAdjust([0.1, 0.2], 'holm', { n: 2.5 })).toThrow(InputError);
  });
});
