import { InputError } from '../_shared/errors.ts';
import { freezeResult } from '../_shared/result.ts';
import { autoDirection, caseMask, directionOption, type RocDirection, splitScores } from './_data.ts';

/** One operating point of an empirical ROC curve. */
export interface RocPoint {
  /** Cut-off: for `'<'` a subject is called positive when score ≥ threshold; for `'>'` when score ≤ threshold. */
  readonly threshold: number;
  readonly sensitivity: number;
  readonly specificity: number;
  /** true positives: cases called positive */
  readonly tp: number;
  /** false positives: controls called positive */
  readonly fp: number;
  /** true negatives */
  readonly tn: number;
  /** false negatives */
  readonly fn: number;
}

/** An empirical ROC curve, as pROC's `roc` object. */
export interface RocCurve {
  /** Mann–Whitney AUC: P(case score beats control score) + ½ P(tie), in the chosen direction. */
  readonly auc: number;
  readonly direction: RocDirection;
  readonly nCases: number;
  readonly nControls: number;
  /** Ordered as pROC's `coords(roc, "all")`: specificity ascending, from "all positive" to "none positive". */
  readonly points: readonly RocPoint[];
  /** Case scores (label = positive), in input order; kept for confidence intervals and bootstraps. */
  readonly cases: readonly number[];
  /** Control scores, in input order. */
  readonly controls: readonly number[];
  readonly conventions: Readonly<Record<string, string | number | boolean>>;
  readonly warnings: readonly string[];
}

export interface RocCurveOptions {
  /**
   * `'<'`: controls have lower scores than cases (positive when score ≥ threshold), pROC `direction = "<"`,
   * SPSS "Larger test result indicates more positive test". `'>'`: the reverse (SPSS "Smaller test result …").
   * @default chosen as pROC's `"auto"` (median of controls ≤ median of cases → `'<'`), stated in `warnings`.
   */
  direction?: RocDirection;
  /** The label value that marks a case; any one other value marks controls. @default 1 */
  positive?: number;
  /**
   * The two end thresholds: `'pROC'` uses −∞ and +∞; `'spss'` uses min − 1 and max + 1 of the pooled
   * scores, as SPSS's "Coordinates of the Curve" table. Interior thresholds (midpoints) are the same.
   * @default 'pROC'
   */
  thresholdStyle?: 'pROC' | 'spss';
}

/**
 * Empirical ROC curve and AUC with pROC's conventions.
 *
 * Thresholds are −∞, the midpoints between consecutive distinct sorted scores (pooled cases and controls),
 * and +∞, exactly as pROC's `roc.utils.thresholds` (including its handling of midpoints that round onto a
 * data value, and its `x/2 + y/2` form for |midpoint| > 1e100). For `'<'` a subject is positive when
 * score ≥ threshold; for `'>'` when score ≤ threshold. The AUC is the Mann–Whitney statistic U/(m·n) with
 * ties counted ½, computed from exact integer counts (equal to pROC's trapezoidal AUC). AUC with `'>'`
 * equals 1 − AUC with `'<'`.
 *
 * Algorithm: cases and controls are sorted separately (typed-array sort) and merged: O(N log N) time,
 * O(N) memory.
 *
 * SPSS (ROC Curve / ROC Analysis): the coordinates table lists the same midpoint cut-offs (plus min − 1
 * and max + 1 in place of ∓∞) with "positive if greater than or equal to" the cut-off; same AUC.
 *
 * Differences from R: pROC silently chooses the direction when none is given; here the choice is
 * recorded in `conventions.directionChosenBy` and in `warnings`. Labels are numbers (1 = case by default),
 * where pROC takes the first factor level as control.
 *
 * @param labels one label per subject: `positive` (default 1) for cases, one other value for controls
 * @param scores one finite score per subject
 * @param opts see {@link RocCurveOptions}
 * @throws InputError when labels or scores are not arrays of finite numbers, differ in length, have more
 *   than two label values, or lack a case or a control; when direction is not '<' or '>'
 * @returns frozen {@link RocCurve}
 * @example
 * rocCurve([0, 0, 0, 1, 1, 1, 0, 1], [1, 2, 2, 3, 2, 5, 4, 4], { direction: '<' }).auc // => 0.78125
 *
 * References: Robin X, Turck N, Hainard A, et al. pROC: an open-source package for R and S+ to analyze and
 * compare ROC curves. BMC Bioinformatics 2011;12:77. Hanley JA, McNeil BJ. The meaning and use of the area
 * under a receiver operating characteristic (ROC) curve. Radiology 1982;143:29–36.
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, opts: RocCurveOptions = {}): RocCurve {
  if (opts === null || typeof opts !== 'object') throw new InputError('opts', 'an options object', opts);
  const positive = opts.positive ?? 1;
  const { isCase, nCases } = caseMask(labels, positive);
  const { cases, controls } = splitScores(scores, isCase, nCases);
  let direction = directionOption(opts.direction);
  const warnings: string[] = [];
  let chosenBy = 'user';
  if (direction === undefined) {
    const auto = autoDirection(cases, controls);
    direction = auto.direction;
    warnings.push(auto.warning);
    chosenBy = 'auto (pROC: median of controls vs cases)';
  }
  const style = opts.thresholdStyle ?? 'pROC';
  if (style !== 'pROC' && style !== 'spss') throw new InputError('thresholdStyle', "'pROC' or 'spss'", style);
  const curve = buildCurve(cases, controls, direction, style);
  if (curve.auc === 1)
    warnings.push('AUC = 1: cases and controls are perfectly separated; standard errors and CIs are degenerate');
  if (curve.auc < 0.5) {
    warnings.push(
      `AUC = ${curve.auc} < 0.5 in direction '${direction}': the scores discriminate in the other direction ` +
        `(reported as computed, not flipped)`,
    );
  }
  // points are frozen as they are built and the big arrays here, so freezeResult does not walk 1e6 keys
  return freezeResult({
    auc: curve.auc,
    direction,
    nCases: cases.length,
    nControls: controls.length,
    points: Object.freeze(curve.points),
    cases: Object.freeze(Array.from(cases)),
    controls: Object.freeze(Array.from(controls)),
    conventions: {
      direction,
      directionChosenBy: chosenBy,
      positiveLabel: positive,
      thresholds:
        style === 'pROC'
          ? 'midpoints between distinct scores, plus -Inf and +Inf (pROC)'
          : 'midpoints between distinct scores, plus min - 1 and max + 1 (SPSS)',
      positiveIf: direction === '<' ? 'score >= threshold' : 'score <= threshold',
      auc: 'Mann-Whitney U/(m*n), ties counted 1/2',
    },
    warnings,
  });
}

/** pROC's roc.utils.thresholds for ascending distinct values `u`: −∞, midpoints, +∞ (ascending). */
export function rocThresholds(u: Float64Array, direction: RocDirection): Float64Array {
  const k = u.length;
  const t = new Float64Array(k + 1);
  t[0] = -Infinity;
  t[k] = Infinity;
  for (let i = 1; i < k; i++) {
    const a = u[i - 1];
    const b = u[i];
    let mid = (a + b) / 2;
    if (Math.abs(mid) > 1e100) mid = a / 2 + b / 2;
    // A midpoint that rounds onto a data value: pROC moves it so that the classification is unchanged.
    if (mid === a && direction === '<') mid = b;
    else if (mid === b && direction === '>') mid = a;
    t[i] = mid;
  }
  return t;
}

