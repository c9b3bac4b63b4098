import { InputError } from '../_shared/errors.ts';
import { finiteSample } from '../_shared/validate.ts';

/** Hyndman & Fan (1996) sample quantile definitions 1–9, numbered as R's `quantile(type =)`. */
export type QuantileType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

const PLOTTING_POSITION: Record<4 | 5 | 6 | 8 | 9, [number, number]> = {
  4: [0, 1],
  5: [0.5, 0.5],
  6: [0, 0], // SPSS HAVERAGE, Minitab
  8: [1 / 3, 1 / 3],
  9: [3 / 8, 3 / 8],
};
const FUZZ = 4 * Number.EPSILON;

/**
 * Sample quantiles by any of the nine Hyndman–Fan definitions, exactly as R's `quantile.default`
 * (including its 4·ε fuzz for types 4–9 and its rounding rules for the discontinuous types 1–3).
 *
 * Conventions: type 7 is R's and simple-statistics' default; **type 6 is SPSS's** (EXAMINE
 * PERCENTILES HAVERAGE) and the one the Shen analyses use; type 2 is SAS's default.
 * Reference: Hyndman RJ, Fan Y. Sample quantiles in statistical packages. Am Stat 1996;50:361–5.
 *
 * @param x data (finite numbers, not modified)
 * @param probs a probability or array of probabilities in [0, 1]
 * @param opts.type definition 1–9, @default 7 (R)
 * @returns a number when `probs` is a number, else an array in the order of `probs`
 * @throws InputError for empty or non-finite data, probabilities outside [0, 1], an unknown type
 * @example quantile([1, 2, 3, 4, 10], 0.5) // => 3
 */
export function quantile(x: ArrayLike<number>, probs: number, opts?: { type?: QuantileType }): number;
export function quantile(x: ArrayLike<number>, probs: readonly number[], opts?: { type?: QuantileType }): number[];
export function quantile(
  x: ArrayLike<number>,
  probs: number | readonly number[],
  opts: { type?: QuantileType } = {},
): number | number[] {
  const type = opts.type ?? 7;
  if (!Number.isInteger(type) || type < 1 || type > 9) {
    throw new InputError('type', 'an integer from 1 to 9 (Hyndman–Fan definition)', type);
  }
  const sorted = finiteSample(x, 'x').sort();
  const list = typeof probs === 'number' ? [probs] : probs;
  list.forEach((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new InputError(typeof probs === 'number' ? 'probs' : `probs[${i}]`, 'a probability in [0, 1]', p);
    }
  });
  const out = list.map((p) => quantileSorted(sorted, p, type as QuantileType));
  return typeof probs === 'number' ? out[0] : out;
}

/**
 * @internal Quantile of already sorted, validated data. Hot-path helper for histogram features.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, type: QuantileType): number {
  const n = sorted.length;
  if (type === 7) {
    const index = (n - 1) * p; // zero-based
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    const qlo = sorted[lo];
    if (index > lo && sorted[hi] !== qlo) {
      const h = index - lo;
      return (1 - h) * qlo + h * sorted[hi];
    }
    return qlo;
  }
  let j: number;
  let h: number;
  if (type <= 3) {
    const nppm = type === 3 ? n * p - 0.5 : n * p;
    j = Math.floor(nppm);
    if (type === 1) h = nppm > j ? 1 : 0;
    else if (type === 2) h = ((nppm > j ? 1 : 0) + 1) / 2;
    else h = nppm !== j || mod2(j) === 1 ? 1 : 0;
  } else {
    const [a, b] = PLOTTING_POSITION[type as 4 | 5 | 6 | 8 | 9];
    const nppm = a + p * (n + 1 - a - b);
    j = Math.floor(nppm + FUZZ);
    h = nppm - j;
    if (Math.abs(h) < FUZZ) h = 0;
  }
  // R pads x as c(x[1], x[1], x, x[n], x[n]) and reads x[j + 2] and x[j + 3] (1-based).
  const at = (k: number): number => sorted[Math.min(Math.max(k, 0), n - 1)];
  const lower = at(j - 1);
  const upper = at(j);
  if (h === 1) return upper;
  if (h > 0 && h < 1 && lower !== upper) return (1 - h) * lower + h * upper;
  return lower;
}

function mod2(j: number): number {
  return ((j % 2) + 2) % 2;
}

/** Median (type-independent); R: `median(x)`. */
export function median(x: ArrayLike<number>): number {
  return quantile(x, 0.5, { type: 7 });
}
