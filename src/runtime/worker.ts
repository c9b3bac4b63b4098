/**
 * Starts worker threads on modules of this package, from built JavaScript or, in development, from the
 * TypeScript sources.
 *
 * Callers name the entry by its source file, `new URL('./fitWorker.ts', import.meta.url)`, in both cases: the
 * bundler leaves URL strings alone, so the built copy of a caller still points at `.ts`. Which case applies is read
 * from this module's own URL: a `.js` file (a chunk of dist/) means built code, a `.ts` file means the sources run
 * under tsx or vitest. Built code starts `dist/<name>Worker.js`, which scripts/build.mjs bundles from each file
 * of src/ named `<name>Worker.ts` (names are unique across src/; the build checks), beside this module's chunk:
 * no loader, no transpiling, one file to read. Worker threads do not inherit the parent's loader, and on Node 20
 * `execArgv: ['--import', 'tsx']` does not reach a worker's entry module (ERR_UNKNOWN_FILE_EXTENSION), so in
 * development a bootstrap registers tsx's ESM hooks inside the worker and then imports the entry. tsx is a
 * development dependency; built code never loads it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when this module runs as built JavaScript (dist/), false when it runs from the TypeScript sources. */
export const runsBuiltCode: boolean = import.meta.url.endsWith('.js');

/**
 * The file a worker should load for `entry`: in built code `<name>Worker.js` in the folder of `moduleUrl` (the
 * bundle's chunk), in development `entry` itself.
 * @param entry - URL of the worker module's TypeScript source, relative to the caller's `import.meta.url`
 * @param moduleUrl - URL of the module asking, @default this module's `import.meta.url`
 * @throws TypeError when `entry` does not name a `<name>Worker.ts` file (the build bundles only those)
 */
export function workerEntry(entry: URL, moduleUrl: string = import.meta.url): URL {
  const name = /\/([^/]+Worker)\.ts$/.exec(entry.pathname)?.[1];
  if (name === undefined) {
    throw new TypeError(`worker entry must be the URL of a <name>Worker.ts source file; got ${entry.href}`);
  }
  return moduleUrl.endsWith('.js') ? new URL(`./${name}.js`, moduleUrl) : entry;
}

/**
 * Starts a worker thread on a module of this package.
 *
 * @param entry - URL of the worker module's TypeScript source, e.g. `new URL('./optimismWorker.ts', import.meta.url)`
 * @param options - passed to `new Worker` (workerData, resourceLimits, …); `eval` is set by this function
 * @returns the started worker; listen for its `error` and `exit` events as for any Worker
 * @throws TypeError when `entry` is not the URL of a `<name>Worker.ts` file (see {@link workerEntry})
 * @example
 * const worker = startWorker(new URL('./optimismWorker.ts', import.meta.url));
 * worker.once('message', (m) => console.log(m)); // => { ready: true }
 */
export function startWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const file = workerEntry(entry);
  if (runsBuiltCode) return (Object.keys(options).length === 0 && takePrestarted(file)) || new Worker(file, options);
  return new Worker(developmentBootstrap(file), { ...options, eval: true });
}

/**
 * Workers that bin/restudy.js started before it loaded the command line (they boot while this thread loads its
 * modules), by the href of their built file; each is taken once, by the first {@link startWorker} for that file.
 * A worker that exited before it was taken is no longer listed (bin/restudy.js removes it).
 */
const PRESTARTED = Symbol.for('restudy.prestartedWorkers');

function takePrestarted(file: URL): Worker | undefined {
  const prestarted = (globalThis as { [PRESTARTED]?: Map<string, Worker[]> })[PRESTARTED];
  return prestarted?.get(file.href)?.shift();
}

/** CommonJS source that registers tsx's ESM hooks in the worker, then imports `file`; a failure reaches 'error'. */
function developmentBootstrap(file: URL): string {
  // tsx is resolved from this package (not the working directory), as the path of its ESM API module
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  return (
    `import(${JSON.stringify(tsxApi)})` +
    `.then((api) => { api.register(); return import(${JSON.stringify(file.href)}); })` +
    '.catch((error) => { process.nextTick(() => { throw error; }); });'
  );
}

/**
 * A worker thread that answers each request posted to it with one reply, in the order posted (its entry takes its
 * messages one at a time, and may first post `{ ready: true }`, which is ignored). Every request is posted at once,
 * so the worker goes on with the next without waiting for this thread to turn its event loop (which a long
 * synchronous computation here does not). The worker keeps the process alive only while replies are due.
 */
export class WorkerQueue<Request, Reply> {
  private readonly worker: Worker;
  private readonly pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private failed: Error | undefined;

  /**
   * @param entry - the worker module's source URL, as for {@link startWorker}
   * @throws when the worker cannot be started (the caller does the work itself)
   */
  constructor(entry: URL) {
    this.worker = startWorker(entry);
    this.worker.unref();
    this.worker.on('message', (m: Reply | { ready: true }) => {
      if (typeof m === 'object' && m !== null && 'ready' in m) return;
      this.settle()?.resolve(m as Reply);
    });
    const fail = (error: Error): void => {
      this.failed ??= error;
      for (let p = this.settle(); p !== undefined; p = this.settle()) p.reject(this.failed);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
  }

  /** Posts `request` now; resolves with its reply, or rejects when the worker died or was closed first. */
  run(request: Request): Promise<Reply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  /** Stops the worker; replies still due are rejected. */
  close(): Promise<number> {
    return this.worker.terminate();
  }

  private settle(): WorkerQueue<Request, Reply>['pending'][number] | undefined {
    const p = this.pending.shift();
    if (this.pending.length === 0) this.worker.unref();
    return p;
  }
}
