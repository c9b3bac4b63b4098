#!/usr/bin/env node
// The `restudy` command: runs the built command line, dist/cli.js. In a clone of the repository (scripts/ is
// there; the installed package has none) it first rebuilds dist/ when it is missing or older than src/, so this
// always runs the current sources: `npm ci && npm run reproduce` needs no separate build step.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../scripts/buildState.mjs', import.meta.url))) {
  const { ensureBuilt } = await import('../scripts/buildState.mjs');
  ensureBuilt();
}
const { main } = await import('../dist/cli.js');
await main(process.argv);
