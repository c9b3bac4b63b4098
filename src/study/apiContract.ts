/**
 * The part of the public statistics API (Foundation issue contract) that the study runner calls, with the
 * result fields it reads. `api.ts` checks the real exports against it.
 */
type Conv = Readonly<Record<string, string | number | boolean>>;
type Matrix = readonly (readonly number[])[];
type Dir = '<' | '>';

export interface RocPointLike {
  readonly threshold: number;
  readonly sensitivity: number;
  readonly specificity: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}
export interface RocCurveLike {
  readonly auc: number;
  readonly direction: Dir;
  readonly points: readonly RocPointLike[];
}

export interface StatsApi {
  chiSquareTest(table: Matrix, opts?: { correct?: boolean }): { statistic: number; df: number; pValue: number; minExpected: number; cellsExpectedBelow5: number; method: string; conventions: Conv; warnings: readonly string[]; observed: Matrix };
  fisherExactTest(table: Matrix): { pValue: number; method: string; conventions: Conv; warnings: readonly string[] };
  kruskalWallis(groups: readonly ArrayLike<number>[]): { statistic: number; df?: number; pValue: number; method: string; conventions: Conv; warnings: readonly string[] };
  dunnTest(groups: readonly ArrayLike<number>[], opts?: { adjust?: 'bonferroni' | 'holm' | 'none' }): { comparisons: readonly { a: number; b: number; statistic: number; pValue: number; pAdjusted: number }[]; method: string; conventions: Conv };
  oneWayAnova(groups: readonly ArrayLike<number>[], opts?: { varEqual?: boolean }): { statistic?: number; df?: number; pValue: number; method: string; conventions: Conv; warnings: readonly string[] };
  tTest(x: ArrayLike<number>, y?: ArrayLike<number>, opts?: { varEqual?: boolean }): { statistic?: number; pValue: number; method: string };
  shapiroWilk(x: ArrayLike<number>): { statistic?: number; pValue: number };
  mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, opts?: { exact?: boolean; correct?: boolean }): { statistic: number; pValue: number; method: string; conventions: Conv };
  pAdjust(p: readonly number[], method: 'bonferroni' | 'holm' | 'none'): readonly number[];
  quantile(x: ArrayLike<number>, probs: readonly number[], opts?: { type?: 6 | 7 }): number[];
  mean(x: ArrayLike<number>): number;
  standardDeviation(x: ArrayLike<number>): number;
  logisticRegression(X: Matrix, y: readonly number[], opts?: { names?: readonly string[]; ci?: 'wald' | 'profile'; firth?: boolean; confLevel?: number }): {
    coefficients: readonly { name: string; estimate: number; se: number; z: number; pValue: number; oddsRatio: number; confInt: readonly [number, number] }[];
    converged: boolean;
    warnings: readonly string[];
    method?: string;
    conventions?: Conv;
  };
  predict(model: object, X?: Matrix): readonly number[];
  rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, opts?: { direction?: Dir }): RocCurveLike;
  aucConfidenceInterval(roc: RocCurveLike, opts: { method: 'delong' | 'bootstrap'; nBoot?: number; seed?: number }): { se: number; confInt: readonly [number, number]; method: string; conventions: Conv; warnings: readonly string[] };
  youden(roc: RocCurveLike): { youden: number; best: readonly RocPointLike[] };
  delongTest(labels: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>, opts?: { direction?: Dir }): { statistic?: number; pValue: number; aucA: number; aucB: number; method: string; conventions: Conv };
  cohenKappa(r1: readonly (string | number)[], r2: readonly (string | number)[], opts?: { weights?: 'none' | 'linear' | 'quadratic'; levels?: readonly (string | number)[] }): { kappa: number; se: number; confInt: readonly [number, number]; pValue: number; method: string };
  icc(ratings: Matrix, opts: { model: 'oneway' | 'twoway-random' | 'twoway-mixed'; type: 'consistency' | 'agreement'; unit: 'single' | 'average' }): { value: number; confInt: readonly [number, number]; pValue: number; method: string };
}
