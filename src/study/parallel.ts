/**
 * Runs optimism jobs on worker threads, falling back to the calling thread when a worker cannot start or dies.
 * Jobs are submitted one by one while other work goes on (the runner submits each model's job as soon as its
 * analysis has run, and the CLI draws the figures meanwhile), and each is posted to a worker at once: a worker
 * takes its messages in order, and this thread need not turn its event loop (which a long synchronous analysis
 * does not) for the worker to start the next job. Results come back in submission order and are identical however
 * they were computed: each job carries its own seed.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../runtime/worker.ts';
import { type OptimismJob, type OptimismResult, optimismCorrected } from './optimism.ts';

export interface PoolOptions {
  /** worker threads; 0 = compute in this thread when the results are asked for. @default 0 */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

type Message = { ready: true } | { progress: number } | { result: OptimismResult };

interface Pending {
  resolve: (r: OptimismResult) => void;
  reject: (e: Error) => void;
  progress: (d: number) => void;
}

/** One worker thread and the jobs posted to it, answered in order. */
class Lane {
  private readonly worker: Worker;
  private readonly pending: Pending[] = [];
  private failed: Error | undefined;
  constructor() {
    this.worker = startWorker(new URL('./optimismWorker.ts', import.meta.url));
    this.worker.unref(); // an idle worker never keeps the process alive
    this.worker.on('message', (m: Message) => {
      if ('progress' in m) this.pending[0]?.progress(m.progress);
      else if ('result' in m) this.settle()?.resolve(m.result);
    });
    const fail = (e: Error): void => {
      this.failed ??= e;
      for (let p = this.settle(); p !== undefined; p = this.settle()) p.reject(e);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`optimism worker exited with code ${code}`)));
  }
  get load(): number {
    return this.pending.length;
  }
  run(job: OptimismJob, progress: (d: number) => void): Promise<OptimismResult> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject, progress });
      this.worker.ref();
      this.worker.postMessage(job);
    });
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
  private settle(): Pending | undefined {
    const p = this.pending.shift();
    if (this.pending.length === 0) this.worker.unref();
    return p;
  }
}

/**
 * Optimism jobs submitted one by one: posted at once to the least loaded of `threads` worker threads, or, with
 * none, computed in this thread when the results are asked for.
 */
export class OptimismPool {
  private readonly threads: number;
  private readonly onProgress?: (done: number, total: number) => void;
  private readonly jobs: OptimismJob[] = [];
  private readonly done: number[] = [];
  private readonly results: Promise<OptimismResult>[] = [];
  private lanes: Lane[] | undefined;
  private sealed = false;
  private cancelled = false;

  constructor(opts: PoolOptions = {}) {
    this.threads = opts.threads ?? 0;
    this.onProgress = opts.onProgress;
  }

  /** Number of jobs submitted. */
  get size(): number {
    return this.jobs.length;
  }

  /** Starts the worker threads now, before any job: they boot while the caller still loads and analyses. */
  start(): void {
    if (this.lanes !== undefined || this.threads <= 0) return;
    this.lanes = [];
    for (let k = 0; k < this.threads; k++) {
      try {
        this.lanes.push(new Lane());
      } catch {
        break; // no worker: the jobs are computed in this thread
      }
    }
  }

  /** Queues a job; with worker threads it is posted to one at once. */
  submit(job: OptimismJob): void {
    if (this.sealed) throw new Error('OptimismPool: submit after all() or cancel()');
    const i = this.jobs.length;
    this.jobs.push(job);
    this.done.push(0);
    this.start();
    const lane = this.lanes?.reduce<Lane | undefined>(
      (a, b) => (a === undefined || b.load < a.load ? b : a),
      undefined,
    );
    if (lane === undefined) return;
    const result = lane
      .run(job, (d) => this.report(i, d))
      .catch((error: unknown) => {
        if (this.cancelled) throw error;
        return optimismCorrected(job, (d) => this.report(i, d)); // the worker failed: same numbers here
      });
    result.catch(() => undefined); // only a cancelled pool rejects, and nobody asks for its results
    this.results[i] = result;
  }

  /** Every result in submission order; jobs no worker took are computed here, in this thread. */
  async all(): Promise<OptimismResult[]> {
    this.sealed = true;
    for (let i = 0; i < this.jobs.length; i++) {
      this.results[i] ??= Promise.resolve(optimismCorrected(this.jobs[i], (d) => this.report(i, d)));
    }
    try {
      return await Promise.all(this.results);
    } finally {
      for (const lane of this.lanes ?? []) void lane.close();
    }
  }

  /** Stops the workers and drops the jobs (a run that failed half-way); results are not to be asked for. */
  cancel(): void {
    this.cancelled = true;
    this.sealed = true;
    for (const lane of this.lanes ?? []) void lane.close();
  }

  private report(i: number, d: number): void {
    this.done[i] = d;
    this.onProgress?.(
      this.done.reduce((a, b) => a + b, 0),
      this.jobs.reduce((a, j) => a + j.nBoot, 0),
    );
  }
}

/** Runs every job and returns the results in job order (see {@link OptimismPool}). */
export async function runOptimismJobs(jobs: readonly OptimismJob[], opts: PoolOptions = {}): Promise<OptimismResult[]> {
  // one job: no worker to start, this thread computes it while it would wait anyway
  const pool = new OptimismPool(jobs.length <= 1 ? { ...opts, threads: 0 } : opts);
  for (const job of jobs) pool.submit(job);
  return pool.all();
}
