import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/stats/_shared/errors.ts';
import { createRng } from '../../src/stats/_shared/random.ts';

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(sa);
  });
  it('uniforms lie in [0, 1) with mean near 1/2; normals have mean 0 and sd 1', () => {
    const rng = createRng(7);
    let s = 0;
    let z1 = 0;
    let z2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      const z = rng.normal();
      z1 += z;
      z2 += z * z;
    }
    // 5 standard errors: fails by chance with probability < 1e-6
    expect(Math.abs(s / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(z1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(z2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
  it('integer(n) covers 0..n-1', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.integer(6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('rejects bad seeds', () => {
    expect(() => createRng(0)).toThrow(InputError);
    expect(() => createRng(1.5)).toThrow(/seed must be/);
  });
});
