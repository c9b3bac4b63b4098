import { InputError } from '../_shared/errors.ts';

/** The multiplicity adjustments of R's `p.adjust` (`'fdr'` is an alias of `'BH'`, as in R). */
export type PAdjustMethod = 'holm' | 'hochberg' | 'hommel' | 'bonferroni' | 'BH' | 'BY' | 'fdr' | 'none';

/** All method names accepted by {@link pAdjust}, in R's `p.adjust.methods` order plus the `'fdr'` alias. */
export const pAdjustMethods: readonly PAdjustMethod[] = Object.freeze([
  'holm',
  'hochberg',
  'hommel',
  'bonferroni',
  'BH',
  'BY',
  'fdr',
  'none',
]);

export interface PAdjustOptions {
  /**
   * Number of comparisons the family holds (R's `n`), when only some of the p-values are passed
   * (the others are treated as 1 by Hommel and ignored otherwise, exactly as R).
   * @default p.length
   */
  n?: number;
}

/**
 * Adjusts p-values for multiple comparisons, exactly as R's `p.adjust(p, method, n)`.
 *
 * - `'bonferroni'`: min(1, n·p).
 * - `'holm'` (Holm 1979 step-down): cumulative max of (n − i + 1)·p₍ᵢ₎ over ascending p, capped at 1.
 * - `'hochberg'` (Hochberg 1988 step-up): cumulative min of (n − i + 1)·p₍ᵢ₎ over descending p, capped at 1.
 * - `'hommel'` (Hommel 1988): R's O(n²) algorithm; with n = 2 it is Hochberg's, as in R.
 * - `'BH'` / `'fdr'` (Benjamini & Hochberg 1995): cumulative min of n/i·p₍ᵢ₎ over descending p, capped at 1.
 * - `'BY'` (Benjamini & Yekutieli 2001): BH multiplied by Σ_{k≤n} 1/k, capped at 1.
 * - `'none'`: p unchanged.
 * Ties are harmless: every method gives tied p-values the same adjusted value. O(n log n) except Hommel, O(n²).
 * SPSS applies Bonferroni (and, for pairwise comparisons after Kruskal–Wallis, Bonferroni on the
 * pairwise p-values) the same way, capped at 1.
 *
 * Differences from R: R accepts NA (kept as NA) and p outside [0, 1] unchecked; here every p must be
 * a number in [0, 1] (filter missing p-values first), so a NaN can never leak into a report.
 *
 * @param p p-values, each in [0, 1]
 * @param method adjustment method (R's `method`); @default 'holm' (R's default)
 * @param opts `n`, the family size (R's `n`, ≥ p.length); @default p.length
 * @returns a new array of adjusted p-values in the input order, each in [p, 1]
 * @throws InputError when p is not an array of numbers in [0, 1], the method is unknown, or n < p.length /
 *   not an integer
 * @example
 * pAdjust([0.01, 0.02, 0.03, 0.04, 0.05], 'holm'); // => [0.05, 0.08, 0.09, 0.09, 0.09]
 *
 * References: Holm S (1979) A simple sequentially rejective multiple test procedure. Scand J Stat 6:65–70.
 * Hochberg Y (1988) A sharper Bonferroni procedure for multiple tests of significance. Biometrika 75:800–802.
 * Hommel G (1988) A stagewise rejective multiple test procedure based on a modified Bonferroni test.
 * Biometrika 75:383–386. Benjamini Y, Hochberg Y (1995) Controlling the false discovery rate. J R Stat Soc B
 * 57:289–300. Benjamini Y, Yekutieli D (2001) The control of the false discovery rate in multiple testing
 * under dependency. Ann Stat 29:1165–1188. Wright SP (1992) Adjusted p-values for simultaneous inference.
 * Biometrics 48:1005–1013.
 */
