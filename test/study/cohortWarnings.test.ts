/**
 * Nothing dropped in silence (issue 15): a cohort column the codebook does not declare is ignored by the loader;
 * `restudy run` says so on stdout, in the page's findings and in results.json, and a clean cohort has no such note.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';

const DIR = 'test/fixtures/r/study/general';
const tmp = mkdtempSync(join(tmpdir(), 'restudy-cohort-warnings-'));

async function run(data: string, out: string) {
  let stdout = '';
  const code = await runCommand(
    DIR,
    { data, out, replicates: '20' },
    { stdout: (s) => (stdout += s), stderr: () => undefined },
  );
  return {
    code,
    stdout,
    html: readFileSync(join(out, 'index.html'), 'utf8'),
    json: readFileSync(join(out, 'results.json'), 'utf8'),
  };
}

describe('cohort warnings reach the report', () => {
  it('an undeclared column: a note on stdout, in the findings and in results.json', async () => {
    const lines = readFileSync(join(DIR, 'cohort.csv'), 'utf8').trimEnd().split('\n');
    const data = join(tmp, 'extra.csv');
    writeFileSync(data, `${lines.map((l, i) => `${l},${i === 0 ? 'scanner_site' : 'A'}`).join('\n')}\n`);
    const r = await run(data, join(tmp, 'extra'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /1 note\(s\) on reading the cohort, in the report \(e\.g\. column "scanner_site" is not in/,
    );
    expect(r.html).toMatch(/<a href="#inputs">Cohort<\/a>: column &quot;scanner_site&quot; is not in the codebook/);
    expect(JSON.parse(r.json).cohortWarnings).toEqual([expect.stringMatching(/^column "scanner_site" .*ignored/)]);
  });

  it('a clean cohort: no note', async () => {
    const r = await run(join(DIR, 'cohort.csv'), join(tmp, 'clean'));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/reading the cohort/);
    expect(JSON.parse(r.json).cohortWarnings).toEqual([]);
  });
});
