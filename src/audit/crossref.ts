import { fmtIv, overlaps } from './_interval.ts';
import type { CheckOutcome, Interval } from './types.ts';

export interface Printed {
  readonly id: string;
  readonly interval: Interval;
  readonly printed: string;
}

/** The same number printed twice (abstract vs table, text vs table) must agree within rounding. */
export function checkRestatement(restated: Printed, original: Printed): CheckOutcome {
  const ok = overlaps(restated.interval, original.interval);
  return {
    status: ok ? 'consistent' : 'inconsistent',
    reported: restated.printed,
    recomputed: original.printed,
    message: ok
      ? `agrees with ${original.id} (${original.printed})`
      : `${restated.printed} contradicts ${original.id}, printed ${original.printed}`,
    arithmetic: [
      `${restated.id}: ${restated.printed} = ${fmtIv(restated.interval)}`,
      `${original.id}: ${original.printed} = ${fmtIv(original.interval)}`,
    ],
    severity: 'high',
  };
}

/** A printed count that is the sum of printed cells (e.g. "145 had solitary lesions" vs Table 2). */
export function checkSumClaim(total: Printed, parts: readonly Printed[]): CheckOutcome {
  const lo = parts.reduce((a, p) => a + p.interval[0], 0);
  const hi = parts.reduce((a, p) => a + p.interval[1], 0);
  const ok = overlaps([lo, hi], total.interval);
  return {
    status: ok ? 'consistent' : 'inconsistent',
    reported: total.printed,
    recomputed: fmtIv([lo, hi]),
    message: ok
      ? `= ${parts.map((p) => p.printed).join(' + ')}`
      : `${total.printed} ≠ ${parts.map((p) => p.printed).join(' + ')} = ${fmtIv([lo, hi])}`,
    arithmetic: [
      `${parts.map((p) => `${p.printed} (${p.id})`).join(' + ')} = ${fmtIv([lo, hi])}`,
      `printed ${total.printed}`,
    ],
    severity: 'high',
  };
}

/** A printed range ("ranged from 0.666 to 0.786") must be the min and max of the cells it spans. */
export function checkRangeClaim(min: Printed, max: Printed, values: readonly Printed[]): CheckOutcome {
  const minIv: Interval = [
    Math.min(...values.map((v) => v.interval[0])),
    Math.min(...values.map((v) => v.interval[1])),
  ];
  const maxIv: Interval = [
    Math.max(...values.map((v) => v.interval[0])),
    Math.max(...values.map((v) => v.interval[1])),
  ];
  const argmin = values.reduce((a, v) => (v.interval[0] < a.interval[0] ? v : a));
  const argmax = values.reduce((a, v) => (v.interval[1] > a.interval[1] ? v : a));
  const problems: string[] = [];
  if (!overlaps(minIv, min.interval))
    problems.push(`the minimum is ${argmin.printed} (${argmin.id}), not ${min.printed}`);
  if (!overlaps(maxIv, max.interval))
    problems.push(`the maximum is ${argmax.printed} (${argmax.id}), not ${max.printed}`);
  return {
    status: problems.length ? 'inconsistent' : 'consistent',
    reported: `${min.printed} to ${max.printed}`,
    recomputed: `${argmin.printed} to ${argmax.printed}`,
    message: problems.length
      ? problems.join('; ')
      : `min ${argmin.printed} (${argmin.id}) and max ${argmax.printed} (${argmax.id})`,
    arithmetic: [
      `${values.length} values: ${values.map((v) => `${v.id.split('/')[1]} ${v.printed}`).join(', ')}`,
      `min ${argmin.printed}, max ${argmax.printed}; printed ${min.printed} to ${max.printed}`,
    ],
    severity: 'high',
  };
}

/**
 * A claim of direction ("the HER2-low group had lower ADC than HER2-over") against the printed group
 * means or medians: inconsistent when the printed values say the opposite (intervals disjoint the
 * other way), implausible (low) when they are equal within rounding.
 */
export function checkDirection(
  direction: 'lower' | 'higher',
  first: { name: string; interval: Interval; printed: string },
  second: { name: string; interval: Interval; printed: string },
): CheckOutcome {
  const lower = first.interval[1] < second.interval[0];
  const higher = first.interval[0] > second.interval[1];
  const claimed = `${first.name} ${direction} than ${second.name}`;
  const arithmetic = [
    `${first.name}: ${first.printed} (${fmtIv(first.interval)}), ` +
      `${second.name}: ${second.printed} (${fmtIv(second.interval)})`,
    `claimed: ${claimed}`,
  ];
  const ok = direction === 'lower' ? lower : higher;
  const opposite = direction === 'lower' ? higher : lower;
  return {
    status: ok ? 'consistent' : opposite ? 'inconsistent' : 'implausible',
    reported: claimed,
    recomputed: `${first.printed} vs ${second.printed}`,
    message: ok
      ? `the printed values agree: ${first.printed} vs ${second.printed}`
      : opposite
        ? `the printed values say the opposite: ${first.printed} vs ${second.printed}`
        : `equal within rounding: ${first.printed} vs ${second.printed}`,
    arithmetic,
    severity: opposite ? 'high' : 'low',
  };
}
