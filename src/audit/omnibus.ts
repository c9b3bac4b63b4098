import { fmtIv, pText } from './_interval.ts';
import type { CheckOutcome, Interval } from './types.ts';

/**
 * A p-value is in [0, 1]; adjusted p's (Bonferroni, as SPSS's pairwise comparisons) are capped at 1,
 * so a printed p above 1 is an adjustment that was not capped.
 */
export function checkPRange(p: Interval, printed: string): CheckOutcome {
  const arithmetic = [`printed p ${printed} stands for ${fmtIv(p)}`];
  if (p[0] > 1)
    return {
      status: 'inconsistent',
      reported: printed,
      recomputed: null,
      message: 'p > 1: an adjusted p (Bonferroni) must be capped at 1',
      arithmetic,
      severity: 'high',
    };
  if (p[1] < 0)
    return {
      status: 'inconsistent',
      reported: printed,
      recomputed: null,
      message: 'p < 0',
      arithmetic,
      severity: 'high',
    };
  return {
    status: 'consistent',
    reported: printed,
    recomputed: null,
    message: p[1] >= 1 ? 'p = 1 (an adjusted p capped at 1)' : 'p in [0, 1]',
    arithmetic,
    severity: 'high',
  };
}

/**
 * Pairwise comparisons after an omnibus test: a significant pairwise p while the omnibus test is not
 * significant (α = 0.05) contradicts the usual protocol (post-hoc tests only after a significant
 * omnibus test) and suggests unadjusted or mislabelled p's. Low severity: it is a question, not an
 * arithmetic error.
 */
export function checkPairwiseVsOmnibus(
  omnibus: Interval,
  printedOmnibus: string,
  pairwise: readonly { readonly name: string; readonly p: Interval; readonly printed: string }[],
  alpha = 0.05,
): CheckOutcome {
  const arithmetic = [`omnibus ${pText(printedOmnibus)}`, ...pairwise.map((x) => `${x.name}: p = ${x.printed}`)];
  const sig = pairwise.filter((x) => x.p[1] < alpha);
  if (omnibus[0] >= alpha && sig.length > 0) {
    return {
      status: 'implausible',
      reported: printedOmnibus,
      recomputed: null,
      message:
        `pairwise p < ${alpha} (${sig.map((x) => `${x.name} = ${x.printed}`).join(', ')}) ` +
        `while the omnibus ${pText(printedOmnibus)} is not significant`,
      arithmetic,
      severity: 'low',
    };
  }
  return {
    status: 'consistent',
    reported: printedOmnibus,
    recomputed: null,
    message:
      omnibus[1] < alpha
        ? 'omnibus significant; pairwise comparisons reported'
        : 'no pairwise significance without a significant omnibus test',
    arithmetic,
    severity: 'low',
  };
}
