export { mean, variance, standardDeviation, skewness, kurtosis } from './moments.ts';
export type { MomentType } from './moments.ts';
export { quantile, median } from './quantile.ts';
export type { QuantileType } from './quantile.ts';
