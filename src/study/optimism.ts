/**
 * Harrell's bootstrap optimism correction of a logistic model's AUC (Harrell, Lee & Mark 1996, Stat Med
 * 15:361–387): for each of B bootstrap samples, refit the model, optimism_b = AUC(refit on the bootstrap
 * sample) − AUC(refit on the original sample); corrected AUC = apparent AUC − mean optimism. Seeded (one
 * MT19937 stream per model), so the result does not depend on which thread computes it.
 *
 * The hot loop works on the distinct rows of the data (see stats/regression/_refit.ts): a bootstrap sample is
 * the number of times each distinct row was drawn, the refit is a frequency-weighted IRLS following the same
 * iterates as a fit on the expanded sample, and both AUCs are Mann–Whitney counts over the distinct rows, with
 * the drawn counts (in sample) or the original multiplicities (original sample) as weights, after one sort of
 * the fitted probabilities. The counts are integers, so each AUC is the same ratio of integers as on expanded
 * rows, and the same draws of the same generator are used as when each sample was materialised.
 */

import { createRng } from '../stats/_shared/random.ts';
import { createLogisticRefitter } from '../stats/regression/_refit.ts';
import { type ArgsortWorkspace, argsortFloat64, createArgsortWorkspace } from '../stats/roc/_argsort.ts';

export interface OptimismJob {
  X: number[][];
  y: number[];
  apparent: number;
  seed: number;
  nBoot: number;
}

export interface OptimismResult {
  corrected: number;
  optimism: number;
  /** bootstrap refits that did not converge (kept, as Harrell's validate() does) or failed (skipped) */
  failed: number;
  used: number;
}

/** Above this many distinct rows the fitted probabilities are ordered by a radix sort, below by a comparator sort. */
const SMALL_SORT = 512;

export function optimismCorrected(job: OptimismJob, onProgress?: (done: number) => void): OptimismResult {
  const { X, y, apparent, nBoot } = job;
  const rng = createRng(job.seed);
  const n = y.length;
  const refitter = createLogisticRefitter(X, y);
  const { size, patternOf, multiplicity, y: outcome } = refitter.patterns;
  const counts = new Float64Array(size);
  const probabilities = new Float64Array(size);
  const order = new Uint32Array(size);
  const workspace = size > SMALL_SORT ? createArgsortWorkspace(size) : undefined;
  let sum = 0;
  let used = 0;
  let failed = 0;
  for (let b = 0; b < nBoot; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[patternOf[rng.integer(n)]] += 1;
    let events = 0;
    for (let r = 0; r < size; r++) events += counts[r] * outcome[r];
    if (events > 0 && events < n) {
      const fit = refitter.refit(counts, probabilities);
      if (fit === null || !allFinite(probabilities)) {
        failed += 1; // logisticRegression or rocCurve would have thrown: skipped
      } else {
        if (!fit.converged) failed += 1;
        sortByValue(order, probabilities, workspace);
        sum +=
          weightedAuc(order, probabilities, outcome, counts) - weightedAuc(order, probabilities, outcome, multiplicity);
        used += 1;
      }
    }
    if (onProgress && (b + 1) % 100 === 0) onProgress(b + 1);
  }
  const optimism = used ? sum / used : 0;
  return { corrected: apparent - optimism, optimism, failed, used };
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** `order` ← the indices 0…n−1 in ascending order of `values` (ties in any order: the AUC sums them as a group). */
function sortByValue(order: Uint32Array, values: Float64Array, workspace: ArgsortWorkspace | undefined): void {
  if (workspace !== undefined) {
    order.set(argsortFloat64(values, workspace).perm); // O(n) radix sort for many distinct rows
    return;
  }
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b]);
}

/**
 * AUC with direction '<' (cases score higher) of rows weighted by integer counts: Mann–Whitney U/(m·n), ties 1/2,
 * as rocCurve computes it on the expanded rows (twice U accumulated as an integer, then one division).
 */
function weightedAuc(order: Uint32Array, values: Float64Array, outcome: Float64Array, weight: Float64Array): number {
  let twiceU = 0;
  let controlsBelow = 0;
  let cases = 0;
  let g = 0;
  while (g < order.length) {
    const v = values[order[g]];
    let c = 0;
    let d = 0;
    for (; g < order.length && values[order[g]] === v; g++) {
      const r = order[g];
      if (outcome[r] === 1) c += weight[r];
      else d += weight[r];
    }
    twiceU += c * (2 * controlsBelow + d);
    controlsBelow += d;
    cases += c;
  }
  return twiceU / (2 * cases * controlsBelow);
}
