/**
 * Mid-ranks of several pooled samples without sorting an index permutation: the pooled values are
 * sorted once as a Float64Array (native numeric sort), each distinct value gets its mid-rank, and each
 * group, sorted on its own, is merged against the distinct values. O(N log N) time, O(N) memory, no
 * comparator callbacks (which dominate the cost of sorting indices in JavaScript).
 */
export interface PooledRanks {
  /** total number of observations N */
  readonly n: number;
  /** group sizes n_i */
  readonly sizes: Float64Array;
  /** rank sums R_i of each group (mid-ranks for ties, as R's `rank()` default "average") */
  readonly rankSums: Float64Array;
  /** Σ (t³ − t) over tie groups t (0 when there are no ties) */
  readonly tieSum: number;
  /** number of distinct values */
  readonly distinct: number;
  /** sorted distinct values and their mid-ranks (only when `keepScores`) */
  readonly distinctValues?: Float64Array;
  readonly midRanks?: Float64Array;
  /** multiplicity of each distinct value (only when `keepScores`) */
  readonly counts?: Float64Array;
}

/**
 * Pools `groups` (each already validated as finite) and returns rank sums and tie statistics.
 * Note: −0 and +0 are equal (as in R's `rank`).
 */
export function pooledRanks(groups: readonly Float64Array[], keepScores = false): PooledRanks {
  let n = 0;
  for (const g of groups) n += g.length;
  const all = new Float64Array(n);
  let offset = 0;
  for (const g of groups) {
    all.set(g, offset);
    offset += g.length;
  }
  all.sort();
  // distinct values and their mid-ranks (1-based)
  const distinctValues = new Float64Array(n);
  const midRanks = new Float64Array(n);
  const counts = keepScores ? new Float64Array(n) : midRanks;
  let distinct = 0;
  let tieSum = 0;
  let i = 0;
  while (i < n) {
    const v = all[i];
    let j = i + 1;
    while (j < n && all[j] === v) j++;
    const t = j - i;
    if (t > 1) tieSum += (t * t - 1) * t; // t³ − t
    distinctValues[distinct] = v;
    midRanks[distinct] = (i + 1 + j) / 2; // mean of ranks i+1 … j
    if (keepScores) counts[distinct] = t;
    distinct++;
    i = j;
  }
  const sizes = new Float64Array(groups.length);
  const rankSums = new Float64Array(groups.length);
  for (let k = 0; k < groups.length; k++) {
    const sorted = Float64Array.from(groups[k]).sort();
    let d = 0;
    let sum = 0;
    for (let m = 0; m < sorted.length; m++) {
      const v = sorted[m];
      while (distinctValues[d] < v) d++;
      sum += midRanks[d];
    }
    sizes[k] = sorted.length;
    rankSums[k] = sum;
  }
  return keepScores
    ? { n, sizes, rankSums, tieSum, distinct, distinctValues: distinctValues.subarray(0, distinct), midRanks: midRanks.subarray(0, distinct), counts: counts.subarray(0, distinct) }
    : { n, sizes, rankSums, tieSum, distinct };
}
