import type { Alternative } from '../_shared/result.ts';
import { zeroin } from './_zeroin.ts';

/** What the 2 × 2 conditional (non-central hypergeometric) analysis returns. */
export interface Fisher2x2Part {
  pValue: number;
  estimate: number;
  confInt: [number, number];
  /** probability of the observed table under H0 (odds ratio 1) */
  observedProbability: number;
}

const R_REL_ERR = 1 + 1e-7; // R fisher.test: relErr <- 1 + 10^(-7)

/**
 * Fisher's exact test for a 2 × 2 table [[a, b], [c, d]], as R's fisher.test 2 × 2 branch: the
 * conditional distribution of a given all margins (hypergeometric under H0, Fisher's non-central
 * hypergeometric under odds ratio ψ), the conditional MLE of ψ and the exact (Cornfield-type) CI,
 * both from Brent root finding with R's uniroot tolerance. O(min(margins)) per density evaluation.
 */
export function fisher2x2(table: number[][], alternative: Alternative, confLevel: number): Fisher2x2Part {
  const x = table[0][0];
  const m = table[0][0] + table[1][0]; // column 1 total
  const n = table[0][1] + table[1][1]; // column 2 total
  const k = table[0][0] + table[0][1]; // row 1 total
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const size = hi - lo + 1;
  const support = new Float64Array(size);
  for (let i = 0; i < size; i++) support[i] = lo + i;
  // log hypergeometric densities up to a constant, by the ratio recursion from the mode
  // d(s+1)/d(s) = (m − s)(k − s) / ((s + 1)(n − k + s + 1)); relative accuracy ~1e-15 per step.
  const logdc = new Float64Array(size);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((k + 1) * (m + 1)) / (m + n + 2))));
  const im = mode - lo;
  logdc[im] = 0;
  for (let i = im; i < size - 1; i++) {
    const s = lo + i;
    logdc[i + 1] = logdc[i] + Math.log(((m - s) * (k - s)) / ((s + 1) * (n - k + s + 1)));
  }
  for (let i = im; i > 0; i--) {
    const s = lo + i; // d(s−1)/d(s) = s(n − k + s) / ((m − s + 1)(k − s + 1))
    logdc[i - 1] = logdc[i] + Math.log((s * (n - k + s)) / ((m - s + 1) * (k - s + 1)));
  }
  const ix = x - lo;
  const logTotal = logSumExp(logdc, 0, size);
  const tailProbability = (from: number, to: number): number =>
    Math.min(1, Math.exp(logSumExp(logdc, from, to) - logTotal));

  // R's dnhyper / mnhyper / pnhyper on the same support (used inside root finding, as R computes them)
  const dnhyper = (ncp: number): Float64Array => {
    const d = new Float64Array(size);
    const logNcp = Math.log(ncp);
    let max = -Infinity;
    for (let i = 0; i < size; i++) {
      d[i] = logdc[i] + logNcp * support[i];
      if (d[i] > max) max = d[i];
    }
    let sum = 0;
    for (let i = 0; i < size; i++) {
      d[i] = Math.exp(d[i] - max);
      sum += d[i];
    }
    for (let i = 0; i < size; i++) d[i] /= sum;
    return d;
  };
  const mnhyper = (ncp: number): number => {
    if (ncp === 0) return lo;
    if (ncp === Infinity) return hi;
    const d = dnhyper(ncp);
    let s = 0;
    for (let i = 0; i < size; i++) s += support[i] * d[i];
    return s;
  };
  const pnhyper = (q: number, ncp: number, upperTail: boolean): number => {
    if (ncp === 1) return upperTail ? tailProbability(ix, size) : tailProbability(0, ix + 1);
    if (ncp === 0) return upperTail ? Number(q <= lo) : Number(q >= lo);
    if (ncp === Infinity) return upperTail ? Number(q <= hi) : Number(q >= hi);
    const d = dnhyper(ncp);
    let s = 0;
    for (let i = 0; i < size; i++) if (upperTail ? support[i] >= q : support[i] <= q) s += d[i];
    return s;
  };

  let pValue: number;
  if (alternative === 'less') pValue = tailProbability(0, ix + 1);
  else if (alternative === 'greater') pValue = tailProbability(ix, size);
  else {
    // Σ of P(s) over tables no more probable than the observed one, with R's relative tolerance 1e-7
    const limit = logdc[ix] + Math.log(R_REL_ERR);
    let max = -Infinity;
    for (let i = 0; i < size; i++) if (logdc[i] <= limit && logdc[i] > max) max = logdc[i];
    let s = 0;
    for (let i = 0; i < size; i++) if (logdc[i] <= limit) s += Math.exp(logdc[i] - max);
    pValue = Math.min(1, Math.exp(max + Math.log(s) - logTotal));
  }

  const mle = (): number => {
    if (x === lo) return 0;
    if (x === hi) return Infinity;
    const mu = mnhyper(1);
    if (mu > x) return zeroin((t) => mnhyper(t) - x, 0, 1);
    if (mu < x) return 1 / zeroin((t) => mnhyper(1 / t) - x, Number.EPSILON, 1);
    return 1;
  };
  const ncpUpper = (alpha: number): number => {
    if (x === hi) return Infinity;
    const p = pnhyper(x, 1, false);
    if (p < alpha) return zeroin((t) => pnhyper(x, t, false) - alpha, 0, 1);
    if (p > alpha) return 1 / zeroin((t) => pnhyper(x, 1 / t, false) - alpha, Number.EPSILON, 1);
    return 1;
  };
  const ncpLower = (alpha: number): number => {
    if (x === lo) return 0;
    const p = pnhyper(x, 1, true);
    if (p > alpha) return zeroin((t) => pnhyper(x, t, true) - alpha, 0, 1);
    if (p < alpha) return 1 / zeroin((t) => pnhyper(x, 1 / t, true) - alpha, Number.EPSILON, 1);
    return 1;
  };
  let confInt: [number, number];
  if (alternative === 'less') confInt = [0, ncpUpper(1 - confLevel)];
  else if (alternative === 'greater') confInt = [ncpLower(1 - confLevel), Infinity];
  else {
    const alpha = (1 - confLevel) / 2;
    confInt = [ncpLower(alpha), ncpUpper(alpha)];
  }
  return { pValue, estimate: mle(), confInt, observedProbability: Math.exp(logdc[ix] - logTotal) };
}

function logSumExp(v: Float64Array, from: number, to: number): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) if (v[i] > max) max = v[i];
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let i = from; i < to; i++) s += Math.exp(v[i] - max);
  return max + Math.log(s);
}
