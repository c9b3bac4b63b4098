export type { MomentType } from './moments.ts';
export { kurtosis, mean, skewness, standardDeviation, variance } from './moments.ts';
export type { QuantileType } from './quantile.ts';
export { median, quantile } from './quantile.ts';
