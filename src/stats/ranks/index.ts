export type { DunnAdjust, DunnComparison, DunnOptions, DunnResult } from './dunnTest.ts';
export { dunnTest } from './dunnTest.ts';
export type { KruskalWallisResult } from './kruskalWallis.ts';
export { kruskalWallis } from './kruskalWallis.ts';
export type { MannWhitneyOptions, MannWhitneyResult } from './mannWhitneyU.ts';
export { mannWhitneyU } from './mannWhitneyU.ts';
