/** The shape of one case of test/fixtures/r/roc/roc.json, shared by the ROC test files. */
export interface Coords {
  threshold: number[];
  specificity: number[];
  sensitivity: number[];
  tp: number[];
  fp: number[];
  tn: number[];
  fn: number[];
}
export interface RocCase {
  name: string;
  labels: number[];
  a: number[];
  b: number[];
  direction_arg: string;
  direction: '<' | '>';
  auc: number;
  coords: Coords;
  youden: Coords;
  youden_exact_threshold: number[];
  direction_b: '<' | '>';
  auc_b: number;
  delong?: { lower: number; upper: number; se: number; lower90: number; upper90: number };
  paired?: Record<'two.sided' | 'less' | 'greater', { statistic: number; p: number; lower: number; upper: number }>;
}
