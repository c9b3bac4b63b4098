#!/usr/bin/env node
/**
 * `npm run build`: src/ → dist/ (ESM JavaScript bundled by esbuild, and `.d.ts` by tsc).
 *
 *   node scripts/build.mjs              JavaScript and declarations (npm run build, npm pack)
 *   node scripts/build.mjs --js-only    JavaScript only, 2–6 s (bin/restudy.js runs it in a clone when src/ changed)
 *   node scripts/build.mjs --if-stale   do nothing when dist/ was built after the last change to its inputs
 *
 * Why a bundle and not tsc's per-file output: the statistics import ~40 small @stdlib packages (hundreds of
 * CommonJS files); loading them file by file made a worker thread take 0.5–0.9 s to start, one bundled file
 * 0.12–0.2 s (load average 9 on 2 cores). Layout of dist/:
 *   cli.js        the command line (bin/restudy.js imports it); sub-commands are lazy chunks
 *   index.js      the library (`restudy`); browser.js: the browser-safe entry (`restudy/browser`), no node: imports
 *   <name>Worker.js  one per src/ file named <name>Worker.ts, beside the chunks (src/runtime/worker.ts finds it)
 *   chunk-*.js    code shared between entries
 *   types/        declarations (`types` of each export)
 *   THIRD-PARTY-LICENSES.md  the licences of the packages bundled into dist/
 * What is bundled: every imported package except those listed in package.json `dependencies`, which stay
 * external and are installed with restudy (moving a package between the two sections switches it). dist/web/
 * belongs to `npm run build:web` and is left alone.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { distIsCurrent, filesUnder, ROOT as root } from './buildState.mjs';

const src = join(root, 'src');
const dist = join(root, 'dist');
// the lock and the half-built and replaced copies of dist/ (node_modules/.cache: ignored by git, same disk)
const work = join(root, 'node_modules', '.cache', 'restudy-build');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!['--js-only', '--if-stale'].includes(a)) {
    process.stderr.write(`build: unknown option ${a} (known: --js-only, --if-stale)\n`);
    process.exit(2);
  }
}
const withTypes = !args.has('--js-only');

/** Worker entries: each src/ file named <name>Worker.ts → dist/<name>Worker.js (unique names: runtime/worker.ts). */
function workerEntries() {
  const entries = {};
  for (const file of filesUnder(src).filter((f) => /Worker\.ts$/.test(f))) {
    const name = basename(file, '.ts');
    if (entries[name]) throw new Error(`two worker entries named ${name}: ${entries[name]} and ${file}`);
    entries[name] = file;
  }
  return entries;
}

/**
 * One build at a time per clone (bin/restudy.js may start several): a lock folder holding the owner's pid, taken
 * over at once when that process is gone (a build killed half-way), or when older than ten minutes.
 * Returns the release function.
 */
async function lock() {
  const lockDir = join(work, 'lock');
  mkdirSync(work, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 600_000 || ownerGone(lockDir)) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** True when the lock's owner process no longer exists (a lock without a pid yet is still being taken). */
function ownerGone(lockDir) {
  let pid;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}

/**
 * Puts the new build in place of dist/ with two renames (a running restudy never sees half a build), keeping
 * dist/web/, which belongs to `npm run build:web`.
 */
function swapIn(fresh) {
  const old = join(work, `old-${process.pid}`);
  if (existsSync(join(dist, 'web'))) renameSync(join(dist, 'web'), join(fresh, 'web'));
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(fresh, dist);
  rmSync(old, { recursive: true, force: true });
}

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
  metafile: true,
  // licence comments of bundled code stay at the end of each file (and every licence in THIRD-PARTY-LICENSES.md)
  legalComments: 'eof',
};

async function buildNode(outdir) {
  return esbuild.build({
    ...common,
    platform: 'node',
    target: 'node20',
    entryPoints: { cli: join(src, 'cli.ts'), index: join(src, 'index.ts'), ...workerEntries() },
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    splitting: true,
    // vega's optional canvas renderer is not installed; vega-canvas catches the failed import
    external: [...Object.keys(pkg.dependencies ?? {}), 'canvas'],
    // bundled CommonJS packages call require() for node built-ins; ESM has no require, so give each file one
    banner: {
      js:
        "import { createRequire as __restudyCreateRequire } from 'node:module';\n" +
        'const require = __restudyCreateRequire(import.meta.url);',
    },
  });
}

