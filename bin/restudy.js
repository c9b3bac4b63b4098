#!/usr/bin/env node
// The `restudy` command: runs the built command line, dist/cli.js. In a clone of the repository (scripts/ is
// there; the installed package has none) it first rebuilds dist/ when it is missing or older than src/, so this
// always runs the current sources: `npm ci && npm run reproduce` needs no separate build step.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../scripts/buildState.mjs', import.meta.url))) {
  const { ensureBuilt } = await import('../scripts/buildState.mjs');
  ensureBuilt();
}
// `restudy run` with its default threads (one worker for the bootstraps, one drawing the figures, on 2+ cores):
// both workers start now, so that they boot (~0.3 s and ~0.5 s of CPU) on the second core while this thread loads
// the command line's modules, rather than competing later with the loading of the study. src/runtime/worker.ts
// takes them over (startWorker); one that exits before it is taken is dropped, and a fresh one is started then.
const args = process.argv.slice(2);
if (args[0] === 'run' && !args.some((a) => a.startsWith('--threads') || a === '--help' || a === '-h')) {
  const { availableParallelism } = await import('node:os');
  if (availableParallelism() >= 2) await prestartWorkers(['optimismWorker', 'figureWorker']);
}

/** Starts dist/<name>.js for each name, unreferenced, listed under a global symbol for src/runtime/worker.ts. */
async function prestartWorkers(names) {
  const { Worker } = await import('node:worker_threads');
  const prestarted = new Map();
  for (const name of names) {
    const file = new URL(`../dist/${name}.js`, import.meta.url);
    const worker = new Worker(file);
    worker.unref(); // a run that stops early (bad input) does not wait for it
    worker.on('error', () => undefined); // reported to its owner, or it is dropped on exit
    worker.once('exit', () => {
      const list = prestarted.get(file.href);
      if (list?.includes(worker)) list.splice(list.indexOf(worker), 1);
    });
    prestarted.set(file.href, [...(prestarted.get(file.href) ?? []), worker]);
  }
  globalThis[Symbol.for('restudy.prestartedWorkers')] = prestarted;
}

// zod decides per schema, when the schema is built (as dist/cli.js loads), whether to generate a compiled fast path;
// each schema here validates a few small YAML files once, so generating it costs more CPU (~30 ms a run) than it
// saves. The interpreted path gives the same results and messages. `--version` and `--help` build no schema and
// skip loading zod here (~70 ms).
const first = args[0];
if (first !== undefined && !first.startsWith('-')) {
  const { z } = await import('zod');
  z.config({ jitless: true });
}
const { main } = await import('../dist/cli.js');
await main(process.argv);
