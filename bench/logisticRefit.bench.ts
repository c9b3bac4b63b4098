/**
 * The optimism bootstrap alone (Harrell's optimism-corrected AUC of the Shen ROC models: 4 models × 2 000 refits),
 * on the synthetic cohort and on 10× and 100× resampled copies of it (bench/scale.bench.ts's resampler). Timed as
 * `finish()` of a started run with no worker thread: the analyses run first, untimed, then the bootstraps alone.
 * The refits work on distinct rows with counts (src/stats/regression/_refit.ts), so their cost follows the number
 * of distinct rows, which a resampled cohort keeps at the source's; what grows with n is drawing the samples
 * (n draws per replicate, the same generator stream as ever). `npm run bench -- logisticRefit` runs only this;
 * REFIT_FACTORS=1,10 picks the sizes.
 */
import { performance } from 'node:perf_hooks';
import { loadInputs } from '../src/study/load.ts';
import { startAnalyses } from '../src/study/run.ts';
import type { BenchRow } from './_harness.ts';
import { resampledCohort } from './scale.bench.ts';

export const title = 'optimism bootstrap alone (4 models × 2 000 logistic refits) on 1×, 10×, 100× cohorts';

export async function run(): Promise<BenchRow[]> {
  const factors = (process.env.REFIT_FACTORS ?? '1,10,100').split(',').map(Number);
  const rows: BenchRow[] = [];
  for (const factor of factors) {
    const data = factor === 1 ? 'data/shen2025/cohort.synthetic.csv' : resampledCohort(factor);
    const inputs = await loadInputs('analyses/shen2025', { data });
    const started = startAnalyses(inputs, { threads: 0 });
    const t0 = performance.now();
    const result = await started.finish();
    const ms = performance.now() - t0;
    const optimism = result.sensitivity.flatMap((s) => s.variants).filter((v) => v.name.startsWith('optimism'));
    rows.push({
      name: `optimism bootstrap, ${factor}× cohort (${inputs.rows.length} rows)`,
      ms,
      note: `${optimism.length} models, ${result.bootstrapReplicates} refits each; corrected AUCs ${optimism
        .map((v) => v.display.split(' ')[0])
        .join(', ')}`,
    });
  }
  return rows;
}
