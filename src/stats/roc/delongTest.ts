import { InputError } from '../_shared/errors.ts';
import { type Alternative, freezeResult, type TestResult } from '../_shared/result.ts';
import { alternativeOption, confidenceLevel } from '../_shared/validate.ts';
import { normalCdf, normalQuantileUpper, normalSf } from '../distributions/normal.ts';
import { pValueFromTails } from '../distributions/pValue.ts';
import { createArgsortWorkspace } from './_argsort.ts';
import { caseMask, directionOption, pairDirections, type RocDirection, splitScores } from './_data.ts';
import { covariance, delongPlacements } from './_placements.ts';

export interface DelongTestOptions {
  /**
   * Direction of both curves. @default each curve chosen as pROC's `direction = "auto"` (median rule),
   * stated in `warnings` (pROC's `roc.test(response, predictor1, predictor2)` does the same, per curve).
   */
  direction?: RocDirection;
  /** relative to the first score: `'greater'` means AUC(A) > AUC(B). @default 'two-sided' */
  alternative?: Alternative;
  /** level of the CI for AUC(A) − AUC(B). @default 0.95 */
  confLevel?: number;
  /** label value of cases. @default 1 */
  positive?: number;
}

export interface DelongTestResult extends TestResult {
  readonly aucA: number;
  readonly aucB: number;
  readonly directionA: RocDirection;
  readonly directionB: RocDirection;
  readonly nCases: number;
  readonly nControls: number;
}

/**
 * DeLong's test for two correlated (paired) ROC curves: two scores measured on the same subjects.
 * Z = (AUC_A − AUC_B)/√(L S Lᵀ), S = S10/m + S01/n the 2×2 DeLong covariance of the placements,
 * L = (1, −1); two-sided p = 2·P(Z > |z|). The CI of the difference is (AUC_A − AUC_B) ± z·SE.
 * Equivalent to pROC `roc.test(roc1, roc2, method = "delong", paired = TRUE)` (statistic, p-value,
 * estimates, conf.int). A zero SE with equal AUCs gives Z = 0 (as pROC).
 *
 * Algorithm: placements by one sort per group and score plus binary searches (Sun & Xu 2014),
 * O(N log N) time and O(N) typed-array memory; no O(m·n) kernel.
 *
 * Differences from R: when the directions are auto-chosen they are stated in `warnings`; pROC prints a
 * message. SPSS (ROC Analysis, paired-sample design) reports the same DeLong Z for the difference.
 *
 * @param labels one label per subject (`positive`, default 1 = case; one other value = control)
 * @param scoresA first score per subject
 * @param scoresB second score per subject (same subjects, same order)
 * @param opts see {@link DelongTestOptions}
 * @throws InputError when inputs are not finite arrays of equal length, labels are not binary, there are
 *   fewer than 2 cases or 2 controls, or an option is invalid
 * @returns frozen {@link DelongTestResult}; `estimate` = AUC_A − AUC_B, `se` its DeLong SE
 * @example
 * delongTest([0, 0, 0, 1, 1, 1, 0, 1], [1, 2, 2, 3, 2, 5, 4, 4], [2, 1, 3, 4, 5, 6, 2, 3], { direction: '<' }).pValue
 * // => 0.32610945202048913 (pROC roc.test: 0.3261)
 *
 * References: DeLong ER, DeLong DM, Clarke-Pearson DL. Biometrics 1988;44:837–845. Sun X, Xu W. IEEE Signal
 * Processing Letters 2014;21:1389–1393. Robin X et al. pROC. BMC Bioinformatics 2011;12:77.
 */
export function delongTest(
  labels: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  opts: DelongTestOptions = {},
): DelongTestResult {
  if (opts === null || typeof opts !== 'object') throw new InputError('opts', 'an options object', opts);
  const alternative = alternativeOption(opts.alternative ?? 'two-sided');
  const confLevel = confidenceLevel(opts.confLevel ?? 0.95);
  const positive = opts.positive ?? 1;
  const userDirection = directionOption(opts.direction);
  const { isCase, nCases } = caseMask(labels, positive);
  const a = splitScores(scoresA, isCase, nCases, 'scoresA');
  const b = splitScores(scoresB, isCase, nCases, 'scoresB');
  const m = a.cases.length;
  const n = a.controls.length;
  if (m < 2 || n < 2)
    throw new InputError(
      'labels',
      'to contain at least 2 cases and 2 controls for the DeLong variance',
      `${m} cases, ${n} controls`,
    );
  const warnings: string[] = [];
  const { directionA, directionB } = pairDirections(a, b, userDirection, ['scoresA', 'scoresB'], warnings);
  const workspace = createArgsortWorkspace(Math.max(m, n));
  const pa = delongPlacements(a.cases, a.controls, directionA, workspace);
  const pb = delongPlacements(b.cases, b.controls, directionB, workspace);
  const sxAA = covariance(pa.caseV, pa.theta, pa.caseV, pa.theta);
  const sxBB = covariance(pb.caseV, pb.theta, pb.caseV, pb.theta);
  const sxAB = covariance(pa.caseV, pa.theta, pb.caseV, pb.theta);
  const syAA = covariance(pa.controlV, pa.theta, pa.controlV, pa.theta);
  const syBB = covariance(pb.controlV, pb.theta, pb.controlV, pb.theta);
  const syAB = covariance(pa.controlV, pa.theta, pb.controlV, pb.theta);
  const varianceDiff = (sxAA + sxBB - 2 * sxAB) / m + (syAA + syBB - 2 * syAB) / n;
  const se = Math.sqrt(Math.max(varianceDiff, 0));
  const difference = pa.theta - pb.theta;
  let statistic: number;
  if (se === 0) {
    statistic = difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity;
    warnings.push(
      difference === 0
        ? 'the DeLong variance of the difference is 0 and the AUCs are equal: Z set to 0 (as pROC), p = 1'
        : 'the DeLong variance of the difference is 0 but the AUCs differ: Z is infinite',
    );
  } else {
    statistic = difference / se;
  }
  if (pa.theta === 1 && pb.theta === 1)
    warnings.push('both AUCs equal 1: the test always gives p = 1 and can be misleading (as pROC warns)');
  const pValue = pValueFromTails(statistic, { cdf: normalCdf, sf: normalSf }, alternative);
  const zc = normalQuantileUpper((1 - confLevel) / 2);
  return freezeResult({
    method: "DeLong's test for two correlated ROC curves",
    statistic,
    statisticName: 'Z',
    pValue,
    alternative,
    estimate: difference,
    estimateName: 'AUC(A) - AUC(B)',
    nullValue: 0,
    confInt: [difference - zc * se, difference + zc * se] as const,
    confLevel,
    se,
    n: m + n,
    aucA: pa.theta,
    aucB: pb.theta,
    directionA,
    directionB,
    nCases: m,
    nControls: n,
    conventions: {
      test: 'DeLong 1988, paired',
      directionA,
      directionB,
      directionChosenBy: userDirection === undefined ? 'auto (pROC median rule, per curve)' : 'user',
      placements: 'Sun & Xu 2014 sort-based, ties 1/2',
      confInt: 'difference +/- z*SE (pROC roc.test conf.int)',
    },
    warnings,
  });
}
