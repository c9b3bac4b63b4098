import erfc from '@stdlib/math-base-special-erfc';
import erfcinv from '@stdlib/math-base-special-erfcinv';

/**
 * Standard normal distribution: cdf, survival function and quantile, accurate in both tails.
 * Tails come from `erfc` directly (never `1 - cdf`), so `normalSf(37)` ≈ 5.7e-300 as R's `pnorm(37, lower = FALSE)`.
 * Kernels return NaN for NaN input.
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Upper tail P(Z > z) of the standard normal; R: `pnorm(z, lower.tail = FALSE)`. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Quantile of the standard normal; R: `qnorm(p)`. NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  return -Math.SQRT2 * erfcinv(2 * p);
}

/** Upper quantile: z with P(Z > z) = q; R: `qnorm(q, lower.tail = FALSE)`. Accurate for tiny q. */
export function normalQuantileUpper(q: number): number {
  if (!(q >= 0 && q <= 1)) return NaN;
  return Math.SQRT2 * erfcinv(2 * q);
}
