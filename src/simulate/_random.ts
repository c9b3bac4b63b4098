/** Seeded helpers on top of createRng (the only source of randomness in restudy). */
import { createRng, type Rng } from '../stats/_shared/random.ts';

/**
 * An independent, reproducible stream for one named part of a simulation: seed′ = fmix32(FNV-1a("seed:label"))
 * mapped into 1…2³²−1 (FNV-1a over the UTF-16 code units, then MurmurHash3's 32-bit finaliser), so changing
 * one part of the generator does not shift the random numbers of another.
 */
export function substream(seed: number, label: string): Rng {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${label}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return createRng(h === 0 ? 1 : h >>> 0);
}

/** Fisher–Yates shuffle in place; returns the array. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** A random permutation of the multiset {level × count}: exact counts, random order. */
export function permutedMultiset(rng: Rng, counts: readonly (readonly [string, number])[]): string[] {
  const items: string[] = [];
  for (const [level, count] of counts) for (let k = 0; k < count; k++) items.push(level);
  return shuffle(rng, items);
}

/** Indices of the k largest scores (ties broken by index; deterministic). */
export function topK(scores: readonly number[], k: number): Set<number> {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return new Set(order.slice(0, k).map(([, i]) => i));
}
