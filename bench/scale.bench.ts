/**
 * Scale (issue 14 item 10): the Shen analyses on 10×, 100× and 1000× resampled copies of the synthetic cohort
 * (rows drawn with replacement by a seeded generator, each given a new patient id), each in a fresh process:
 * load, analyses and report times and the peak RSS. Goals on this machine: 100× ≤ 30 s, 1000× ≤ 3 min,
 * peak RSS ≤ 2 GB. A size that does not finish within its time limit is killed and reported as such.
 * `npm run bench -- scale` runs only this file; SCALE_FACTORS=10,100 picks the sizes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRng } from '../src/stats/_shared/random.ts';
import type { BenchRow } from './_harness.ts';

export const title = 'scale: restudy run analyses/shen2025 on resampled cohorts (fresh process per size)';

const COHORT = 'data/shen2025/cohort.synthetic.csv';
const GOAL_MS: Record<number, number> = { 10: 30_000, 100: 30_000, 1000: 180_000 };
const LIMIT_MS = 900_000;

/**
 * Writes `factor` × n rows drawn with replacement from the cohort, ids `S<factor>-<k>`. The synthetic
 * cohort has no quoted fields, so a line is a record (checked).
 */
export function resampledCohort(factor: number, seed = 20251203): string {
  const [header = '', ...rows] = readFileSync(COHORT, 'utf8').trimEnd().split('\n');
  if (/"/.test(header) || rows.some((r) => r.includes('"'))) throw new Error(`${COHORT} has quoted fields`);
  const idIndex = header.split(',').indexOf('patient_id');
  if (idIndex < 0) throw new Error(`${COHORT} has no patient_id column`);
  const rng = createRng(seed + factor);
  const lines = [header];
  for (let k = 1; k <= rows.length * factor; k++) {
    const cells = (rows[rng.integer(rows.length)] as string).split(',');
    cells[idIndex] = `S${factor}-${k}`;
    lines.push(cells.join(','));
  }
  const path = join(mkdtempSync(join(tmpdir(), 'restudy-scale-')), `cohort-${factor}x.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export async function run(): Promise<BenchRow[]> {
  const factors = (process.env.SCALE_FACTORS ?? '10,100,1000').split(',').map(Number);
  const rows: BenchRow[] = [];
  for (const factor of factors) {
    const data = resampledCohort(factor);
    const loadBefore = loadAverage();
    const out = join(mkdtempSync(join(tmpdir(), 'restudy-scale-out-')), 'report');
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/_scaleChild.ts', data, out], {
      encoding: 'utf8',
      timeout: LIMIT_MS,
      maxBuffer: 1 << 20,
    });
    const ms = performance.now() - t0;
    const line = child.stdout.trim().split('\n').pop() ?? '';
    let phases: Record<string, number | string> = {};
    try {
      phases = JSON.parse(line) as Record<string, number | string>;
    } catch {
      phases = {
        exit: child.signal
          ? `killed (${child.signal}) after ${LIMIT_MS / 1000} s`
          : `no result: ${child.stderr.slice(-300)}`,
      };
    }
    const goal = GOAL_MS[factor];
    const rss = Number(phases.maxRssMiB);
    const verdict = [
      goal === undefined
        ? ''
        : ms <= goal
          ? 'time goal met'
          : `time goal missed by ${((ms - goal) / 1000).toFixed(1)} s`,
      Number.isFinite(rss) ? (rss <= 2048 ? 'RSS goal met' : `RSS goal missed by ${rss - 2048} MiB`) : '',
    ].filter(Boolean);
    const detail = ['loadMs', 'analysesMs', 'reportMs']
      .filter((k) => k in phases)
      .map((k) => `${k.replace('Ms', '')} ${phases[k]} ms`);
    const dataRows = readFileSync(data, 'utf8').split('\n').length - 2;
    // the resampled cohort (176 MB at 1000×) and the report are this run's own: not left in the temp folder
    rmSync(dirname(data), { recursive: true, force: true });
    rmSync(dirname(out), { recursive: true, force: true });
    rows.push({
      name: `${factor}× (${dataRows} rows)`,
      ms,
      target: `${goal === undefined ? '' : `≤ ${goal / 1000} s, `}peak RSS ≤ 2048 MiB`,
      note: [
        `peak RSS ${phases.maxRssMiB ?? '?'} MiB (after load ${phases.peakAfterLoadMiB ?? '?'}, after analyses ${
          phases.peakAfterAnalysesMiB ?? '?'
        })`,
        ...detail,
        String(phases.exit),
        ...verdict,
        `load average before ${loadBefore}, after ${loadAverage()} (2 cores shared)`,
      ].join('; '),
    });
  }
  return rows;
}

/** The 1-, 5- and 15-minute load averages (as `uptime` prints them): a loaded machine slows every size. */
function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
}
