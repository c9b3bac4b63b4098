export { chiSquareTest } from './chiSquareTest.ts';
export type { ChiSquareOptions, ChiSquareResult, LikelihoodRatioPart } from './chiSquareTest.ts';
export { fisherExactTest } from './fisherExactTest.ts';
export type { FisherExactOptions, FisherExactResult, FisherSimulateOptions } from './fisherExactTest.ts';