export function pAdjust(p: readonly number[], method: PAdjustMethod = 'holm', opts: PAdjustOptions = {}): number[] {
  if (!Array.isArray(p)) throw new InputError('p', 'an array of p-values in [0, 1]', p);
  const lp = p.length;
  const ps: number[] = new Array<number>(lp);
  for (let i = 0; i < lp; i++) {
    const v = p[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new InputError(`p[${i}]`, 'a p-value in [0, 1]', v);
    ps[i] = v;
  }
  if (!(pAdjustMethods as readonly string[]).includes(method)) {
    throw new InputError('method', `one of ${pAdjustMethods.map((m) => `'${m}'`).join(', ')}`, method);
  }
  const n = opts.n ?? lp;
  if (!Number.isInteger(n) || n < lp) throw new InputError('n', `an integer ≥ p.length (${lp})`, n);
  let m: PAdjustMethod = method === 'fdr' ? 'BH' : method;
  if (n <= 1) return ps;
  if (n === 2 && m === 'hommel') m = 'hochberg';
  const ascending = (): number[] => stableOrder(ps, false);
  const descending = (): number[] => stableOrder(ps, true);
  const out = new Array<number>(lp);
  switch (m) {
    case 'none':
      return ps;
    case 'bonferroni':
      for (let i = 0; i < lp; i++) out[i] = Math.min(1, n * ps[i]);
      return out;
    case 'holm': {
      const o = ascending();
      let running = -Infinity;
      for (let k = 0; k < lp; k++) {
        // R: cummax((n + 1 - i) * p[o]) with i = 1..lp
        running = Math.max(running, (n - k) * ps[o[k]]);
        out[o[k]] = Math.min(1, running);
      }
      return out;
    }
    case 'hochberg':
    case 'BH':
    case 'BY': {
      const o = descending();
      let harmonic = 0;
      if (m === 'BY') for (let k = 1; k <= n; k++) harmonic += 1 / k;
      let running = Infinity;
      for (let k = 0; k < lp; k++) {
        const i = lp - k; // R: i <- lp:1
        const factor = m === 'hochberg' ? n + 1 - i : m === 'BH' ? n / i : (harmonic * n) / i;
        running = Math.min(running, factor * ps[o[k]]);
        out[o[k]] = Math.min(1, running);
      }
      return out;
    }
    case 'hommel':
      return hommel(ps, n);
  }
}

/** R's Hommel loop, transcribed from the R algorithm's definition (0-based). */
function hommel(p: number[], n: number): number[] {
  const lp = p.length;
  const full = p.slice();
  for (let k = lp; k < n; k++) full.push(1);
  const o = stableOrder(full, false);
  const sorted = o.map((k) => full[k]);
  let initial = Infinity;
  for (let k = 0; k < n; k++) initial = Math.min(initial, (n * sorted[k]) / (k + 1));
  const q = new Array<number>(n).fill(initial);
  const pa = new Array<number>(n).fill(initial);
  for (let j = n - 1; j >= 2; j--) {
    // i1 = 1..(n-j+1), i2 = (n-j+2)..n (1-based)
    const cut = n - j + 1;
    let q1 = Infinity;
    for (let k = cut; k < n; k++) q1 = Math.min(q1, (j * sorted[k]) / (k - cut + 2));
    for (let k = 0; k < cut; k++) q[k] = Math.min(j * sorted[k], q1);
    for (let k = cut; k < n; k++) q[k] = q[cut - 1];
    for (let k = 0; k < n; k++) pa[k] = Math.max(pa[k], q[k]);
  }
  const adjustedSorted = pa.map((v, k) => Math.max(v, sorted[k]));
  const out = new Array<number>(lp);
  for (let k = 0; k < n; k++) if (o[k] < lp) out[o[k]] = adjustedSorted[k];
  return out;
}

/** Stable ordering permutation (as R's `order`, ties kept in input order). */
function stableOrder(x: readonly number[], decreasing: boolean): number[] {
  const idx = x.map((_, i) => i);
  idx.sort((a, b) => (decreasing ? x[b] - x[a] : x[a] - x[b]) || a - b);
  return idx;
}
