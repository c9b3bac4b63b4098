import { InputError } from '../_shared/errors.ts';
import { freezeResult } from '../_shared/result.ts';
import type { RocCurve, RocPoint } from './rocCurve.ts';

/** One optimal cut-off by Youden's index. */
export interface YoudenPoint extends RocPoint {
  /** Youden's J = sensitivity + specificity − 1 */
  readonly youden: number;
}

export interface YoudenResult {
  /** max J over all thresholds */
  readonly youden: number;
  /**
   * every threshold attaining the maximum, in the curve's order
   * (pROC `coords(roc, "best", best.method = "youden")`)
   */
  readonly best: readonly YoudenPoint[];
  readonly direction: RocCurve['direction'];
  readonly conventions: Readonly<Record<string, string | number | boolean>>;
  readonly warnings: readonly string[];
}

/**
 * Youden-optimal cut-offs of an empirical ROC curve: every threshold attaining max J, J = sensitivity +
 * specificity − 1 (Youden 1950). Ties are real and all are returned, as pROC's
 * `coords(roc, "best", best.method = "youden", ties.method)` returns every maximising row.
 *
 * Ties are decided in exact integer arithmetic (J·m·n = tp·n + tn·m − m·n), so two thresholds with
 * mathematically equal J are both returned. O(number of thresholds).
 *
 * The cut-offs are pROC's midpoints between adjacent distinct scores (see {@link rocCurve}). SPSS's ROC
 * coordinates table uses the same midpoints ("positive if ≥" the cut-off for larger-is-positive tests),
 * so the printed cut-off of a Youden search done on SPSS coordinates equals this threshold. Papers often
 * report a midpoint such as 1.035 where no subject has that score.
 *
 * Differences from R: pROC compares the floating-point sums se + sp with `==`, which can (rarely) drop a
 * mathematically tied threshold by one rounding unit; the exact comparison here keeps it. pROC's `±Inf`
 * thresholds can be optimal (J = 0 only when the curve is the diagonal); they are returned as ±Infinity.
 *
 * @param roc a curve from {@link rocCurve}
 * @throws InputError when `roc` is not a curve from rocCurve
 * @returns frozen {@link YoudenResult}
 * @example
 * youden(rocCurve([0, 0, 0, 1, 1, 1, 0, 1], [1, 2, 2, 3, 2, 5, 4, 4], { direction: '<' })).best[0].threshold // => 2.5
 *
 * Reference: Youden WJ. Index for rating diagnostic tests. Cancer 1950;3:32–35.
 */
export function youden(roc: RocCurve): YoudenResult {
  if (roc === null || typeof roc !== 'object' || !Array.isArray(roc.points) || roc.points.length === 0) {
    throw new InputError('roc', 'a curve returned by rocCurve', roc);
  }
  const m = roc.nCases;
  const n = roc.nControls;
  let bestScore = -Infinity;
  for (const p of roc.points) {
    const s = p.tp * n + p.tn * m; // = (J + 1)·m·n, exact integer
    if (s > bestScore) bestScore = s;
  }
  const best: YoudenPoint[] = [];
  for (const p of roc.points) {
    if (p.tp * n + p.tn * m === bestScore) best.push({ ...p, youden: p.sensitivity + p.specificity - 1 });
  }
  const warnings: string[] = [];
  if (best.length > 1) warnings.push(`${best.length} thresholds attain the maximum Youden index; all are returned`);
  return freezeResult({
    youden: (bestScore - m * n) / (m * n),
    best,
    direction: roc.direction,
    conventions: {
      criterion: 'Youden J = sensitivity + specificity - 1',
      ties: 'all maximising thresholds (exact integer comparison)',
      thresholds: 'midpoints between distinct scores (pROC, SPSS)',
      direction: roc.direction,
    },
    warnings,
  });
}
