/**
 * `npm run reproduce` end to end: a fresh `node bin/restudy.js run analyses/shen2025 …` process on the bundled
 * synthetic cohort, with the study's 2 000-replicate bootstraps (AUC CIs, optimism-corrected AUCs), writing
 * the whole report. Target (issue 5): ≤ 10 s on this machine. Also the in-process split: load, analyses, report.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeReport } from '../src/report/write.ts';
import { loadInputs } from '../src/study/load.ts';
import { runAnalyses } from '../src/study/run.ts';
import type { BenchRow } from './_harness.ts';

export const title = 'reproduce: restudy run analyses/shen2025 on the synthetic cohort (2 000 bootstrap replicates)';

const COHORT = 'data/shen2025/cohort.synthetic.csv';

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = mkdtempSync(join(tmpdir(), 'restudy-bench-'));
    const t0 = performance.now();
    execFileSync(process.execPath, ['bin/restudy.js', 'run', 'analyses/shen2025', '--data', COHORT, '--out', out], {
      stdio: 'ignore',
    });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  rows.push({
    name: 'npm run reproduce, end to end (fresh process, median of 3)',
    ms: times[1],
    target: '≤ 10 000 ms',
    note: `runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
  });

  let t = performance.now();
  const inputs = await loadInputs('analyses/shen2025', { data: COHORT });
  rows.push({ name: 'load specs, codebook, cohort, printed numbers', ms: performance.now() - t });
  t = performance.now();
  const result = await runAnalyses(inputs);
  rows.push({
    name: `all analyses incl. ${result.bootstrapReplicates}-replicate bootstraps`,
    ms: performance.now() - t,
  });
  t = performance.now();
  await writeReport(result, mkdtempSync(join(tmpdir(), 'restudy-bench-')));
  rows.push({ name: 'report: vega SVGs, HTML, JSON, CSVs', ms: performance.now() - t });
  return rows;
}
