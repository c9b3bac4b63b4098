/**
 * Whether dist/ is current, shared by scripts/build.mjs and bin/restudy.js (which, in a clone, rebuilds dist/
 * before running when src/ changed). Plain JavaScript: it must run before anything is built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = join(ROOT, 'dist', '.build-stamp');

/** Every file below `dir`, as absolute paths. */
export function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The files a build reads: src/, package.json, the lock file, the build scripts and tsconfigs. */
function buildInputs() {
  const top = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
  return [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'scripts')), ...top.map((f) => join(ROOT, f))];
}

/**
 * True when dist/ was built by scripts/build.mjs after the last change to any build input, and with
 * declarations when `types` asks for them.
 */
export function distIsCurrent({ types = false } = {}) {
  if (!existsSync(STAMP)) return false;
  const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  if (types && !stamp.types) return false;
  const built = statSync(STAMP).mtimeMs;
  return buildInputs().every((f) => !existsSync(f) || statSync(f).mtimeMs <= built);
}

/**
 * In a clone: rebuilds dist/ (JavaScript only) when it is missing or older than the sources, printing the
 * build's output on stderr so that a command's stdout stays clean. Exits 2 when the build fails.
 */
export function ensureBuilt() {
  if (distIsCurrent()) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--js-only', '--if-stale'], {
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    process.stderr.write(`restudy: building dist/ failed (exit ${build.status ?? build.signal}); see above\n`);
    process.exit(2);
  }
}
