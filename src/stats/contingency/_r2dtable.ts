import type { Rng } from '../_shared/random.ts';
import { invertFromMode } from './_modeInversion.ts';

/**
 * One random r × c table with the given margins, uniformly over the tables' multiple-hypergeometric
 * distribution (Patefield 1981, algorithm AS 159: cells filled row by row, each from its conditional
 * hypergeometric distribution given the cells before it, drawn by inversion starting at the mode and
 * searching outwards). Writes into `out` (row-major r·c) and returns −Σ log x_ij! of the table.
 *
 * Reference: Patefield WM (1981) Algorithm AS 159: An efficient method of generating random R × C
 * tables with given row and column totals. Appl Stat 30:91–97.
 */
export function randomTable(
  rowTotals: ArrayLike<number>,
  colTotals: ArrayLike<number>,
  lf: Float64Array,
  rng: Rng,
  out: Int32Array,
  colLeft: Int32Array,
): number {
  const r = rowTotals.length;
  const c = colTotals.length;
  for (let j = 0; j < c; j++) colLeft[j] = colTotals[j];
  let totalLeft = 0;
  for (let i = 0; i < r; i++) totalLeft += rowTotals[i];
  let path = 0;
  for (let i = 0; i < r - 1; i++) {
    let rowLeft = rowTotals[i];
    let popLeft = totalLeft; // items not yet placed in rows ≥ i
    for (let j = 0; j < c - 1; j++) {
      // cell (i, j) ~ Hypergeometric(draws rowLeft, successes colLeft[j], population popLeft)
      const v = rowLeft === 0 ? 0 : hypergeometric(rowLeft, colLeft[j], popLeft, lf, rng);
      out[i * c + j] = v;
      path -= lf[v];
      rowLeft -= v;
      popLeft -= colLeft[j];
      colLeft[j] -= v;
    }
    out[i * c + c - 1] = rowLeft;
    path -= lf[rowLeft];
    colLeft[c - 1] -= rowLeft;
    totalLeft -= rowTotals[i];
  }
  for (let j = 0; j < c; j++) {
    out[(r - 1) * c + j] = colLeft[j];
    path -= lf[colLeft[j]];
  }
  return path;
}

/** Hypergeometric draw by inversion from the mode outwards (exact; O(spread) per draw). */
function hypergeometric(draws: number, successes: number, population: number, lf: Float64Array, rng: Rng): number {
  const failures = population - successes;
  const lo = Math.max(0, draws - failures);
  const hi = Math.min(draws, successes);
  if (lo === hi) return lo;
  const logDensity = (k: number): number =>
    lf[successes] -
    lf[k] -
    lf[successes - k] +
    lf[failures] -
    lf[draws - k] -
    lf[failures - draws + k] -
    (lf[population] - lf[draws] - lf[population - draws]);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
  const pMode = Math.exp(logDensity(mode));
  return invertFromMode(
    rng.uniform(),
    mode,
    lo,
    hi,
    pMode,
    (p, k) => (p * (successes - k) * (draws - k)) / ((k + 1) * (failures - draws + k + 1)),
    (p, k) => (p * k * (failures - draws + k)) / ((successes - k + 1) * (draws - k + 1)),
  );
}
