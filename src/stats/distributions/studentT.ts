import betainc from '@stdlib/math-base-special-betainc';
import stdlibTQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Student t upper tail P(T > t); R: `pt(t, df, lower.tail = FALSE)`. Uses the incomplete beta, never `1 - cdf`. */
export function tSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const tailBelow = 0.5 * betainc(df / (df + t * t), df / 2, 0.5, true, false);
  return t >= 0 ? tailBelow : 1 - tailBelow;
}

/** Student t cdf P(T ≤ t); R: `pt(t, df)`. */
export function tCdf(t: number, df: number): number {
  return tSf(-t, df);
}

/** Student t quantile; R: `qt(p, df)`. */
export function tQuantile(p: number, df: number): number {
  return stdlibTQuantile(p, df);
}
