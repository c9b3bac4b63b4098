/**
 * Start-up of the built package (issue 13): `restudy --version`, a worker thread ready, and `npm run reproduce`
 * (typed as such, through npm, and the node process its script line starts) beside R's
 * `test/fixtures/r/study/generate.R` on the same cohort, in one run, R and restudy alternating so that both see the
 * same machine load. Every timing is a fresh process (or a fresh worker), median of several; `node -e 0`
 * is printed as the floor no command can go under. CPU time (user + system, from /usr/bin/time when installed)
 * is printed beside wall time: on a shared 2-core machine the wall time mostly measures the other processes.
 * Also prints the size of the offline page when `npm run build:web` has a script to build it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BenchRow, hasR } from './_harness.ts';

export const title = 'start-up: restudy --version, a worker thread ready, npm run reproduce vs R generate.R';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COHORT = 'data/shen2025/cohort.synthetic.csv';
const TIME = '/usr/bin/time';

interface Timing {
  wallMs: number;
  cpuMs?: number;
}

/** One fresh process: wall time, and CPU time (user + system) when /usr/bin/time is there. */
function timeProcess(command: string, args: string[]): Timing {
  const withTime = existsSync(TIME);
  const t0 = performance.now();
  const run = withTime
    ? spawnSync(TIME, ['-f', 'cpu %U %S', command, ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC' },
      })
    : spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  const wallMs = performance.now() - t0;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr ?? '');
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(timings: Timing[]): { ms: number; note: string } {
  const cpu = timings.every((t) => t.cpuMs !== undefined) ? median(timings.map((t) => t.cpuMs as number)) : undefined;
  const runs = timings.map((t) => t.wallMs.toFixed(0)).join(', ');
  return {
    ms: median(timings.map((t) => t.wallMs)),
    note: `${cpu !== undefined ? `CPU ${cpu.toFixed(0)} ms; ` : ''}wall runs ${runs} ms`,
  };
}

/** Milliseconds from `new Worker(file)` to its first message (the entry posts `{ ready: true }` once loaded). */
async function workerReadyMs(file: string): Promise<number> {
  const t0 = performance.now();
  const worker = new Worker(file);
  try {
    await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    return performance.now() - t0;
  } finally {
    await worker.terminate();
  }
}

export async function run(): Promise<BenchRow[]> {
  // build first, untimed (bin/restudy.js would otherwise rebuild inside the first timed run)
  execFileSync(process.execPath, ['scripts/build.mjs', '--js-only', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  const load = `load average ${loadavg()[0].toFixed(1)} at start`;
  const rows: BenchRow[] = [];

  const floor = Array.from({ length: 7 }, () => timeProcess(process.execPath, ['-e', '0']));
  rows.push({ name: 'node -e 0 (the floor: Node start-up alone)', ...summary(floor) });
  const version = Array.from({ length: 7 }, () => timeProcess(process.execPath, ['bin/restudy.js', '--version']));
  const versionSummary = summary(version);
  rows.push({
    name: 'restudy --version (fresh process, median of 7)',
    ...versionSummary,
    target: '≤ 300 ms',
    note: `${versionSummary.note}; ${load}`,
  });

  const builtWorker = join(ROOT, 'dist', 'optimismWorker.js');
  const ready: number[] = [];
  for (let i = 0; i < 7; i++) ready.push(await workerReadyMs(builtWorker));
  rows.push({
    name: 'worker thread ready: dist/optimismWorker.js (median of 7)',
    ms: median(ready),
    target: '≤ 300 ms',
    note: `runs ${ready.map((t) => t.toFixed(0)).join(', ')} ms`,
  });

  // restudy (2 000-replicate bootstraps, all figures, the report) and R (the 1 113 numbers, one preset), alternating
  // so that all see the same load: `npm run reproduce` itself, as the README tells a user to type it (npm, then the
  // script line; it writes reports/shen2025, as it does for the user), R, the node process that script line starts
  // (worker threads for the bootstraps and the figures on a machine with 2+ cores), the same in one thread
  // (--threads 0)
  const rounds = 5;
  const throughNpm: Timing[] = [];
  const ours: Timing[] = [];
  const oursOneThread: Timing[] = [];
  const theirs: Timing[] = [];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (let i = 0; i < rounds; i++) {
    const args = ['bin/restudy.js', 'run', 'analyses/shen2025', '--data', COHORT, '--out'];
    throughNpm.push(timeProcess(npm, ['run', 'reproduce']));
    if (hasR()) {
      const out = join(mkdtempSync(join(tmpdir(), 'restudy-bench-r-')), 'study.json');
      theirs.push(timeProcess('Rscript', ['test/fixtures/r/study/generate.R', COHORT, out, 'spss']));
    }
    ours.push(timeProcess(process.execPath, [...args, mkdtempSync(join(tmpdir(), 'restudy-bench-'))]));
    oursOneThread.push(
      timeProcess(process.execPath, [...args, mkdtempSync(join(tmpdir(), 'restudy-bench-')), '--threads', '0']),
    );
  }
  const rMs = theirs.length ? median(theirs.map((t) => t.wallMs)) : undefined;
  const rNote = theirs.length ? `; R: ${summary(theirs).note}` : '';
  const npmSummary = summary(throughNpm);
  rows.push({
    name: `npm run reproduce, typed as the README says (through npm; median of ${rounds}) vs Rscript generate.R`,
    ms: npmSummary.ms,
    rMs,
    target: 'no slower than R',
    note: `${npmSummary.note}${rNote}; load average ${loadavg()[0].toFixed(1)} at the end`,
  });
  const oursSummary = summary(ours);
  rows.push({
    name: '… the node process alone (node bin/restudy.js run …, what the script line starts)',
    ms: oursSummary.ms,
    rMs,
    target: 'no slower than R',
    note: oursSummary.note,
  });
  const oneThreadSummary = summary(oursOneThread);
  rows.push({
    name: '… the same with --threads 0 (no worker thread: bootstraps and figures in the main thread)',
    ms: oneThreadSummary.ms,
    rMs,
    target: 'no slower than R',
    note: oneThreadSummary.note,
  });

  const page = pageRow();
  if (page) rows.push(page);
  else console.log('(no scripts/build-web.mjs on this branch: the offline page size is not measured)');
  return rows;
}

/** The offline page (branch `web`): built by `npm run build:web` when its script is there; the size is the result. */
function pageRow(): BenchRow | undefined {
  const script = join(ROOT, 'scripts', 'build-web.mjs');
  const page = join(ROOT, 'dist', 'web', 'restudy.html');
  if (!existsSync(script)) return undefined;
  const t0 = performance.now();
  execFileSync(process.execPath, [script], { cwd: ROOT, stdio: 'ignore' });
  const ms = performance.now() - t0;
  const megabytes = statSync(page).size / 1e6;
  return {
    name: 'offline page dist/web/restudy.html: npm run build:web',
    ms,
    target: 'size ≤ 3 MB',
    note: `size ${megabytes.toFixed(2)} MB`,
  };
}
