import gammainc from '@stdlib/math-base-special-gammainc';
import stdlibChisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';

/** Chi-squared cdf with `df` degrees of freedom; R: `pchisq(x, df)`. */
export function chisqCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 0;
  return gammainc(x / 2, df / 2, true, false);
}

/**
 * Chi-squared upper tail P(X > x) from the regularised upper incomplete gamma;
 * R: `pchisq(x, df, lower.tail = FALSE)`.
 */
export function chisqSf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** Chi-squared quantile; R: `qchisq(p, df)`. */
export function chisqQuantile(p: number, df: number): number {
  return stdlibChisqQuantile(p, df);
}
