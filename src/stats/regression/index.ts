export { logisticRegression } from './logisticRegression.ts';
export type { LogisticCoefficient, LogisticRegressionOptions, LogisticRegressionResult } from './logisticRegression.ts';
export { likelihoodRatioTest } from './likelihoodRatioTest.ts';
export { predict } from './predict.ts';
export type { PredictOptions } from './predict.ts';
