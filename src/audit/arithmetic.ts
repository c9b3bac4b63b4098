import { contains, fmt, fmtIv, overlaps, SLACK } from './_interval.ts';
import type { CheckOutcome, Interval } from './types.ts';

/**
 * Counts of the levels of one variable must sum to the group n (exact integers, no rounding).
 * @param counts the printed counts, one per level
 * @param n the group size they must sum to
 * @param labels level names for the message
 */
export function checkCountSum(counts: readonly number[], n: number, labels: readonly string[] = []): CheckOutcome {
  const sum = counts.reduce((a, b) => a + b, 0);
  const expr = counts.map((c, i) => (labels[i] ? `${c} (${labels[i]})` : String(c))).join(' + ');
  const arithmetic = [`${expr} = ${sum}`, `group n = ${n}`];
  if (sum === n) {
    return {
      status: 'consistent',
      reported: `${counts.join(' + ')} of ${n}`,
      recomputed: String(sum),
      message: `counts sum to n = ${n}`,
      arithmetic,
      severity: 'high',
    };
  }
  return {
    status: 'inconsistent',
    reported: `${counts.join(' + ')} of ${n}`,
    recomputed: String(sum),
    message: `counts sum to ${sum}, not to the group n = ${n} (difference ${sum - n > 0 ? '+' : ''}${sum - n})`,
    arithmetic: [...arithmetic, `${sum} − ${n} = ${sum - n}`],
    severity: 'high',
  };
}

/** The integers k with 100·k/n inside the percent interval. */
export function countsMatchingPercent(percent: Interval, n: number): number[] {
  const out: number[] = [];
  const lo = Math.max(0, Math.ceil((percent[0] * n) / 100 - SLACK * n));
  const hi = Math.min(n, Math.floor((percent[1] * n) / 100 + SLACK * n));
  for (let k = lo; k <= hi; k++) if (contains(percent, (100 * k) / n)) out.push(k);
  return out;
}

/**
 * A printed percentage must be 100·k/n rounded: consistent when 100·k/n lies in the percent's
 * rounding interval. When not, names the counts k that would print this percent with this n.
 */
export function checkPercent(count: number, n: number, percent: Interval, printedPercent: string): CheckOutcome {
  const exactPct = (100 * count) / n;
  const arithmetic = [
    `100 × ${count} / ${n} = ${fmt(exactPct, 6)}%`,
    `printed ${printedPercent}% stands for ${fmtIv(percent)}%`,
  ];
  if (n <= 0)
    return {
      status: 'not-checkable',
      reported: `${count}/${n} (${printedPercent}%)`,
      recomputed: null,
      message: 'n is 0',
      arithmetic,
      severity: 'high',
    };
  if (contains(percent, exactPct)) {
    return {
      status: 'consistent',
      reported: `${count}/${n} (${printedPercent}%)`,
      recomputed: `${fmt(exactPct, 6)}%`,
      message: `${count}/${n} = ${fmt(exactPct, 4)}% prints as ${printedPercent}%`,
      arithmetic,
      severity: 'high',
    };
  }
  const ks = countsMatchingPercent(percent, n);
  const hint =
    ks.length > 0
      ? `; ${printedPercent}% of ${n} would be ${ks.join(' or ')}`
      : `; no count out of ${n} gives ${printedPercent}%`;
  return {
    status: 'inconsistent',
    reported: `${count}/${n} (${printedPercent}%)`,
    recomputed: `${fmt(exactPct, 6)}%`,
    message: `${count}/${n} = ${fmt(exactPct, 4)}%, not ${printedPercent}%${hint}`,
    arithmetic,
    severity: 'high',
  };
}

/** A printed total must be the sum of the group counts (exact integers). */
export function checkTotal(
  groupCounts: readonly number[],
  total: number,
  labels: readonly string[] = [],
): CheckOutcome {
  const sum = groupCounts.reduce((a, b) => a + b, 0);
  const expr = groupCounts.map((c, i) => (labels[i] ? `${c} (${labels[i]})` : String(c))).join(' + ');
  const arithmetic = [`${expr} = ${sum}`, `printed total ${total}`];
  const ok = sum === total;
  return {
    status: ok ? 'consistent' : 'inconsistent',
    reported: String(total),
    recomputed: String(sum),
    message: ok ? `total ${total} = sum of groups` : `total ${total} ≠ sum of groups ${sum}`,
    arithmetic,
    severity: 'high',
  };
}

/** One group's summary: n, and the rounding intervals of its mean and SD. */
export interface GroupSummary {
  readonly n: number;
  readonly mean: Interval;
  readonly sd: Interval;
}

/** Range of the pooled (grand) mean Σ nᵢ mᵢ / N over the boxes of the group means. */
export function pooledMeanRange(groups: readonly GroupSummary[]): Interval {
  const N = groups.reduce((a, g) => a + g.n, 0);
  let lo = 0;
  let hi = 0;
  for (const g of groups) {
    lo += g.n * g.mean[0];
    hi += g.n * g.mean[1];
  }
  return [lo / N, hi / N];
}

/**
 * Range of the SD of the pooled sample: s² = [Σ (nᵢ − 1) sᵢ² + Σ nᵢ (mᵢ − M)²] / (N − 1).
 * The within part is monotone in each sᵢ; the between part is a convex quadratic in the means, so its
 * maximum is at a corner of the box and its minimum is found by projected coordinate descent (exact
 * for this separable-plus-rank-one quadratic up to 1e-12).
 */
