/**
 * Voxel fits in blocks, on the main thread or in a pool of worker_threads.
 *
 * Workers run the TypeScript entry `fitWorker.ts` through tsx's ESM hooks (see startWorker).
 * Blocks of `blockSize` voxels are copied out of the signal and transferred, so the pool adds at most
 * (workers × 2) blocks of memory.
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

/** Fits ADC and DKI for every voxel of a voxel-major signal block. Results are in voxel order. */
export async function fitVoxels(req: FitRequest, opts: FitVoxelsOptions = {}): Promise<FitResult> {
  const nb = req.bvals.length;
  const n = req.signal.length / nb;
  if (!Number.isInteger(n)) throw new InputError('signal', `a multiple of ${nb} values`, req.signal.length);
  const workers = opts.workers ?? 1;
  if (!(Number.isInteger(workers) && workers >= 0)) throw new InputError('workers', 'a non-negative integer', workers);
  const blockSize = opts.blockSize ?? 8192;
  if (!(Number.isInteger(blockSize) && blockSize >= 1)) throw new InputError('blockSize', 'a positive integer', blockSize);
  const out: FitResult = {
    adc: new Float64Array(n), adcFlags: new Uint8Array(n), d: new Float64Array(n), k: new Float64Array(n),
    kRaw: new Float64Array(n), s0: new Float64Array(n), dkiFlags: new Uint8Array(n),
  };
  const blocks = Math.ceil(n / blockSize);
  const store = (b: number, r: FitResult): void => {
    const at = b * blockSize;
    for (const key of Object.keys(out) as (keyof FitResult)[]) (out[key] as Float64Array).set(r[key] as Float64Array, at);
  };
  let done = 0;
  if (workers <= 1 || blocks <= 1) {
    for (let b = 0; b < blocks; b++) {
      const lo = b * blockSize;
      const hi = Math.min(n, lo + blockSize);
      store(b, fitBlock({ ...req, signal: req.signal.subarray(lo * nb, hi * nb) }));
      done += hi - lo;
      opts.onProgress?.(done, n);
    }
    return out;
  }
  const pool = Array.from({ length: Math.min(workers, blocks) }, startWorker);
  try {
    let next = 0;
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= blocks) {
                resolve();
                return;
              }
              const b = next++;
              const lo = b * blockSize;
              const hi = Math.min(n, lo + blockSize);
              const signal = req.signal.slice(lo * nb, hi * nb);
              worker.postMessage({ ...req, signal, id: b }, [signal.buffer]);
            };
            worker.on('message', (msg: { id: number; result?: FitResult; error?: string }) => {
              if (msg.error !== undefined || !msg.result) {
                reject(new InternalError(`fit worker failed on block ${msg.id}: ${msg.error}`));
                return;
              }
              store(msg.id, msg.result);
              done += msg.result.d.length;
              opts.onProgress?.(done, n);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new InternalError(`fit worker exited with code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return out;
}
