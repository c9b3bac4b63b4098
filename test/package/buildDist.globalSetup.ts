/**
 * Vitest global setup: builds dist/ once before any test file runs (JavaScript only, and only when src/ changed
 * since the last build). Tests that spawn `node bin/restudy.js` then run current built code without each paying
 * for the build inside its own time limit (bin/restudy.js would otherwise rebuild on the first spawn).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildDist(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs', '--js-only', '--if-stale'], { cwd: root, stdio: 'inherit' });
}
