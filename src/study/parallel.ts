/**
 * Runs optimism jobs on worker threads (one worker per lane, each taking jobs in turn), falling back to the
 * calling thread when a worker cannot start. Results are returned in job order and are identical either way:
 * each job carries its own seed.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../runtime/worker.ts';
import { type OptimismJob, type OptimismResult, optimismCorrected } from './optimism.ts';

export interface PoolOptions {
  /** worker threads; 0 or 1 = compute in this thread. @default 0 */
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
  }
  async run(job: OptimismJob, progress: (d: number) => void): Promise<OptimismResult> {
    await this.ready;
    return new Promise((resolve, reject) => {
      this.current = { resolve, reject, progress };
      this.worker.postMessage(job);
    });
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

export async function runOptimismJobs(jobs: readonly OptimismJob[], opts: PoolOptions = {}): Promise<OptimismResult[]> {
  const threads = opts.threads ?? 0;
  const total = jobs.reduce((a, j) => a + j.nBoot, 0);
  const done = new Array<number>(jobs.length).fill(0);
  const report = (i: number, d: number): void => {
    done[i] = d;
    opts.onProgress?.(
      done.reduce((a, b) => a + b, 0),
      total,
    );
  };
  if (threads <= 1 || jobs.length <= 1) return jobs.map((j, i) => optimismCorrected(j, (d) => report(i, d)));
  const results = new Array<OptimismResult>(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    let worker: Lane | undefined;
    try {
      worker = new Lane();
    } catch {
      worker = undefined;
    }
    while (next < jobs.length) {
      const i = next++;
      try {
        if (!worker) throw new Error('no worker');
        results[i] = await worker.run(jobs[i], (d) => report(i, d));
      } catch {
        worker = undefined; // this lane continues in the calling thread: same numbers
        results[i] = optimismCorrected(jobs[i], (d) => report(i, d));
      }
    }
    await worker?.close();
  };
  await Promise.all(Array.from({ length: Math.min(threads, jobs.length) }, lane));
  return results;
}