/**
 * dist/browser.js from src/browser.ts (branch `web`), when it exists: one file for the browser platform, with the
 * same externals as the Node build (a consumer's bundler resolves them; the offline page is built separately).
 */
async function buildBrowser(outdir) {
  const entry = join(src, 'browser.ts');
  if (!existsSync(entry)) return undefined;
  return esbuild.build({
    ...common,
    platform: 'browser',
    entryPoints: { browser: entry },
    outdir,
    external: Object.keys(pkg.dependencies ?? {}),
  });
}

/** The package.json of the package a bundled input file belongs to, or undefined for our own sources. */
function packageOf(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const name = parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  const dir = join(root, ...parts.slice(0, at + 1), name);
  return { dir, json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
}

/** dist/THIRD-PARTY-LICENSES.md: each bundled package with its licence text, identical texts written once. */
function writeLicenses(outdir, metafiles) {
  const packages = new Map();
  for (const meta of metafiles) {
    for (const output of Object.values(meta.outputs)) {
      for (const input of Object.keys(output.inputs)) {
        const found = packageOf(input);
        if (found) packages.set(`${found.json.name}@${found.json.version}`, found);
      }
    }
  }
  const byText = new Map();
  for (const [id, { dir, json }] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file
      ? readFileSync(join(dir, file), 'utf8').trim()
      : `(no licence file; package.json says ${json.license})`;
    byText.set(text, [...(byText.get(text) ?? []), `${id} (${json.license ?? 'licence not stated'})`]);
  }
  const sections = [...byText].map(([text, ids]) => `## ${ids.join(', ')}\n\n\`\`\`\n${text}\n\`\`\`\n`);
  writeFileSync(
    join(outdir, 'THIRD-PARTY-LICENSES.md'),
    `# Third-party licences\n\nrestudy's dist/ bundles these ${packages.size} packages.\n\n${sections.join('\n')}`,
  );
}

/**
 * Declarations by tsc into outdir/types. tsc runs incrementally on a copy kept in the cache (a full run costs
 * 10 s of CPU); only declarations of files that still exist in src/ are copied, so a deleted source leaves none.
 */
function buildDeclarations(outdir) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const cached = join(work, 'types');
  execFileSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(root, 'tsconfig.build.json'),
      '--declarationDir',
      cached,
      '--incremental',
      '--tsBuildInfoFile',
      join(work, 'types.tsbuildinfo'),
    ],
    { stdio: 'inherit' },
  );
  for (const file of filesUnder(cached)) {
    const source = join(src, relative(cached, file)).replace(/\.d\.ts$/, '.ts');
    if (!file.endsWith('.d.ts') || !existsSync(source)) continue;
    const target = join(outdir, 'types', relative(cached, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
}

/** Builds into a fresh folder beside dist/ and swaps it in; returns the number of files written. */
async function build() {
  const fresh = join(work, `new-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  try {
    const results = [await buildNode(fresh), await buildBrowser(fresh)].filter(Boolean);
    writeLicenses(
      fresh,
      results.map((r) => r.metafile),
    );
    if (withTypes) buildDeclarations(fresh);
    const stamp = { builtAt: new Date().toISOString(), types: withTypes };
    writeFileSync(join(fresh, '.build-stamp'), `${JSON.stringify(stamp)}\n`);
    const count = filesUnder(fresh).length;
    swapIn(fresh);
    return count;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

const t0 = performance.now();
const release = await lock();
let count;
try {
  // checked under the lock: another process may have just built what this one was started to build
  if (!(args.has('--if-stale') && distIsCurrent({ types: withTypes }))) count = await build();
} finally {
  release();
}
if (count !== undefined) {
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(`build: dist/ (${count} files${withTypes ? '' : ', no declarations'}) in ${seconds} s\n`);
}
