/**
 * Voxel fits in blocks, on the main thread or in a pool of worker_threads.
 *
 * Workers run the TypeScript entry `fitWorker.ts` through tsx's ESM hooks (see startWorker). Blocks of `blockSize`
 * voxels are copied out of the signal and transferred, so the pool adds at most (workers × 2) blocks of memory.
 * Start-up is the cost: 0.3–2 s per worker on a loaded machine (tsx transpiles the entry), against ≈ 10⁶ voxels/s
 * for the WLS fit on one thread, so a pool pays off only for very large VOIs or the NLS fit. {@link FitPool} keeps
 * a pool alive across several fits (benchmarks, batch runs).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, InternalError } from '../stats/_shared/errors.ts';
import { fitBlock, type FitRequest, type FitResult } from './fitBlock.ts';

export interface FitVoxelsOptions {
  /** number of worker threads; 0 or 1 fits on the calling thread. @default 1 */
  workers?: number;
  /** voxels per block, @default 8192 */
  blockSize?: number;
  /** called after each block with (voxels done, total) */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Starts a worker on the TypeScript entry. A bootstrap (evaluated as CommonJS) registers tsx's ESM hooks inside
 * the worker with `tsx/esm/api` and then imports fitWorker.ts: on Node 20, `execArgv: ['--import', 'tsx']` does not
 * reach a worker's entry module (ERR_UNKNOWN_FILE_EXTENSION), so the hooks are registered from within.
 * The tsx API is resolved from this package, so it works from any working directory.
 */
function startWorker(): Worker {
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = new URL('./fitWorker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })` +
    `.catch((error) => { process.nextTick(() => { throw error; }); });`;
  return new Worker(bootstrap, { eval: true });
}

function checkRequest(req: FitRequest, blockSize: number): number {
  const nb = req.bvals.length;
  const n = req.signal.length / nb;
  if (!Number.isInteger(n)) throw new InputError('signal', `a multiple of ${nb} values`, req.signal.length);
  if (!(Number.isInteger(blockSize) && blockSize >= 1)) throw new InputError('blockSize', 'a positive integer', blockSize);
  return n;
}

function emptyResult(n: number): FitResult {
  return {
    adc: new Float64Array(n), adcFlags: new Uint8Array(n), d: new Float64Array(n), k: new Float64Array(n),
    kRaw: new Float64Array(n), s0: new Float64Array(n), dkiFlags: new Uint8Array(n),
  };
}

function storeBlock(out: FitResult, at: number, r: FitResult): void {
  for (const key of Object.keys(out) as (keyof FitResult)[]) (out[key] as Float64Array).set(r[key] as Float64Array, at);
}

/** A pool of fit workers kept alive across calls. Always `close()` it. */
export class FitPool {
  private constructor(private readonly workers: Worker[]) {}

  /** Starts `size` workers and waits until each has loaded its entry. */
  static async start(size: number): Promise<FitPool> {
    if (!(Number.isInteger(size) && size >= 1)) throw new InputError('workers', 'a positive integer', size);
    const workers = Array.from({ length: size }, startWorker);
    try {
      await Promise.all(
        workers.map((w) => new Promise<void>((resolve, reject) => {
          w.once('message', (m) => (m === 'ready' ? resolve() : reject(new InternalError(`fit worker sent ${String(m)} before ready`))));
          w.once('error', reject);
        })),
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

  /** Fits every voxel of `req`, distributing blocks over the workers. */
  async fit(req: FitRequest, opts: Omit<FitVoxelsOptions, 'workers'> = {}): Promise<FitResult> {
    const blockSize = opts.blockSize ?? 8192;
    const n = checkRequest(req, blockSize);
    const nb = req.bvals.length;
    const out = emptyResult(n);
    const blocks = Math.ceil(n / blockSize);
    let next = 0;
    let done = 0;
    const { signal: _whole, ...rest } = req;
    void _whole;
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (msg: { id: number; result?: FitResult; error?: string }): void => {
              if (msg.error !== undefined || !msg.result) {
                cleanup();
                reject(new InternalError(`fit worker failed on block ${msg.id}: ${msg.error}`));
                return;
              }
              storeBlock(out, msg.id * blockSize, msg.result);
              done += msg.result.d.length;
              opts.onProgress?.(done, n);
              send();
            };
            const onError = (error: Error): void => {
              cleanup();
              reject(error);
            };
            const onExit = (code: number): void => {
              cleanup();
              reject(new InternalError(`fit worker exited with code ${code}`));
            };
            const cleanup = (): void => {
              worker.off('message', onMessage);
              worker.off('error', onError);
              worker.off('exit', onExit);
            };
            const send = (): void => {
              if (next >= blocks) {
                cleanup();
                resolve();
                return;
              }
              const b = next++;
              const lo = b * blockSize;
              const hi = Math.min(n, lo + blockSize);
              const signal = req.signal.slice(lo * nb, hi * nb);
              worker.postMessage({ ...rest, signal, id: b }, [signal.buffer]);
            };
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.on('exit', onExit);
            send();
          }),
      ),
    );
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Fits ADC and DKI for every voxel of a voxel-major signal block; results in voxel order, identical (bit for bit)
 * whatever the number of workers. With `workers` > 1 a pool is started and closed around the call.
 */
export async function fitVoxels(req: FitRequest, opts: FitVoxelsOptions = {}): Promise<FitResult> {
  const blockSize = opts.blockSize ?? 8192;
  const n = checkRequest(req, blockSize);
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