export function pooledSdRange(groups: readonly GroupSummary[]): Interval {
  const N = groups.reduce((a, g) => a + g.n, 0);
  let withinLo = 0;
  let withinHi = 0;
  for (const g of groups) {
    withinLo += (g.n - 1) * Math.max(0, g.sd[0]) ** 2;
    withinHi += (g.n - 1) * g.sd[1] ** 2;
  }
  const between = (m: number[]): number => {
    const M = m.reduce((a, x, i) => a + groups[i].n * x, 0) / N;
    return m.reduce((a, x, i) => a + groups[i].n * (x - M) ** 2, 0);
  };
  // maximum at a corner
  let bMax = 0;
  const k = groups.length;
  for (let mask = 0; mask < 1 << k; mask++) {
    const m = groups.map((g, i) => ((mask >> i) & 1 ? g.mean[1] : g.mean[0]));
    bMax = Math.max(bMax, between(m));
  }
  // minimum: coordinate descent; the minimiser of coordinate i given the others is the weighted
  // mean of the others (setting mᵢ = M₋ᵢ), clipped to its interval.
  const m = groups.map((g) => (g.mean[0] + g.mean[1]) / 2);
  for (let iter = 0; iter < 200; iter++) {
    let moved = 0;
    for (let i = 0; i < k; i++) {
      let sw = 0;
      let s = 0;
      for (let j = 0; j < k; j++)
        if (j !== i) {
          sw += groups[j].n;
          s += groups[j].n * m[j];
        }
      const target = Math.min(groups[i].mean[1], Math.max(groups[i].mean[0], s / sw));
      moved = Math.max(moved, Math.abs(target - m[i]));
      m[i] = target;
    }
    if (moved < 1e-15) break;
  }
  const bMin = between(m);
  return [Math.sqrt((withinLo + bMin) / (N - 1)), Math.sqrt((withinHi + bMax) / (N - 1))];
}

/**
 * A total mean and SD must be compatible with the group means, SDs and ns: the total mean is the
 * n-weighted mean of the group means; the total variance is the within- plus between-group sum of
 * squares over N − 1. With `integerData`, group sums must also be integers (GRIM), which narrows the
 * pooled mean to the sums that are attainable.
 * Mean and SD are checked separately (each over its full box), which can only under-flag.
 */
export function checkPooledMeanSd(
  groups: readonly GroupSummary[],
  total: { readonly mean?: Interval; readonly sd?: Interval; readonly printed: string },
  opts: { readonly integerData?: boolean; readonly labels?: readonly string[] } = {},
): CheckOutcome {
  const N = groups.reduce((a, g) => a + g.n, 0);
  const labels = opts.labels ?? groups.map((_, i) => `group ${i + 1}`);
  const arithmetic: string[] = [];
  let meanRange = pooledMeanRange(groups);
  arithmetic.push(
    `pooled mean = (${groups.map((g) => `${g.n} × ${fmtIv(g.mean)}`).join(' + ')}) / ${N} ∈ ${fmtIv(meanRange)}`,
  );
  if (opts.integerData) {
    let sLo = 0;
    let sHi = 0;
    for (const [i, g] of groups.entries()) {
      const lo = Math.ceil(g.mean[0] * g.n - SLACK * g.n);
      const hi = Math.floor(g.mean[1] * g.n + SLACK * g.n);
      sLo += lo;
      sHi += hi;
      arithmetic.push(
        `${labels[i]}: integer sums with mean in ${fmtIv(g.mean)}, n = ${g.n}: ${lo === hi ? lo : `${lo}…${hi}`}`,
      );
    }
    meanRange = [sLo / N, sHi / N];
    arithmetic.push(
      `pooled mean from integer sums = ${sLo === sHi ? sLo : `[${sLo}, ${sHi}]`} / ${N} ∈ ${fmtIv(meanRange)}`,
    );
  }
  const sdRange = pooledSdRange(groups);
  arithmetic.push(`pooled SD = √[(Σ(nᵢ−1)sᵢ² + Σnᵢ(mᵢ−M)²)/(N−1)] ∈ ${fmtIv(sdRange)}`);
  const problems: string[] = [];
  if (total.mean) {
    arithmetic.push(`printed total mean stands for ${fmtIv(total.mean)}`);
    if (!overlaps(meanRange, total.mean))
      problems.push(`total mean ${fmtIv(total.mean)} is not the n-weighted mean of the groups (${fmtIv(meanRange)})`);
  }
  if (total.sd) {
    arithmetic.push(`printed total SD stands for ${fmtIv(total.sd)}`);
    if (!overlaps(sdRange, total.sd))
      problems.push(`total SD ${fmtIv(total.sd)} is not the pooled SD of the groups (${fmtIv(sdRange)})`);
  }
  const recomputed = `mean ${fmtIv(meanRange)}, SD ${fmtIv(sdRange)}`;
  if (problems.length === 0) {
    return {
      status: 'consistent',
      reported: total.printed,
      recomputed,
      message: 'total mean and SD are compatible with the group means, SDs and ns',
      arithmetic,
      severity: 'high',
    };
  }
  return {
    status: 'inconsistent',
    reported: total.printed,
    recomputed,
    message: problems.join('; '),
    arithmetic,
    severity: 'high',
  };
}
