import type { Alternative } from '../_shared/result.ts';

/**
 * p-value of a statistic from its distribution's cdf and survival function, one rule for every test
 * (as scipy's `_get_pvalue`): `greater` → sf(stat), `less` → cdf(stat), `two-sided` → 2·min(sf, cdf) capped at 1.
 * For a symmetric distribution the two-sided value equals `2 * sf(|stat|)`.
 */
export function pValueFromTails(
  statistic: number,
  dist: { cdf: (x: number) => number; sf: (x: number) => number },
  alternative: Alternative,
): number {
  if (alternative === 'greater') return dist.sf(statistic);
  if (alternative === 'less') return dist.cdf(statistic);
  return Math.min(1, 2 * Math.min(dist.sf(statistic), dist.cdf(statistic)));
}
