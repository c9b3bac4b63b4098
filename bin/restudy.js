#!/usr/bin/env node
// The `restudy` command: runs the built command line, dist/cli.js. In a clone of the repository (scripts/ is
// there; the installed package has none) it first rebuilds dist/ when it is missing or older than src/, so this
// always runs the current sources: `npm ci && npm run reproduce` needs no separate build step.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../scripts/buildState.mjs', import.meta.url))) {
  const { ensureBuilt } = await import('../scripts/buildState.mjs');
  ensureBuilt();
}
// zod decides per schema, when the schema is built (as dist/cli.js loads), whether to generate a compiled fast path;
// each schema here validates a few small YAML files once, so generating it costs more CPU (~30 ms a run) than it
// saves. The interpreted path gives the same results and messages. `--version` and `--help` build no schema and
// skip loading zod here (~70 ms).
const first = process.argv[2];
if (first !== undefined && !first.startsWith('-')) {
  const { z } = await import('zod');
  z.config({ jitless: true });
}
const { main } = await import('../dist/cli.js');
await main(process.argv);