/** Builds points and AUC from case/control scores in a given direction. O(N log N). */
export function buildCurve(
  cases: Float64Array,
  controls: Float64Array,
  direction: RocDirection,
  style: 'pROC' | 'spss' = 'pROC',
): { auc: number; points: RocPoint[] } {
  const m = cases.length;
  const n = controls.length;
  const sc = Float64Array.from(cases).sort();
  const sk = Float64Array.from(controls).sort();
  // Merge into distinct values with per-value counts.
  const values = new Float64Array(m + n);
  const caseCount = new Uint32Array(m + n);
  const controlCount = new Uint32Array(m + n);
  let k = 0;
  let i = 0;
  let j = 0;
  // twiceU = Σ over cases of (2·#controls below + #controls tied), direction '<'
  let twiceU = 0;
  while (i < m || j < n) {
    const v = j >= n || (i < m && sc[i] < sk[j]) ? sc[i] : sk[j];
    let c = 0;
    let d = 0;
    while (i < m && sc[i] === v) {
      i++;
      c++;
    }
    while (j < n && sk[j] === v) {
      j++;
      d++;
    }
    twiceU += c * (2 * (j - d) + d);
    values[k] = v;
    caseCount[k] = c;
    controlCount[k] = d;
    k++;
  }
  const u = values.subarray(0, k);
  const thresholds = rocThresholds(u, direction);
  if (style === 'spss') {
    thresholds[0] = u[0] - 1;
    thresholds[k] = u[k - 1] + 1;
  }
  const twoMN = 2 * m * n;
  const auc = direction === '<' ? twiceU / twoMN : (twoMN - twiceU) / twoMN;
  const points: RocPoint[] = new Array(k + 1);
  if (direction === '<') {
    // threshold index g (0..k): positive = values at index ≥ g
    let tp = m;
    let fp = n;
    for (let g = 0; g <= k; g++) {
      if (g > 0) {
        tp -= caseCount[g - 1];
        fp -= controlCount[g - 1];
      }
      points[g] = point(thresholds[g], tp, fp, m, n);
    }
  } else {
    // descending thresholds: start at +∞ (all positive), then positive = values at index < g
    let tp = m;
    let fp = n;
    for (let g = k; g >= 0; g--) {
      if (g < k) {
        tp -= caseCount[g];
        fp -= controlCount[g];
      }
      points[k - g] = point(thresholds[g], tp, fp, m, n);
    }
  }
  return { auc, points };
}

function point(threshold: number, tp: number, fp: number, m: number, n: number): RocPoint {
  return Object.freeze({ threshold, sensitivity: tp / m, specificity: (n - fp) / n, tp, fp, tn: n - fp, fn: m - tp });
}
