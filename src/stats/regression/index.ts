export { likelihoodRatioTest } from './likelihoodRatioTest.ts';
export type { LogisticCoefficient, LogisticRegressionOptions, LogisticRegressionResult } from './logisticRegression.ts';
export { logisticRegression } from './logisticRegression.ts';
export type { PredictOptions } from './predict.ts';
export { predict } from './predict.ts';
