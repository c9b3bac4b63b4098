/**
 * Exact permutation distribution of the sum of `m` scores drawn without replacement from `scores`
 * (integer scores, e.g. doubled mid-ranks), by the shift algorithm of Streitberg & Röhmel (1986):
 * observations are added one at a time and the joint distribution of (number chosen, sum) is shifted
 * and accumulated. Written from the description of the algorithm (as in exactRankTests' `cperm`);
 * probabilities are kept normalised, p_i(k, s) = p_{i−1}(k, s)·(i−k)/i + p_{i−1}(k−1, s−a_i)·k/i, so
 * nothing overflows for large N and only non-negative terms are added (no cancellation in the tails).
 * Scores are shifted by their minimum and divided by their greatest common divisor first.
 * Cost Σ_i Σ_k (width of the reachable sums for k) ≈ O(N · m · range); see `exactWork`.
 *
 * Reference: Streitberg B, Röhmel J (1986). Exact distributions for permutation and rank tests: an
 * introduction to some recently published algorithms. Statistical Software Newsletter 12(1):10–17.
 */
export interface RankSumDistribution {
  /** smallest attainable sum (in the original score units) */
  readonly minSum: number;
  /** spacing of attainable sums (in the original score units) */
  readonly step: number;
  /** probability of sum = minSum + step·j */
  readonly prob: Float64Array;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

interface Prepared {
  shifted: Int32Array;
  base: number;
  step: number;
  m: number;
}

function prepare(scores: ArrayLike<number>, m: number): Prepared {
  const n = scores.length;
  const sorted = Float64Array.from(scores).sort();
  const base = sorted[0];
  let g = 0;
  for (let i = 0; i < n; i++) g = gcd(g, sorted[i] - base);
  if (g === 0) g = 1;
  const shifted = new Int32Array(n);
  for (let i = 0; i < n; i++) shifted[i] = (sorted[i] - base) / g;
  return { shifted, base, step: g, m };
}

/** Estimated inner-loop work of the exact distribution (used to decide feasibility). */
export function exactWork(scores: ArrayLike<number>, m: number): number {
  const { shifted } = prepare(scores, m);
  const n = shifted.length;
  const k = Math.min(m, n - m);
  // widest reachable range for k chosen ≈ sum of top k − sum of bottom k
  let top = 0;
  let bottom = 0;
  for (let i = 0; i < k; i++) {
    top += shifted[n - 1 - i];
    bottom += shifted[i];
  }
  return n * (k + 1) * (top - bottom + 1);
}

/**
 * Distribution of the sum of `m` of `scores` (all integers) under random selection.
 * By symmetry the sum of the complement is used when m > N/2 (fewer rows).
 */
export function rankSumDistribution(scores: ArrayLike<number>, m: number): RankSumDistribution {
  const { shifted, base, step } = prepare(scores, m);
  const n = shifted.length;
  const total = shifted.reduce((a, b) => a + b, 0);
  const useComplement = m > n - m;
  const k = useComplement ? n - m : m;
  // reachable sums for k chosen lie in [sum of smallest k, sum of largest k]
  let maxSum = 0;
  for (let i = 0; i < k; i++) maxSum += shifted[n - 1 - i];
  const width = maxSum + 1;
  // p[c * width + s]: probability that c of the first i observations chosen (given c chosen) have sum s
  const p = new Float64Array((k + 1) * width);
  p[0] = 1;
  const hi = new Int32Array(k + 1); // highest reachable sum so far for each count
  for (let i = 1; i <= n; i++) {
    const a = shifted[i - 1];
    const top = Math.min(i, k);
    for (let c = top; c >= 1; c--) {
      const keep = (i - c) / i;
      const take = c / i;
      const row = c * width;
      const prev = (c - 1) * width;
      const newHi = Math.max(c <= i - 1 ? hi[c] : 0, hi[c - 1] + a);
      for (let s = newHi; s >= 0; s--) {
        const fromPrev = s >= a && s - a <= hi[c - 1] ? p[prev + s - a] : 0;
        p[row + s] = p[row + s] * keep + fromPrev * take;
      }
      hi[c] = Math.min(newHi, maxSum);
    }
  }
  const last = p.subarray(k * width, k * width + hi[k] + 1);
  if (!useComplement) {
    return { minSum: base * m, step, prob: Float64Array.from(last) };
  }
  // sum of the m chosen = total − sum of the (n − m) not chosen
  const len = hi[k] + 1;
  const prob = new Float64Array(len);
  for (let s = 0; s < len; s++) prob[len - 1 - s] = last[s];
  // chosen sum (shifted) = total − s, ranging total − (len−1) … total
  return { minSum: base * m + step * (total - (len - 1)), step, prob };
}
