export type { OneWayAnovaOptions, OneWayAnovaResult } from './oneWayAnova.ts';
export { oneWayAnova } from './oneWayAnova.ts';
export type { ShapiroWilkResult } from './shapiroWilk.ts';
export { shapiroWilk } from './shapiroWilk.ts';
export type { TTestOptions, TTestResult } from './tTest.ts';
export { tTest } from './tTest.ts';
