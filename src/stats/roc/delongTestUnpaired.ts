import { InputError } from '../_shared/errors.ts';
import { type Alternative, freezeResult, type TestResult } from '../_shared/result.ts';
import { alternativeOption } from '../_shared/validate.ts';
import { pValueFromTails } from '../distributions/pValue.ts';
import { tCdf, tSf } from '../distributions/studentT.ts';
import { caseMask, directionOption, pairDirections, type RocDirection, splitScores } from './_data.ts';
import { delongPlacements, delongVariance } from './_placements.ts';

export interface DelongTestUnpairedOptions {
  /** direction of both curves. @default each chosen as pROC's `"auto"`, stated in `warnings` */
  direction?: RocDirection;
  /** relative to A: `'greater'` means AUC(A) > AUC(B). @default 'two-sided' */
  alternative?: Alternative;
  /** label value of cases in both samples. @default 1 */
  positive?: number;
}

export interface DelongTestUnpairedResult extends TestResult {
  readonly aucA: number;
  readonly aucB: number;
  readonly seA: number;
  readonly seB: number;
  readonly directionA: RocDirection;
  readonly directionB: RocDirection;
}

/**
 * DeLong's test for two ROC curves from independent samples, as pROC
 * `roc.test(roc1, roc2, method = "delong", paired = FALSE)`: D = (AUC_A − AUC_B)/√(V_A + V_B) with each
 * V the DeLong variance S10/m + S01/n, referred to Student's t with Welch–Satterthwaite
 * df = (V_A + V_B)² / (V_A²/(N_A − 1) + V_B²/(N_B − 1)) (N = cases + controls of each sample), as pROC.
 *
 * Algorithm: sort-based placements (Sun & Xu 2014), O(N log N).
 *
 * Differences from R: auto-chosen directions are stated in `warnings`. pROC gives no CI for the unpaired
 * difference; `confInt` is therefore absent.
 *
 * @param labelsA labels of sample A (`positive` = case)
 * @param scoresA scores of sample A
 * @param labelsB labels of sample B
 * @param scoresB scores of sample B
 * @param opts see {@link DelongTestUnpairedOptions}
 * @throws InputError when an input is not a finite array, lengths differ within a sample, labels are not
 *   binary, a sample has fewer than 2 cases or 2 controls, or an option is invalid
 * @returns frozen {@link DelongTestUnpairedResult}; `statistic` is D, `df` the Welch df
 * @example
 * delongTestUnpaired([0, 0, 1, 1, 0, 1, 0, 1], [1, 4, 3, 5, 2.5, 2, 3.5, 6], [0, 1, 0, 1, 1, 0], [2, 3, 1, 2, 4, 3], {
 *   direction: '<',
 * }).pValue
 * // => 0.7719464623792178 (pROC roc.test: D = -0.2965, df = 11.88, p = 0.7719)
 *
 * References: DeLong ER, DeLong DM, Clarke-Pearson DL. Biometrics 1988;44:837–845. Robin X et al. pROC.
 * BMC Bioinformatics 2011;12:77.
 */
export function delongTestUnpaired(
  labelsA: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  labelsB: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  opts: DelongTestUnpairedOptions = {},
): DelongTestUnpairedResult {
  if (opts === null || typeof opts !== 'object') throw new InputError('opts', 'an options object', opts);
  const alternative = alternativeOption(opts.alternative ?? 'two-sided');
  const positive = opts.positive ?? 1;
  const userDirection = directionOption(opts.direction);
  const ma = caseMask(labelsA, positive, 'labelsA');
  const a = splitScores(scoresA, ma.isCase, ma.nCases, 'scoresA');
  const mb = caseMask(labelsB, positive, 'labelsB');
  const b = splitScores(scoresB, mb.isCase, mb.nCases, 'scoresB');
  for (const [name, s] of [
    ['labelsA', a],
    ['labelsB', b],
  ] as const) {
    if (s.cases.length < 2 || s.controls.length < 2) {
      throw new InputError(
        name,
        'to contain at least 2 cases and 2 controls for the DeLong variance',
        `${s.cases.length} cases, ${s.controls.length} controls`,
      );
    }
  }
  const warnings: string[] = [];
  const { directionA, directionB } = pairDirections(a, b, userDirection, ['sample A', 'sample B'], warnings);
  const pa = delongPlacements(a.cases, a.controls, directionA);
  const pb = delongPlacements(b.cases, b.controls, directionB);
  const va = delongVariance(pa);
  const vb = delongVariance(pb);
  if (va === 0)
    warnings.push(`sample A has DeLong variance 0 (AUC = ${pa.theta}): the test rests on sample B's variance alone`);
  if (vb === 0)
    warnings.push(`sample B has DeLong variance 0 (AUC = ${pb.theta}): the test rests on sample A's variance alone`);
  const nA = pa.nCases + pa.nControls;
  const nB = pb.nCases + pb.nControls;
  const se = Math.sqrt(va + vb);
  const difference = pa.theta - pb.theta;
  const df = (va + vb) ** 2 / (va ** 2 / (nA - 1) + vb ** 2 / (nB - 1));
  let statistic: number;
  let pValue: number;
  if (se === 0) {
    statistic = difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity;
    pValue =
      difference === 0 ? 1 : alternative === 'two-sided' ? 0 : (alternative === 'greater') === difference > 0 ? 0 : 1;
    warnings.push(
      'both DeLong variances are 0 (perfect or constant curves): the t statistic and its df are undefined; ' +
        'p reported as ' +
        pValue,
    );
  } else {
    statistic = difference / se;
    pValue = pValueFromTails(statistic, { cdf: (x) => tCdf(x, df), sf: (x) => tSf(x, df) }, alternative);
  }
  return freezeResult({
    method: "DeLong's test for two ROC curves",
    statistic,
    statisticName: 'D',
    ...(se === 0 ? {} : { df }),
    pValue,
    alternative,
    estimate: difference,
    estimateName: 'AUC(A) - AUC(B)',
    nullValue: 0,
    se,
    n: nA + nB,
    aucA: pa.theta,
    aucB: pb.theta,
    seA: Math.sqrt(va),
    seB: Math.sqrt(vb),
    directionA,
    directionB,
    conventions: {
      test: 'DeLong 1988, unpaired, t with Welch-Satterthwaite df (pROC)',
      directionA,
      directionB,
      directionChosenBy: userDirection === undefined ? 'auto (pROC median rule, per curve)' : 'user',
    },
    warnings,
  });
}
