/**
 * Order statistics of the n_x·n_y pairwise differences x_i − y_j without materialising them:
 * with both samples sorted, the number of differences ≤ t is counted in O(n_x + n_y) by a two-pointer
 * walk (x_i − y_j is monotone in i and j, also after floating-point rounding), and the k-th smallest is
 * found by bisection on the value that snaps to actual differences after every step (so it stops after
 * O(log(range / smallest gap)) counts, never more than the number of distinct differences).
 * Used for the Hodges–Lehmann estimate and the confidence interval of the Wilcoxon rank-sum test, as
 * R's `wilcox.test(conf.int = TRUE)` (which sorts `outer(x, y, "-")`, O(n_x n_y) memory).
 *
 * Reference: Monahan JF (1984). Algorithm 616: fast computation of the Hodges-Lehmann location
 * estimator. ACM Trans Math Softw 10(3):265–270 (same counting idea).
 */
export class PairwiseDifferences {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  readonly count: number;

  /** @param xSorted ascending x; @param ySorted ascending y */
  constructor(xSorted: Float64Array, ySorted: Float64Array) {
    this.x = xSorted;
    this.y = ySorted;
    this.count = xSorted.length * ySorted.length;
  }

  get min(): number {
    return this.x[0] - this.y[this.y.length - 1];
  }

  get max(): number {
    return this.x[this.x.length - 1] - this.y[0];
  }

  /** #{x_i − y_j ≤ t}, the largest difference ≤ t and the smallest difference > t. */
  private countAtMost(t: number): { atMost: number; maxAtMost: number; minAbove: number } {
    const { x, y } = this;
    const ny = y.length;
    let p = ny; // for the current x_i: differences x_i − y_j ≤ t exactly for j ≥ p
    let atMost = 0;
    let maxAtMost = -Infinity;
    let minAbove = Infinity;
    // walk x descending: x_i − y_j shrinks, so the boundary p only moves left (O(n_x + n_y) in total)
    for (let i = x.length - 1; i >= 0; i--) {
      const xi = x[i];
      if (p < 0) p = 0;
      // move p right while x_i − y_p > t; left while x_i − y_{p−1} ≤ t
      while (p > 0 && xi - y[p - 1] <= t) p--;
      while (p < ny && xi - y[p] > t) p++;
      atMost += ny - p;
      if (p < ny) {
        const d = xi - y[p];
        if (d > maxAtMost) maxAtMost = d;
      }
      if (p > 0) {
        const d = xi - y[p - 1];
        if (d < minAbove) minAbove = d;
      }
    }
    return { atMost, maxAtMost, minAbove };
  }

  /** The k-th smallest difference, k = 1 … n_x·n_y (as `sort(outer(x, y, "-"))[k]` in R). */
  kth(k: number): number {
    if (!(k >= 1 && k <= this.count) || !Number.isInteger(k))
      throw new RangeError(`k must be an integer in 1..${this.count}; got ${k}`);
    let a = this.min; // invariant: #(< a) < k ≤ #(≤ b), a and b actual differences
    let b = this.max;
    while (a < b) {
      let t = a + (b - a) / 2;
      if (!(t < b)) t = a;
      const c = this.countAtMost(t);
      if (c.atMost >= k) b = c.maxAtMost;
      else a = c.minAbove;
    }
    return a;
  }

  /** Median of the differences (the Hodges–Lehmann two-sample estimate), as R's `median(outer(x, y, "-"))`. */
  median(): number {
    const m = this.count;
    if (m % 2 === 1) return this.kth((m + 1) / 2);
    const lo = this.kth(m / 2);
    const hi = this.kth(m / 2 + 1);
    return lo + (hi - lo) / 2;
  }
}
