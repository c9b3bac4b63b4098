export { oneWayAnova } from './oneWayAnova.ts';
export type { OneWayAnovaOptions, OneWayAnovaResult } from './oneWayAnova.ts';
export { tTest } from './tTest.ts';
export type { TTestOptions, TTestResult } from './tTest.ts';
export { shapiroWilk } from './shapiroWilk.ts';
export type { ShapiroWilkResult } from './shapiroWilk.ts';
