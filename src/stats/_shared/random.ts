import mt19937 from '@stdlib/random-base-mt19937';
import { InputError } from './errors.ts';

/**
 * A seeded pseudorandom source: Mersenne Twister (MT19937, stdlib) for uniforms, so every bootstrap,
 * permutation and simulation in restudy is reproducible from one integer seed. Normals use the
 * Box–Muller transform on two uniforms (exactly reproducible across platforms; no cached state
 * beyond the MT19937 state).
 */
export interface Rng {
  readonly seed: number;
  /** Uniform on [0, 1) with 53-bit resolution. */
  uniform(): number;
  /** Integer uniform on {0, …, n − 1}. */
  integer(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/**
 * Creates a seeded generator. The same seed gives the same stream on every machine.
 * @param seed a positive integer ≤ 2³² − 1
 * @throws InputError when the seed is not a positive 32-bit integer
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff) {
    throw new InputError('seed', 'a positive integer ≤ 4294967295', seed);
  }
  const source = mt19937.factory({ seed });
  const nextUint32 = (): number => source();
  const uniform = (): number => {
    // 53-bit resolution from two 32-bit draws (as numpy's random_sample / MT genrand_res53)
    const a = nextUint32() >>> 5;
    const b = nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };
  let spare: number | undefined;
  return Object.freeze({
    seed,
    uniform,
    integer(n: number): number {
      return Math.floor(uniform() * n);
    },
    normal(): number {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      let u1 = uniform();
      while (u1 === 0) u1 = uniform();
      const u2 = uniform();
      const radius = Math.sqrt(-2 * Math.log(u1));
      spare = radius * Math.sin(2 * Math.PI * u2);
      return radius * Math.cos(2 * Math.PI * u2);
    },
  });
}
