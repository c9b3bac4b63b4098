/**
 * The replicate AUCs of the stratified bootstrap, without sorting any replicate: the scores are sorted once
 * into tied blocks (distinct values of cases and controls together), a replicate is a count per block, and
 * its AUC is one pass over the blocks (Mann–Whitney with ties ½ from the counts). O(m + n) per replicate.
 */

import type { Rng } from '../_shared/random.ts';
import { logFactorialTable } from '../contingency/_logFactorial.ts';
import { invertFromMode } from '../contingency/_modeInversion.ts';
import type { RocDirection } from './_data.ts';

/** Each score's block (index of its value among the distinct values of cases and controls, ascending). */
export interface TiedBlocks {
  readonly blocks: number;
  readonly caseBlock: Int32Array;
  readonly controlBlock: Int32Array;
}

/** Sorts cases and controls together once and gives each score the index of its distinct value. */
export function tiedBlocks(cases: Float64Array, controls: Float64Array): TiedBlocks {
  const all = new Float64Array(cases.length + controls.length);
  all.set(cases);
  all.set(controls, cases.length);
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[k - 1]) all[k++] = all[i];
  const distinct = all.subarray(0, k);
  const blockOf = (v: number): number => {
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { blocks: k, caseBlock: Int32Array.from(cases, blockOf), controlBlock: Int32Array.from(controls, blockOf) };
}

/**
 * AUC from counts per block, as the merge of two sorted samples: 2U = Σ_blocks cases·(2·controls below +
 * controls tied); every term is an integer, so the result equals the merge of the sorted values exactly.
 */
export function aucFromBlockCounts(
  caseCounts: Int32Array,
  controlCounts: Int32Array,
  m: number,
  n: number,
  direction: RocDirection,
): number {
  let below = 0;
  let twiceU = 0;
  for (let b = 0; b < caseCounts.length; b++) {
    const d = controlCounts[b];
    twiceU += caseCounts[b] * (2 * below + d);
    below += d;
  }
  const twoMN = 2 * m * n;
  return direction === '<' ? twiceU / twoMN : (twoMN - twiceU) / twoMN;
}

/**
 * One draw from Binomial(size, p) by inversion from the mode outwards (exact; one uniform; O(√(size·p·(1−p)))
 * steps). `lf` is a log-factorial table reaching `size`.
 */
export function binomialDraw(size: number, p: number, rng: Rng, lf: Float64Array): number {
  if (size === 0 || p <= 0) return 0;
  if (p >= 1) return size;
  const ratio = p / (1 - p);
  const mode = Math.min(size, Math.floor((size + 1) * p));
  const pMode = Math.exp(lf[size] - lf[mode] - lf[size - mode] + mode * Math.log(p) + (size - mode) * Math.log1p(-p));
  // P(k + 1)/P(k) = (size − k)/(k + 1)·p/(1 − p); P(k − 1)/P(k) = k/(size − k + 1)·(1 − p)/p
  return invertFromMode(
    rng.uniform(),
    mode,
    0,
    size,
    pMode,
    (q, k) => (q * (size - k) * ratio) / (k + 1),
    (q, k) => (q * k) / ((size - k + 1) * ratio),
  );
}

/**
 * A multinomial draw of `size` items over cells with integer weights (the cell's share of `size` rows), by
 * conditional binomials: cell b gets Binomial(items left, weight_b / weight left). Writes `out`.
 */
export function multinomialDraw(size: number, weights: Int32Array, rng: Rng, lf: Float64Array, out: Int32Array): void {
  let left = size;
  let weightLeft = 0;
  for (let b = 0; b < weights.length; b++) weightLeft += weights[b];
  for (let b = 0; b < weights.length; b++) {
    const w = weights[b];
    const c = w === 0 || left === 0 ? 0 : binomialDraw(left, w / weightLeft, rng, lf);
    out[b] = c;
    left -= c;
    weightLeft -= w;
  }
}

/** How a replicate is drawn: `indices` m + n uniform indices (small n), `counts` a multinomial per tied block. */
export type ResampleScheme = 'indices' | 'counts';

/**
 * The replicate AUCs of a stratified bootstrap (cases and controls resampled separately). `indices` draws
 * m case indices then n control indices per replicate, as a sort-based implementation would, so it gives
 * the same replicates from the same seed; `counts` draws the same distribution (the multinomial counts of
 * each distinct value) from far fewer random numbers when values are tied, with a different stream.
 */
export function bootstrapAucs(
  cases: Float64Array,
  controls: Float64Array,
  direction: RocDirection,
  nBoot: number,
  rng: Rng,
  scheme: ResampleScheme,
): Float64Array {
  const m = cases.length;
  const n = controls.length;
  const { blocks, caseBlock, controlBlock } = tiedBlocks(cases, controls);
  const caseCounts = new Int32Array(blocks);
  const controlCounts = new Int32Array(blocks);
  const aucs = new Float64Array(nBoot);
  if (scheme === 'indices') {
    for (let b = 0; b < nBoot; b++) {
      caseCounts.fill(0);
      controlCounts.fill(0);
      for (let i = 0; i < m; i++) caseCounts[caseBlock[rng.integer(m)]]++;
      for (let j = 0; j < n; j++) controlCounts[controlBlock[rng.integer(n)]]++;
      aucs[b] = aucFromBlockCounts(caseCounts, controlCounts, m, n, direction);
    }
    return aucs;
  }
  const caseWeights = new Int32Array(blocks);
  const controlWeights = new Int32Array(blocks);
  for (let i = 0; i < m; i++) caseWeights[caseBlock[i]]++;
  for (let j = 0; j < n; j++) controlWeights[controlBlock[j]]++;
  const lf = logFactorialTable(Math.max(m, n));
  for (let b = 0; b < nBoot; b++) {
    multinomialDraw(m, caseWeights, rng, lf, caseCounts);
    multinomialDraw(n, controlWeights, rng, lf, controlCounts);
    aucs[b] = aucFromBlockCounts(caseCounts, controlCounts, m, n, direction);
  }
  return aucs;
}
