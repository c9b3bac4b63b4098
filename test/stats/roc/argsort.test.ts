import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsortFloat64, createArgsortWorkspace } from '../../../src/stats/roc/_argsort.ts';

describe('argsortFloat64 (radix argsort behind DeLong placements)', () => {
  it('sorts like a comparator sort, stably, for any finite doubles (property)', () => {
    const ws = createArgsortWorkspace(64);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.integer({ min: -3, max: 3 }),
            fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, -5e-324),
          ),
          { maxLength: 60 },
        ),
        (xs) => {
          const x = Float64Array.from(xs);
          const { perm, sorted } = argsortFloat64(x, xs.length <= 64 ? ws : undefined);
          const expected = xs
            .map((v, i) => [v, i] as const)
            .sort((p, q) =>
              p[0] < q[0]
                ? -1
                : p[0] > q[0]
                  ? 1
                  : Object.is(p[0], -0) && Object.is(q[0], 0)
                    ? -1
                    : Object.is(p[0], 0) && Object.is(q[0], -0)
                      ? 1
                      : p[1] - q[1],
            );
          expect(Array.from(perm)).toEqual(expected.map((e) => e[1]));
          expect(Array.from(sorted)).toEqual(expected.map((e) => e[0]));
        },
      ),
    );
  });
  it('handles the empty array and a single value', () => {
    expect(Array.from(argsortFloat64(new Float64Array(0)).perm)).toEqual([]);
    expect(Array.from(argsortFloat64(Float64Array.of(-2.5)).sorted)).toEqual([-2.5]);
  });
  it('sorts 1e5 values with many ties in order', () => {
    const x = Float64Array.from({ length: 100000 }, (_, i) => ((i * 7919) % 1000) / 7 - 50);
    const { perm, sorted } = argsortFloat64(x);
    let bad = -1;
    for (let k = 1; k < x.length && bad < 0; k++) {
      if (
        sorted[k - 1] > sorted[k] ||
        (sorted[k - 1] === sorted[k] && perm[k - 1] > perm[k]) ||
        x[perm[k]] !== sorted[k]
      )
        bad = k;
    }
    expect(bad, 'first position out of (stable) order').toBe(-1);
  });
});
