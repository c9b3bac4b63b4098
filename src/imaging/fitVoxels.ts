/**
 * Voxel fits in blocks, on the main thread or in a pool of worker_threads.
 *
 * Blocks of `blockSize` voxels are copied out of the signal and transferred, so a fit adds at most (workers × 2)
 * blocks of memory. Start-up is the cost: 0.3–2 s per worker on a loaded machine (tsx transpiles the entry, see
 * workerLauncher.ts), against ≈ 10⁶ voxels/s for the WLS fit on one thread, so a pool pays off only for very large
 * VOIs, the NLS fit, or a batch over many patients. {@link FitPool} starts once and serves any number of fits and
 * whole-patient tasks, concurrently, from one queue.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../runtime/worker.ts';
import { InputError, InternalError } from '../stats/_shared/errors.ts';
import { type FitRequest, type FitResult, fitBlock } from './fitBlock.ts';

/** Voxels per block, in this thread, on workers and in a pool. */
export const DEFAULT_BLOCK_SIZE = 8192;

export interface FitVoxelsOptions {
  /** number of worker threads; 0 or 1 fits on the calling thread. @default 1 */
  workers?: number;
  /** voxels per block, @default 8192 */
  blockSize?: number;
  /** called after each block with (voxels done, total) */
  onProgress?: (done: number, total: number) => void;
  /** a running pool to fit in; `workers` is then ignored */
  pool?: FitPool;
}

function checkRequest(req: FitRequest, blockSize: number): number {
  const nb = req.bvals.length;
  const n = req.signal.length / nb;
  if (!Number.isInteger(n)) throw new InputError('signal', `a multiple of ${nb} values`, req.signal.length);
  if (!(Number.isInteger(blockSize) && blockSize >= 1))
    throw new InputError('blockSize', 'a positive integer', blockSize);
  return n;
}

function emptyResult(n: number): FitResult {
  return {
    adc: new Float64Array(n),
    adcFlags: new Uint8Array(n),
    d: new Float64Array(n),
    k: new Float64Array(n),
    kRaw: new Float64Array(n),
    s0: new Float64Array(n),
    dkiFlags: new Uint8Array(n),
  };
}

function storeBlock(out: FitResult, at: number, r: FitResult): void {
  for (const key of Object.keys(out) as (keyof FitResult)[]) (out[key] as Float64Array).set(r[key] as Float64Array, at);
}

interface Task {
  message: Record<string, unknown>;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A pool of worker threads kept alive across calls, serving block fits and whole-patient tasks. Always `close()`
 * it.
 */
export class FitPool {
  private readonly queue: Task[] = [];
  private readonly busy = new Map<Worker, Task>();
  private nextId = 0;
  private broken: Error | undefined;

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (msg: { result?: unknown; error?: string }) => this.finish(w, msg));
      w.on('error', (error: Error) => this.fail(w, error));
      w.on('exit', (code: number) => this.fail(w, new InternalError(`fit worker exited with code ${code}`)));
    }
  }

  /** Starts `size` workers and waits until each has loaded its entry. */
  static async start(size: number): Promise<FitPool> {
    if (!(Number.isInteger(size) && size >= 1)) throw new InputError('workers', 'a positive integer', size);
    const workers = Array.from({ length: size }, () => startWorker(new URL('./fitWorker.ts', import.meta.url)));
    try {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              w.once('message', (m) =>
                m === 'ready' ? resolve() : reject(new InternalError(`fit worker sent ${String(m)} before ready`)),
              );
              w.once('error', reject);
            }),
        ),
      );
    } catch (error) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw error;
    }
    return new FitPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  private dispatch(): void {
    for (const w of this.workers) {
      if (this.queue.length === 0) return;
      if (this.busy.has(w)) continue;
      const task = this.queue.shift() as Task;
      this.busy.set(w, task);
      w.postMessage(task.message, task.transfer);
    }
  }

  private finish(w: Worker, msg: { result?: unknown; error?: string }): void {
    const task = this.busy.get(w);
    if (!task) return;
    this.busy.delete(w);
    if (msg.error !== undefined)
      task.reject(new InternalError(`fit worker failed on ${String(task.message.label)}: ${msg.error}`));
    else task.resolve(msg.result);
    this.dispatch();
  }

  private fail(w: Worker, error: Error): void {
    if (this.broken) return;
    this.broken = error;
    this.busy.get(w)?.reject(error);
    for (const task of [...this.busy.values(), ...this.queue.splice(0)]) task.reject(error);
    this.busy.clear();
  }

  /** Queues one message for the next free worker; resolves with the worker's result. */
  run<T>(kind: string, payload: Record<string, unknown>, label: string, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        message: { ...payload, kind, id: this.nextId++, label },
        transfer,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  /** Fits every voxel of `req`, distributing blocks over the workers (other fits may share the pool meanwhile). */
  async fit(req: FitRequest, opts: Omit<FitVoxelsOptions, 'workers' | 'pool'> = {}): Promise<FitResult> {
    const blockSize = opts.blockSize ?? DEFAULT_BLOCK_SIZE;
    const n = checkRequest(req, blockSize);
    const nb = req.bvals.length;
    const out = emptyResult(n);
    const { signal: whole, ...rest } = req;
    let done = 0;
    const blocks: Promise<void>[] = [];
    for (let lo = 0, b = 0; lo < n; lo += blockSize, b++) {
      const hi = Math.min(n, lo + blockSize);
      const signal = whole.slice(lo * nb, hi * nb);
      blocks.push(
        this.run<FitResult>('fit', { request: { ...rest, signal } }, `block ${b}`, [signal.buffer]).then((r) => {
          storeBlock(out, lo, r);
          done += hi - lo;
          opts.onProgress?.(done, n);
        }),
      );
    }
    await Promise.all(blocks);
    return out;
  }

  async close(): Promise<void> {
    this.broken ??= new InternalError('the fit pool is closed');
    for (const w of this.workers) w.removeAllListeners('exit');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Fits ADC and DKI for every voxel of a voxel-major signal block; results in voxel order, identical (bit for bit)
 * whatever the number of workers. With `pool` the fit runs there; with `workers` > 1 a pool is started and closed
 * around the call.
 */
export async function fitVoxels(req: FitRequest, opts: FitVoxelsOptions = {}): Promise<FitResult> {
  const blockSize = opts.blockSize ?? DEFAULT_BLOCK_SIZE;
  const n = checkRequest(req, blockSize);
  if (opts.pool) return opts.pool.fit(req, { blockSize, onProgress: opts.onProgress });
  const workers = opts.workers ?? 1;
  if (!(Number.isInteger(workers) && workers >= 0)) throw new InputError('workers', 'a non-negative integer', workers);
  const blocks = Math.ceil(n / blockSize);
  if (workers <= 1 || blocks <= 1) {
    const out = emptyResult(n);
    const nb = req.bvals.length;
    for (let b = 0; b < blocks; b++) {
      const lo = b * blockSize;
      const hi = Math.min(n, lo + blockSize);
      storeBlock(out, lo, fitBlock({ ...req, signal: req.signal.subarray(lo * nb, hi * nb) }));
      opts.onProgress?.(hi, n);
    }
    return out;
  }
  const pool = await FitPool.start(Math.min(workers, blocks));
  try {
    return await pool.fit(req, { blockSize, onProgress: opts.onProgress });
  } finally {
    await pool.close();
  }
}
