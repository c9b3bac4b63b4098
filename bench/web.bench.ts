/**
 * The offline page: build time of `npm run build:web` and the size of the one file it writes (issue 13: page
 * bundle size printed, goal ≤ 3 MB). Built into a temporary folder so the bench never touches dist/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_GOAL_BYTES, buildWeb } from '../scripts/build-web.mjs';
import type { BenchRow } from './_harness.ts';

export const title = 'offline page (dist/web/restudy.html)';

export async function run(): Promise<BenchRow[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'restudy-web-bench-')), 'restudy.html');
  const t0 = performance.now();
  const { bytes } = await buildWeb({ out });
  const ms = performance.now() - t0;
  const mb = (b: number): string => (b / 1024 / 1024).toFixed(2);
  return [
    {
      name: 'build:web, one self-contained file',
      ms,
      target: `≤ ${mb(BUNDLE_GOAL_BYTES)} MB`,
      note: `${mb(bytes)} MB (${bytes} bytes)${bytes > BUNDLE_GOAL_BYTES ? ' — OVER the goal' : ''}`,
    },
  ];
}
