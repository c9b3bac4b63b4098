import { chisqSf, fSf, normalSf, tSf } from '../../stats/distributions/index.ts';
import type { ProseTestKind } from './types.ts';

/**
 * t of a Pearson r with df = n − 2, as `cor.test` computes it: t = r·√(df / (1 − r²)); |r| = 1 gives ∞.
 */
export function tFromR(r: number, df: number): number {
  const a = Math.abs(r);
  if (a >= 1) return Number.POSITIVE_INFINITY;
  return (Math.sign(r) * a * Math.sqrt(df)) / Math.sqrt((1 - a) * (1 + a));
}

/**
 * The p of a test statistic from survival functions (never 1 − cdf): χ² and Q upper tail, F upper tail,
 * t, z and r two-sided 2·sf(|x|) capped at 1, or one-sided sf(|x|) (the direction the statistic
 * points). R: pchisq(x, df, lower = FALSE), pf(x, df1, df2, lower = FALSE), 2·pt(|t|, df, lower =
 * FALSE), 2·pnorm(|z|, lower = FALSE), r via cor.test's t.
 */
export function pOfStatistic(test: ProseTestKind, x: number, df1?: number, df2?: number, oneTailed = false): number {
  const tails = oneTailed ? 1 : 2;
  if (Math.abs(x) === Number.POSITIVE_INFINITY) return 0; // the kernels give NaN at ∞; every tail is empty there
  switch (test) {
    case 'chisq':
    case 'Q':
      return chisqSf(x, df1!);
    case 'F':
      return fSf(x, df1!, df2!);
    case 't':
      return Math.min(1, tails * tSf(Math.abs(x), df1!));
    case 'r':
      return Math.min(1, tails * tSf(Math.abs(tFromR(x, df1!)), df1!));
    case 'z':
      return Math.min(1, tails * normalSf(Math.abs(x)));
  }
}
