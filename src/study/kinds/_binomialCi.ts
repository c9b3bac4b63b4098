/**
 * Exact (Clopper–Pearson) confidence interval of a binomial proportion x/n, as R's `binom.test(x, n)$conf.int`:
 * the α/2 and 1 − α/2 quantiles of Beta(x, n − x + 1) and Beta(x + 1, n − x), computed through the F quantile
 * (B(p; a, b) = a·F / (b + a·F), F = qf(p, 2a, 2b)). Browser-safe.
 *
 * Reference: Clopper CJ, Pearson ES (1934). The use of confidence or fiducial limits illustrated in the case of
 * the binomial. Biometrika 26(4):404–413.
 */
import { fQuantile } from '../../stats/distributions/index.ts';

export function clopperPearson(x: number, n: number, confLevel = 0.95): [number, number] {
  if (!(n > 0)) return [Number.NaN, Number.NaN];
  const alpha = 1 - confLevel;
  const beta = (p: number, a: number, b: number): number => {
    const f = fQuantile(p, 2 * a, 2 * b);
    return (a * f) / (b + a * f);
  };
  const lower = x === 0 ? 0 : beta(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : beta(1 - alpha / 2, x + 1, n - x);
  return [lower, upper];
}
