/**
 * Harrell's bootstrap optimism correction of a logistic model's AUC (Harrell, Lee & Mark 1996, Stat Med
 * 15:361–387): for each of B bootstrap samples, refit the model, optimism_b = AUC(refit on the bootstrap
 * sample) − AUC(refit on the original sample); corrected AUC = apparent AUC − mean optimism. Seeded (one
 * MT19937 stream per model), so the result does not depend on which thread computes it.
 */
import * as S from './api.ts';

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

export function optimismCorrected(job: OptimismJob, onProgress?: (done: number) => void): OptimismResult {
  const { X, y, apparent, nBoot } = job;
  const rng = S.createRng(job.seed);
  const n = y.length;
  let sum = 0;
  let used = 0;
  let failed = 0;
  for (let b = 0; b < nBoot; b++) {
    const idx = Array.from({ length: n }, () => rng.integer(n));
    const yb = idx.map((i) => y[i]);
    if (yb.includes(1) && yb.includes(0)) {
      const Xb = idx.map((i) => X[i]);
      try {
        const fit = S.logisticPredict(Xb, yb, X);
        if (!fit.converged) failed += 1;
        sum += S.roc(yb, fit.inSample, '<').auc - S.roc(y, fit.outOfSample, '<').auc;
        used += 1;
      } catch {
        failed += 1;
      }
    }
    if (onProgress && (b + 1) % 100 === 0) onProgress(b + 1);
  }
  const optimism = used ? sum / used : 0;
  return { corrected: apparent - optimism, optimism, failed, used };
}
