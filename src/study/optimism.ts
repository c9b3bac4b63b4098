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
 *
 * A job's replicates can be computed in parts, by different threads (src/study/parallel.ts): a part records the
 * optimism of each of its replicates, and {@link combineParts} sums them in replicate order, so the result has the
 * same bits however the replicates were split. A part starting at replicate r draws its samples from the job's one
 * stream after the r·n draws of the replicates before it.
 */

import { createRng, type Rng } from '../stats/_shared/random.ts';
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
/** Up to this many distinct rows, by insertion from the previous refit's order (refits mostly keep the order). */
const INSERTION_SORT = 128;

/** Replicates `from` to `to` − 1 of a job: the optimism of each replicate used, and the refits that failed. */
export interface OptimismPart {
  from: number;
  to: number;
  /** AUC(refit on the sample) − AUC(refit on the original rows) of each replicate; 0 where not used */
  optimism: Float64Array;
  /** 1 where the replicate was used (both outcomes drawn and the refit gave finite probabilities) */
  used: Uint8Array;
  /** refits that did not converge (used) or failed (not used) */
  failed: number;
}

/**
 * One job's bootstrap, computed part by part in one thread: the refitter and buffers are built once, and the
 * random stream goes on from where the previous part stopped (parts of a job taken in order need no skipping).
 */
export class OptimismBootstrap {
  private readonly job: OptimismJob;
  private readonly refitter: ReturnType<typeof createLogisticRefitter>;
  private readonly counts: Float64Array;
  private readonly probabilities: Float64Array;
  private readonly order: Uint32Array;
  private readonly workspace: ArgsortWorkspace | undefined;
  private rng: Rng;
  /** the replicate whose sample the stream draws next */
  private position = 0;

  constructor(job: OptimismJob) {
    this.job = job;
    this.rng = createRng(job.seed);
    this.refitter = createLogisticRefitter(job.X, job.y);
    const size = this.refitter.patterns.size;
    this.counts = new Float64Array(size);
    this.probabilities = new Float64Array(size);
    this.order = Uint32Array.from({ length: size }, (_, i) => i);
    this.workspace = size > SMALL_SORT ? createArgsortWorkspace(size) : undefined;
  }

  /**
   * Replicates `from` to `to` − 1.
   * @param onProgress - called with the number of the replicate just done (1-based) at every multiple of 100
   */
  part(from: number, to: number, onProgress?: (done: number) => void): OptimismPart {
    const n = this.job.y.length;
    const { counts, probabilities, order, workspace, refitter } = this;
    const { size, patternOf, multiplicity, y: outcome } = refitter.patterns;
    this.seek(from);
    const rng = this.rng;
    const optimism = new Float64Array(to - from);
    const used = new Uint8Array(to - from);
    let failed = 0;
    for (let b = from; b < to; b++) {
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
          optimism[b - from] = aucDifference(order, probabilities, outcome, counts, multiplicity);
          used[b - from] = 1;
        }
      }
      if (onProgress && (b + 1) % 100 === 0) onProgress(b + 1);
    }
    this.position = to;
    return { from, to, optimism, used, failed };
  }

  /** Positions the stream at replicate `from`: each replicate takes n draws. */
  private seek(from: number): void {
    if (from < this.position) {
      this.rng = createRng(this.job.seed);
      this.position = 0;
    }
    const n = this.job.y.length;
    for (let draws = (from - this.position) * n; draws > 0; draws--) this.rng.integer(n);
    this.position = from;
  }
}

/**
 * The corrected AUC from parts covering replicates 0 to nBoot − 1 (in any order): the optimisms summed in
 * replicate order, as one pass over the replicates sums them.
 * @throws RangeError when the parts do not cover the replicates exactly once
 */
export function combineParts(job: OptimismJob, parts: readonly OptimismPart[]): OptimismResult {
  const sorted = [...parts].sort((a, b) => a.from - b.from);
  let sum = 0;
  let used = 0;
  let failed = 0;
  let next = 0;
  for (const part of sorted) {
    if (part.from !== next) throw new RangeError(`optimism parts: replicate ${next} missing or computed twice`);
    for (let i = 0; i < part.used.length; i++) {
      if (part.used[i] === 0) continue;
      sum += part.optimism[i];
      used += 1;
    }
    failed += part.failed;
    next = part.to;
  }
  if (next !== job.nBoot) throw new RangeError(`optimism parts: ${next} of ${job.nBoot} replicates`);
  const optimism = used ? sum / used : 0;
  return { corrected: job.apparent - optimism, optimism, failed, used };
}

/** Harrell's optimism-corrected AUC of one job, computed in this thread (see the module comment). */
export function optimismCorrected(job: OptimismJob, onProgress?: (done: number) => void): OptimismResult {
  return combineParts(job, [new OptimismBootstrap(job).part(0, job.nBoot, onProgress)]);
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * `order` ← the indices 0…n−1 in ascending order of `values` (ties in any order: the AUC sums them as a group).
 * `order` holds a permutation on entry (the previous refit's order, which a refit mostly keeps).
 */
function sortByValue(order: Uint32Array, values: Float64Array, workspace: ArgsortWorkspace | undefined): void {
  if (workspace !== undefined) {
    order.set(argsortFloat64(values, workspace).perm); // O(n) radix sort for many distinct rows
  } else if (order.length <= INSERTION_SORT) {
    for (let i = 1; i < order.length; i++) {
      const r = order[i];
      const v = values[r];
      let j = i - 1;
      for (; j >= 0 && values[order[j]] > v; j--) order[j + 1] = order[j];
      order[j + 1] = r;
    }
  } else {
    order.sort((a, b) => values[a] - values[b]);
  }
}

/**
 * AUC with rows weighted by `inSample` minus AUC with rows weighted by `original`, both with direction '<' (cases
 * score higher) on the same sorted values, in one pass. Each AUC is Mann–Whitney U/(m·n), ties 1/2, as rocCurve
 * computes it on the expanded rows (twice U accumulated as an integer, then one division).
 */
function aucDifference(
  order: Uint32Array,
  values: Float64Array,
  outcome: Float64Array,
  inSample: Float64Array,
  original: Float64Array,
): number {
  let twiceU = 0;
  let controlsBelow = 0;
  let cases = 0;
  let twiceUOriginal = 0;
  let controlsBelowOriginal = 0;
  let casesOriginal = 0;
  let g = 0;
  while (g < order.length) {
    const v = values[order[g]];
    let c = 0;
    let d = 0;
    let cOriginal = 0;
    let dOriginal = 0;
    for (; g < order.length && values[order[g]] === v; g++) {
      const r = order[g];
      if (outcome[r] === 1) {
        c += inSample[r];
        cOriginal += original[r];
      } else {
        d += inSample[r];
        dOriginal += original[r];
      }
    }
    twiceU += c * (2 * controlsBelow + d);
    controlsBelow += d;
    cases += c;
    twiceUOriginal += cOriginal * (2 * controlsBelowOriginal + dOriginal);
    controlsBelowOriginal += dOriginal;
    casesOriginal += cOriginal;
  }
  return twiceU / (2 * cases * controlsBelow) - twiceUOriginal / (2 * casesOriginal * controlsBelowOriginal);
}
