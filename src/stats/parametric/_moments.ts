import { meanOf, sumSquaredDeviations } from '../descriptive/moments.ts';

/** Mean (R's two-pass refinement) and sum of squared deviations of validated data, as R's `mean`/`var`. */
export function meanAndSsd(x: Float64Array): { mean: number; ssd: number } {
  const mean = meanOf(x);
  return { mean, ssd: sumSquaredDeviations(x, mean) };
}
