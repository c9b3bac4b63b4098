/**
 * Issue 14 item 2: a run killed while it writes its report leaves the old report or the new one, whole.
 * A child process writes two different reports (two bootstrap seeds) into one folder in turn; it is
 * SIGKILLed at 20 seeded random moments, and each time the folder must equal one of the two reports,
 * file for file and byte for byte, with no file of the other. A kill leaves at most a half-written hidden
 * copy (`.restudy-v-*` inside the folder), removed by the next successful write, which leaves exactly one.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
import { writeReportDirAtomic } from '../../src/io/index.ts';
import { renderReportFiles } from '../../src/report/write.ts';
import { createRng } from '../../src/stats/_shared/random.ts';
import type { StudyResult } from '../../src/study/types.ts';
import { miniCohort, writeCsv } from '../study/_miniCohort.ts';

const KILLS = 20;
const quiet = { stdout: (): void => undefined, stderr: (s: string): void => void process.stderr.write(s) };

/**
 * A report as a reader sees it, name → text: the names shown in the folder, without restudy's own
 * `.restudy-*` entries (the marker, whose text is the same in every report, and the hidden copies the
 * shown names link to). A name whose link leads nowhere fails the read.
 */
function readReport(dir: string): Map<string, string> {
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((n) => !n.split(sep)[0]?.startsWith('.restudy-'))
    .sort();
  return new Map(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

describe('a report killed while it is written (issue 14 item 2)', () => {
  const work = mkdtempSync(join(tmpdir(), 'restudy-kill-'));
  const expected: Map<string, string>[] = [];
  const sources: string[] = [];

  let writer = '';

  beforeAll(async () => {
    // bundled to plain JS once, so each of the 20 children starts in milliseconds (no TypeScript loader)
    writer = join(work, 'writeLoop.mjs');
    buildSync({
      entryPoints: ['test/robust/_writeLoop.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: writer,
    });
    const cohort = join(work, 'cohort.csv');
    writeCsv(cohort, miniCohort(3));
    for (const seed of ['11', '12']) {
      const ref = join(work, `ref-${seed}`);
      const opts = { data: cohort, codebook: 'data/shen2025/codebook.yaml', out: ref, replicates: '20', seed };
      expect(await runCommand('analyses/shen2025', opts, quiet)).toBe(0);
      // what the CLI wrote, re-rendered from results.json: the child writes exactly these files
      const files = await renderReportFiles(JSON.parse(readFileSync(join(ref, 'results.json'), 'utf8')) as StudyResult);
      const source = join(work, `report-${seed}.json`);
      writeFileSync(source, JSON.stringify(files));
      sources.push(source);
      expected.push(new Map(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))));
    }
    expect(expected[0]?.get('results.json')).not.toBe(expected[1]?.get('results.json'));
  });

  it(`finds the old report or the new one, whole, after each of ${KILLS} SIGKILLs`, async () => {
    const out = join(work, 'report');
    const rng = createRng(20251203);
    writeReportDirAtomic(out, Object.fromEntries(expected[0] ?? []));
    const seen = new Set<number>();
    for (let kill = 0; kill < KILLS; kill++) {
      const child = spawn(process.execPath, [writer, out, ...sources], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolveReady, reject) => {
        child.stdout.once('data', () => resolveReady());
        child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
      });
      // writing one report takes some ms: kill somewhere within the first tens of writes
      await new Promise((r) => setTimeout(r, rng.uniform() * 300));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(existsSync(out), `kill ${kill}: the report folder is missing`).toBe(true);
      const found = readReport(out);
      const match = expected.findIndex((e) => [...e].every(([n, t]) => found.get(n) === t) && found.size === e.size);
      expect(
        match,
        `kill ${kill}: the folder is neither report whole: ${[...found.keys()].join(', ')}`,
      ).toBeGreaterThanOrEqual(0);
      seen.add(match);
    }
    // both reports were found at some kill, so the kills did land between writes
    expect(seen.size).toBe(2);
    writeReportDirAtomic(out, Object.fromEntries(expected[1] ?? []));
    expect(readdirSync(work).filter((n) => n.startsWith('.report.'))).toEqual([]);
    const hidden = readdirSync(out).filter((n) => n.startsWith('.restudy-'));
    expect(hidden.filter((n) => n.startsWith('.restudy-v-'))).toHaveLength(1);
    expect(hidden.filter((n) => !n.startsWith('.restudy-v-')).sort()).toEqual(['.restudy-current', '.restudy-output']);
  }, 240_000);
});
