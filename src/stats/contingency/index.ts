export type { ChiSquareOptions, ChiSquareResult, LikelihoodRatioPart } from './chiSquareTest.ts';
export { chiSquareTest } from './chiSquareTest.ts';
export type { FisherExactOptions, FisherExactResult, FisherSimulateOptions } from './fisherExactTest.ts';
export { fisherExactTest } from './fisherExactTest.ts';
