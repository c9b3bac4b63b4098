import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** One benchmark row: our time, R's time for the same work when R is installed. */
export interface BenchRow {
  name: string;
  ms: number;
  rMs?: number;
  /** what the issue asks, e.g. "≥ 5× faster than pROC" */
  target?: string;
  note?: string;
}

/** Median wall time in ms of `fn` over `repeats` runs (after one warm-up); the result is consumed. */
export function timeMs(fn: () => unknown, repeats = 5): number {
  const check = (v: unknown): void => {
    if (typeof v === 'number' && Number.isNaN(v)) throw new Error('benchmark produced NaN');
  };
  check(fn());
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    check(fn());
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

let rAvailable: boolean | undefined;
/** True when Rscript is on PATH. */
export function hasR(): boolean {
  if (rAvailable === undefined) rAvailable = spawnSync('Rscript', ['--version'], { stdio: 'ignore' }).status === 0;
  return rAvailable;
}

/**
 * Times R code: `setup` runs untimed, `body` is timed by R itself (median elapsed of `repeats` runs) in ms.
 * Returns undefined when R is not installed. `warmUp: false` skips the untimed first run (for calls of minutes).
 */
export function timeR(setup: string, body: string, repeats = 3, opts: { warmUp?: boolean } = {}): number | undefined {
  if (!hasR()) return undefined;
  const warmUp = (opts.warmUp ?? true) ? `invisible({${body}})\n` : '';
  const script = `${setup}\n${warmUp}ts <- replicate(${repeats}, system.time({${body}})[["elapsed"]])\ncat(median(ts) * 1000)\n`;
  const out = execFileSync('Rscript', ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 1 << 26,
  });
  const ms = Number(out.trim().split(/\s+/).pop());
  return Number.isFinite(ms) ? ms : undefined;
}

/** Prints rows as a table: ours, R's, and the ratio R/ours (> 1 means restudy is faster). */
export function printRows(title: string, rows: BenchRow[]): void {
  console.log(`\n## ${title}`);
  console.log('| benchmark | restudy ms | R ms | R / restudy | target | note |');
  console.log('|---|---:|---:|---:|---|---|');
  for (const r of rows) {
    const ratio =
      r.rMs !== undefined ? (r.rMs / r.ms).toFixed(2) + '×' : hasR() ? 'no R equivalent' : 'R not installed';
    console.log(
      `| ${r.name} | ${r.ms.toFixed(2)} | ${r.rMs !== undefined ? r.rMs.toFixed(1) : '–'} | ${ratio} | ${r.target ?? ''} | ${r.note ?? ''} |`,
    );
  }
}
