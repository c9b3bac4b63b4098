/**
 * Runs optimism jobs on worker threads and on the calling thread together. Each job is cut into parts of
 * consecutive replicates (./optimismParts.ts); jobs are submitted one by one while other work goes on (the runner
 * submits each model's job as soon as its analysis has run, and the CLI draws the figures meanwhile), and each is
 * posted to every worker at once: a worker takes its messages in order, and this thread need not turn its event
 * loop (which a long synchronous analysis does not) for the workers to start. Workers take parts as they come;
 * when the results are asked for, this thread takes the parts nobody has taken yet instead of waiting, and those
 * of a worker that died. The results are identical however the parts were shared: each job has its own seeded
 * stream, and its parts are summed in replicate order (./optimism.ts).
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../runtime/worker.ts';
import {
  combineParts,
  OptimismBootstrap,
  type OptimismJob,
  type OptimismPart,
  type OptimismResult,
} from './optimism.ts';
import {
  claimPart,
  closeClaims,
  createClaims,
  type PartRange,
  type PoolMessage,
  partsOf,
  type WorkerMessage,
} from './optimismParts.ts';

export interface PoolOptions {
  /** worker threads; 0 = compute in this thread when the results are asked for. @default 0 */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One worker thread: it is posted every job, and answers with the parts it took. */
class Lane {
  private readonly worker: Worker;
  constructor(claims: Int32Array, onMessage: (m: WorkerMessage) => void, onFail: () => void) {
    this.worker = startWorker(new URL('./optimismWorker.ts', import.meta.url));
    this.worker.unref(); // an idle worker never keeps the process alive (the pool refs it while it waits)
    this.worker.on('message', onMessage);
    this.worker.on('error', onFail);
    this.worker.on('exit', onFail);
    this.post({ claims: claims.buffer as SharedArrayBuffer });
  }
  post(message: PoolMessage): void {
    this.worker.postMessage(message);
  }
  /** Whether the worker keeps the process alive (while the pool waits for its parts). */
  keepAlive(on: boolean): void {
    if (on) this.worker.ref();
    else this.worker.unref();
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Optimism jobs submitted one by one: shared, part by part, between `threads` worker threads and this thread, or,
 * with no worker, computed in this thread when the results are asked for.
 */
export class OptimismPool {
  private readonly threads: number;
  private readonly onProgress?: (done: number, total: number) => void;
  private readonly jobs: OptimismJob[] = [];
  private readonly parts: PartRange[] = [];
  private readonly results: (OptimismPart | undefined)[] = [];
  private settled = 0;
  /** replicates done, per part */
  private readonly done: number[] = [];
  private readonly claims = createClaims();
  /** this thread's bootstraps, by job */
  private readonly bootstraps: OptimismBootstrap[] = [];
  private lanes: Lane[] | undefined;
  private laneFailed = false;
  private wake: (() => void) | undefined;
  private sealed = false;

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
        this.lanes.push(
          new Lane(
            this.claims,
            (m) => this.receive(m),
            () => this.fail(),
          ),
        );
      } catch {
        break; // no worker: the parts are computed in this thread
      }
    }
  }

  /** Queues a job; with worker threads it is posted to each at once, and they start on its parts. */
  submit(job: OptimismJob): void {
    if (this.sealed) throw new Error('OptimismPool: submit after all() or cancel()');
    const parts = partsOf(this.jobs.length, job.nBoot);
    this.jobs.push(job);
    for (const part of parts) {
      this.parts.push(part);
      this.done.push(0);
    }
    this.start();
    for (const lane of this.lanes ?? []) lane.post({ job, parts });
  }

  /** Every result in submission order: this thread takes the parts no worker has taken, then waits for the rest. */
  async all(): Promise<OptimismResult[]> {
    this.sealed = true;
    try {
      for (let k = claimPart(this.claims, this.parts.length); k >= 0; k = claimPart(this.claims, this.parts.length)) {
        this.compute(k);
      }
      for (const lane of this.lanes ?? []) lane.keepAlive(true);
      while (!this.laneFailed && this.settled < this.parts.length) await this.nextMessage();
      // a worker that died took parts it will not give back: they are computed here (the same numbers)
      for (let k = 0; k < this.parts.length; k++) if (this.results[k] === undefined) this.compute(k);
      return this.jobs.map((job, j) =>
        combineParts(job, this.results.filter((_, k) => this.parts[k].job === j) as OptimismPart[]),
      );
    } finally {
      this.closeLanes();
    }
  }

  /** Stops the workers and drops the jobs (a run that failed half-way); results are not to be asked for. */
  cancel(): void {
    this.sealed = true;
    closeClaims(this.claims);
    this.closeLanes();
  }

  private closeLanes(): void {
    for (const lane of this.lanes ?? []) void lane.close();
    this.lanes = [];
  }

  /** Part `k` in this thread. */
  private compute(k: number): void {
    const { job, from, to } = this.parts[k];
    this.bootstraps[job] ??= new OptimismBootstrap(this.jobs[job]);
    const part = this.bootstraps[job].part(from, to, (d) => this.report(k, d - from));
    this.settle(k, part);
  }

  private receive(m: WorkerMessage): void {
    if ('result' in m) this.settle(m.part, m.result);
    else if ('progress' in m) this.report(m.part, m.progress - this.parts[m.part].from);
    this.wake?.();
  }

  private fail(): void {
    this.laneFailed = true;
    this.wake?.();
  }

  private nextMessage(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private settle(k: number, part: OptimismPart): void {
    if (this.results[k] !== undefined) return; // computed twice after a worker died: the same numbers
    this.results[k] = part;
    this.settled += 1;
    this.report(k, part.to - part.from);
  }

  private report(k: number, replicates: number): void {
    this.done[k] = replicates;
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
