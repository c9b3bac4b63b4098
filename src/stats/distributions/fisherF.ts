import betainc from '@stdlib/math-base-special-betainc';
import stdlibFQuantile from '@stdlib/stats-base-dists-f-quantile';

/** F upper tail P(F > x) with (df1, df2) degrees of freedom; R: `pf(x, df1, df2, lower.tail = FALSE)`. */
export function fSf(x: number, df1: number, df2: number): number {
  if (Number.isNaN(x) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return betainc(df2 / (df2 + df1 * x), df2 / 2, df1 / 2, true, false);
}

/** F cdf P(F ≤ x); R: `pf(x, df1, df2)`. */
export function fCdf(x: number, df1: number, df2: number): number {
  if (Number.isNaN(x) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return betainc((df1 * x) / (df1 * x + df2), df1 / 2, df2 / 2, true, false);
}

/** F quantile; R: `qf(p, df1, df2)`. */
export function fQuantile(p: number, df1: number, df2: number): number {
  return stdlibFQuantile(p, df1, df2);
}
