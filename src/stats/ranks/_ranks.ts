/**
 * Mid-ranks of several pooled samples without sorting an index permutation: each group is sorted on
 * its own as a Float64Array (native numeric sort, no comparator callback, which would dominate the
 * cost of sorting indices in JavaScript) and the sorted groups are merged, k heads at a time, to
 * assign mid-ranks. O(N log N + N·k) time, O(N) memory. For many groups (k > 16) the pooled values are
 * sorted once instead and each sorted group is merged against the distinct values (O(N log N)).
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
  if (groups.length <= 16) return mergedRanks(groups, keepScores);
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
    ? {
        n,
        sizes,
        rankSums,
        tieSum,
        distinct,
        distinctValues: distinctValues.subarray(0, distinct),
        midRanks: midRanks.subarray(0, distinct),
        counts: counts.subarray(0, distinct),
      }
    : { n, sizes, rankSums, tieSum, distinct };
}

/** k-way merge of the separately sorted groups (k small). */
function mergedRanks(groups: readonly Float64Array[], keepScores: boolean): PooledRanks {
  const k = groups.length;
  const sorted = groups.map((g) => Float64Array.from(g).sort());
  const heads = new Int32Array(k);
  const sizes = new Float64Array(k);
  const rankSums = new Float64Array(k);
  const runs = new Float64Array(k);
  let n = 0;
  for (let g = 0; g < k; g++) {
    sizes[g] = sorted[g].length;
    n += sorted[g].length;
  }
  const distinctValues = keepScores ? new Float64Array(n) : undefined;
  const midRanks = keepScores ? new Float64Array(n) : undefined;
  const counts = keepScores ? new Float64Array(n) : undefined;
  let distinct = 0;
  let tieSum = 0;
  let below = 0; // observations already ranked
  while (below < n) {
    let v = Infinity;
    for (let g = 0; g < k; g++) {
      const h = heads[g];
      if (h < sorted[g].length && sorted[g][h] < v) v = sorted[g][h];
    }
    // v may be +Infinity only if validated data contained it, which finiteSample forbids
    let t = 0;
    for (let g = 0; g < k; g++) {
      const arr = sorted[g];
      let h = heads[g];
      const start = h;
      while (h < arr.length && arr[h] === v) h++;
      runs[g] = h - start;
      heads[g] = h;
      t += h - start;
    }
    const mid = below + (t + 1) / 2;
    for (let g = 0; g < k; g++) if (runs[g] > 0) rankSums[g] += mid * runs[g];
    if (t > 1) tieSum += (t * t - 1) * t;
    if (keepScores) {
      distinctValues![distinct] = v;
      midRanks![distinct] = mid;
      counts![distinct] = t;
    }
    distinct++;
    below += t;
  }
  return keepScores
    ? {
        n,
        sizes,
        rankSums,
        tieSum,
        distinct,
        distinctValues: distinctValues!.subarray(0, distinct),
        midRanks: midRanks!.subarray(0, distinct),
        counts: counts!.subarray(0, distinct),
      }
    : { n, sizes, rankSums, tieSum, distinct };
}
