/**
 * Runs optimism jobs on worker threads (one worker per lane, each taking queued jobs in turn), falling back to the
 * calling thread when a worker cannot start. Jobs may be submitted while other work goes on (the runner submits
 * each model's job as soon as its analysis has run, and the CLI draws the figures meanwhile). Results are returned
 * in submission order and are identical however they were computed: each job carries its own seed.
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

class Lane {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private current?: { resolve: (r: OptimismResult) => void; reject: (e: Error) => void; progress: (d: number) => void };
  constructor() {
    this.worker = startWorker(new URL('./optimismWorker.ts', import.meta.url));
    // an idle worker never keeps the process alive (a run that fails before asking for the results still exits)
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: Message) => {
        if ('ready' in m) resolve();
        else if ('progress' in m) this.current?.progress(m.progress);
        else this.current?.resolve(m.result);
      });
      const fail = (e: Error): void => {
        reject(e);
        this.current?.reject(e);
      };
      this.worker.on('error', fail);
      this.worker.on('exit', (code) => code !== 0 && fail(new Error(`optimism worker exited with code ${code}`)));
    });
    this.ready.catch(() => undefined); // observed by run(); a lane that never ran a job must not crash the process
  }
  async run(job: OptimismJob, progress: (d: number) => void): Promise<OptimismResult> {
    this.worker.ref();
    try {
      await this.ready;
      return await new Promise((resolve, reject) => {
        this.current = { resolve, reject, progress };
        this.worker.postMessage(job);
      });
    } finally {
      this.current = undefined;
      this.worker.unref();
    }
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Optimism jobs submitted one by one. Each job is computed once, by whoever takes it from the queue first: a worker
 * lane (up to `threads`, the first started by the first job) or, once the results are asked for, this thread, which
 * then works through the jobs still queued instead of waiting idle.
 */
export class OptimismPool {
  private readonly threads: number;
  private readonly onProgress?: (done: number, total: number) => void;
  private readonly jobs: OptimismJob[] = [];
  private readonly done: number[] = [];
  private readonly results: Promise<OptimismResult>[] = [];
  private readonly queue: number[] = [];
  private idle: (() => void)[] = [];
  private readonly workers = new Set<Lane>();
  private lanes = 0;
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

  /** Queues a job; with worker threads a free lane starts it at once. */
  submit(job: OptimismJob): void {
    if (this.sealed) throw new Error('OptimismPool: submit after all()');
    this.jobs.push(job);
    this.done.push(0);
    this.queue.push(this.jobs.length - 1);
    if (this.lanes < this.threads) {
      this.lanes += 1;
      void this.lane();
    } else this.wake();
  }

  /** Every result in submission order; the jobs still queued are computed here, in this thread. */
  async all(): Promise<OptimismResult[]> {
    this.sealed = true;
    this.wake();
    for (let i = this.queue.shift(); i !== undefined; i = this.queue.shift()) this.results[i] = this.inThread(i);
    return Promise.all(this.results);
  }

  /** Drops the queued jobs and stops the workers (a run that failed half-way); results are not to be asked for. */
  cancel(): void {
    this.cancelled = true;
    this.sealed = true;
    this.queue.length = 0;
    this.wake();
    for (const w of this.workers) void w.close();
  }

  private wake(): void {
    const idle = this.idle;
    this.idle = [];
    for (const resume of idle) resume();
  }

  private report(i: number, d: number): void {
    this.done[i] = d;
    this.onProgress?.(
      this.done.reduce((a, b) => a + b, 0),
      this.jobs.reduce((a, j) => a + j.nBoot, 0),
    );
  }

  private inThread(i: number): Promise<OptimismResult> {
    return Promise.resolve(optimismCorrected(this.jobs[i], (d) => this.report(i, d)));
  }

  /** One worker taking queued jobs until the results are asked for; on failure this thread takes its jobs. */
  private async lane(): Promise<void> {
    let worker: Lane | undefined;
    try {
      worker = new Lane();
      this.workers.add(worker);
    } catch {
      worker = undefined;
    }
    for (;;) {
      const i = this.queue.shift();
      if (i === undefined) {
        if (this.sealed) break;
        await new Promise<void>((resume) => this.idle.push(resume));
        continue;
      }
      const viaWorker = worker;
      this.results[i] = viaWorker
        ? viaWorker
            .run(this.jobs[i], (d) => this.report(i, d))
            .catch((error: unknown) => {
              if (this.cancelled) throw error;
              worker = undefined; // this lane continues in the calling thread: same numbers
              return optimismCorrected(this.jobs[i], (d) => this.report(i, d));
            })
        : this.inThread(i);
      await this.results[i].catch(() => undefined); // only a cancelled run rejects; nobody asks for its results
    }
    this.lanes -= 1;
    if (worker) this.workers.delete(worker);
    await worker?.close();
  }
}

/** Runs every job and returns the results in job order (see {@link OptimismPool}). */
export async function runOptimismJobs(jobs: readonly OptimismJob[], opts: PoolOptions = {}): Promise<OptimismResult[]> {
  // one job: no worker to start, this thread computes it while it would wait anyway
  const pool = new OptimismPool(jobs.length <= 1 ? { ...opts, threads: 0 } : opts);
  for (const job of jobs) pool.submit(job);
  return pool.all();
}
