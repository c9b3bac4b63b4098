/**
 * Integer-valued continuous columns of Table 1 constructed to hit printed summaries exactly:
 * age (mean ± SD per group), Ki-67 (total median and quartiles, split at 40%), size (median and quartiles per
 * group and in total). Quartiles are SPSS's (type 6: position (n + 1)p); the printed size quartiles 26.25 and
 * 50.75 for n = 60 are what type 6 gives on integer millimetres (type 7 would give 26.75 / 50.25).
 */
import type { Rng } from '../../stats/_shared/random.ts';
import { meanSd, quantileType6 } from '../_measures.ts';
import { shuffle } from '../_random.ts';

/**
 * Integers with an exact sum (the one in the printed mean's rounding interval closest to n·mean) and an SD as
 * close as pair moves (+1 on one value, −1 on another: the sum is unchanged) can bring it to the printed SD.
 * Draw → affine rescale to the exact mean and SD → round → repair.
 */
export function integersWithMeanSd(
  rng: Rng,
  n: number,
  mean: number,
  sd: number,
  meanDecimals: number,
  bounds: [number, number],
): number[] {
  const half = 0.5 * 10 ** -meanDecimals;
  const lowSum = Math.ceil(n * (mean - half) - 1e-9);
  const highSum = Math.floor(n * (mean + half) + 1e-9);
  let targetSum = Math.round(n * mean);
  if (targetSum < lowSum) targetSum = lowSum;
  if (targetSum > highSum) targetSum = highSum;
  const draws = Array.from({ length: n }, () => Math.max(-2.6, Math.min(2.6, rng.normal())));
  const d = meanSd(draws);
  const x = draws
    .map((z) => Math.round(mean + (sd * (z - d.mean)) / d.sd))
    .map((v) => Math.min(bounds[1], Math.max(bounds[0], v)));
  let sum = x.reduce((s, v) => s + v, 0);
  while (sum !== targetSum) {
    const i = rng.integer(n);
    const step = sum < targetSum ? 1 : -1;
    if (x[i] + step < bounds[0] || x[i] + step > bounds[1]) continue;
    x[i] += step;
    sum += step;
  }
  // pair moves towards the target SD
  const sdOf = () => meanSd(x).sd;
  let current = Math.abs(sdOf() - sd);
  for (let iteration = 0; iteration < 200000 && current > 1e-4; iteration++) {
    const i = rng.integer(n);
    const j = rng.integer(n);
    if (i === j || x[i] + 1 > bounds[1] || x[j] - 1 < bounds[0]) continue;
    x[i] += 1;
    x[j] -= 1;
    const next = Math.abs(sdOf() - sd);
    if (next < current) current = next;
    else {
      x[i] -= 1;
      x[j] += 1;
    }
  }
  return x;
}

/** A quantile target: the type-6 quantile `p` of the values selected by `members` must equal `value`. */
export interface QuantileTarget {
  label: string;
  members: number[];
  p: number;
  value: number;
}

/**
 * Stochastic local search on integer values until every quantile target holds exactly: each step moves one
 * value by a small random amount (or redraws it) and is kept when the summed absolute miss does not grow.
 * `allowed(i, v)` restricts values (e.g. Ki-67 < 40 for the low group). Returns the remaining miss (0 = exact).
 */
export function fitQuantiles(
  rng: Rng,
  values: number[],
  targets: QuantileTarget[],
  allowed: (i: number, v: number) => boolean,
  redraw: (i: number) => number,
  maxIterations = 60000,
): number {
  const miss = (): number => {
    let total = 0;
    for (const t of targets) {
      const sorted = t.members.map((i) => values[i]).sort((a, b) => a - b);
      total += Math.abs(quantileType6(sorted, t.p) - t.value);
    }
    return total;
  };
  let current = miss();
  for (let iteration = 0; iteration < maxIterations && current > 1e-9; iteration++) {
    const i = rng.integer(values.length);
    const old = values[i];
    const proposal = rng.uniform() < 0.2 ? redraw(i) : old + (rng.integer(7) - 3 || 1);
    if (!allowed(i, proposal)) continue;
    values[i] = proposal;
    const next = miss();
    if (next <= current) current = next;
    else values[i] = old;
  }
  return current;
}

/** Log-normal draws rounded to integers, matched roughly to a median and IQR (starting values for fitQuantiles). */
export function lognormalIntegers(
  rng: Rng,
  n: number,
  median: number,
  q1: number,
  q3: number,
  bounds: [number, number],
): number[] {
  const sigma = (Math.log(q3) - Math.log(q1)) / 1.349;
  return Array.from({ length: n }, () =>
    Math.min(bounds[1], Math.max(bounds[0], Math.round(median * Math.exp(sigma * rng.normal())))),
  );
}

/**
 * Ki-67 values with the split at 40% fixed per patient (`isLow`) and total quartiles fitted exactly. Values are
 * drawn on the reporting grid pathologists use (5% steps, finer below 10%) and then searched on integers.
 */
export function ki67Values(
  rng: Rng,
  isLow: boolean[],
  q1: number,
  median: number,
  q3: number,
): { values: number[]; miss: number } {
  const lowGrid = [1, 2, 3, 5, 5, 8, 10, 10, 15, 15, 20, 20, 25, 25, 30, 30, 35];
  const highGrid = [40, 40, 45, 50, 50, 55, 60, 60, 65, 70, 70, 75, 80, 80, 85, 90];
  const redraw = (i: number) =>
    isLow[i] ? lowGrid[rng.integer(lowGrid.length)] : highGrid[rng.integer(highGrid.length)];
  const values = isLow.map((_, i) => redraw(i));
  const all = values.map((_, i) => i);
  const miss = fitQuantiles(
    rng,
    values,
    [
      { label: 'total Q1', members: all, p: 0.25, value: q1 },
      { label: 'total median', members: all, p: 0.5, value: median },
      { label: 'total Q3', members: all, p: 0.75, value: q3 },
    ],
    (i, v) => (isLow[i] ? v >= 1 && v < 40 : v >= 40 && v <= 95),
    redraw,
  );
  return { values, miss };
}

/** Shuffled copy helper used by callers that assign multisets to patients. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  return shuffle(rng, [...items]);
}
