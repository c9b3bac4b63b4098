/**
 * Inversion sampling of a unimodal discrete distribution from its mode outwards: with one uniform u, step to
 * the more probable neighbour each time (densities by ratio recursion) until the cumulative mass passes u.
 * Exact, O(spread) steps. Shared by the hypergeometric draws of random tables and the binomial draws of the
 * bootstrap counts.
 */

/** The density of the next value up (from the density `p` at `k` to k + 1), or down (k to k − 1). */
export type NextDensity = (p: number, k: number) => number;

/**
 * The value at which the cumulative mass, walking outwards from `mode` over [lo, hi], first exceeds `u`.
 * @param pMode the density at the mode; nextUp/nextDown give the neighbours' densities
 */
export function invertFromMode(
  u: number,
  mode: number,
  lo: number,
  hi: number,
  pMode: number,
  nextUp: NextDensity,
  nextDown: NextDensity,
): number {
  let left = u - pMode;
  if (left < 0) return mode;
  let down = mode;
  let up = mode;
  let pDown = pMode;
  let pUp = pMode;
  for (;;) {
    const canDown = down > lo;
    const canUp = up < hi;
    if (!canDown && !canUp) return mode; // rounding left u ≥ 0 after the whole support: return the mode
    const upDensity = canUp ? nextUp(pUp, up) : -1;
    const downDensity = canDown ? nextDown(pDown, down) : -1;
    if (upDensity >= downDensity) {
      up++;
      pUp = upDensity;
      left -= pUp;
      if (left < 0) return up;
    } else {
      down--;
      pDown = downDensity;
      left -= pDown;
      if (left < 0) return down;
    }
  }
}
