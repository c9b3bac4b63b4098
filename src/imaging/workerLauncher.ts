/**
 * Starts a worker thread on a TypeScript entry of this package. A bootstrap (evaluated as CommonJS) registers
 * tsx's ESM hooks inside the worker with `tsx/esm/api` and then imports the entry: on Node 20,
 * `execArgv: ['--import', 'tsx']` does not reach a worker's entry module (ERR_UNKNOWN_FILE_EXTENSION), so the hooks
 * are registered from within. When the entry has been built to JavaScript (a `.js` file beside this module), that
 * file is started directly and tsx is not needed. The tsx API is resolved from this package, so it works from any
 * working directory. Start-up costs 0.3–2 s per worker with tsx (it transpiles the entry), which is why pools are
 * started once and reused.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Starts `entry` (a path relative to this folder, e.g. './fitWorker.ts') in a new worker thread. */
export function startWorker(entry: string): Worker {
  const ts = new URL(entry, import.meta.url);
  const built = new URL(entry.replace(/\.ts$/, '.js'), import.meta.url);
  if (built.href !== ts.href && existsSync(fileURLToPath(built))) return new Worker(built);
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(
    join(dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs'),
  ).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(ts.href)}); })` +
    `.catch((error) => { process.nextTick(() => { throw error; }); });`;
  return new Worker(bootstrap, { eval: true });
}
