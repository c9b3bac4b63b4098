/**
 * analyses/pbc (survival::pbc by histologic stage), run as `restudy run analyses/pbc` from an empty working
 * directory, against its independent R computation (test/fixtures/r/examples/pbc/generate.R: kruskal.test,
 * Dunn's z written out with p.adjust, chisq.test, fisher.test, quantile type 7). Every number is a closed form
 * or an exact count: rtol 1e-9.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAgreesWithR, fixtureOf, type ReportLike, useExampleRun } from './_agreement.ts';

describe('analyses/pbc agrees with R', () => {
  const cases = fixtureOf('pbc');
  const run = useExampleRun('pbc');

  it('Table 1 by stage: summaries, Kruskal–Wallis + Dunn (Holm), χ² and Fisher r × 4 with pairwise sub-tables', () => {
    expect(expectAgreesWithR(run().results, cases, ['table1'])).toBeGreaterThan(400);
  });

  it('Table 2 by oedema: Kruskal–Wallis + Dunn (Bonferroni)', () => {
    expect(expectAgreesWithR(run().results, cases, ['table2'])).toBeGreaterThan(40);
  });

  it('the six patients without a stage are left out of Table 1 and named by their id', () => {
    const ex = (run().results as ReportLike).exclusions.find((e) => e.table === 'table1' && e.variable === 'stage');
    expect(ex?.patientIds).toEqual(['313', '317', '319', '322', '334', '337']);
  });

  it('writes a report framed as an analysis (no printed numbers) with its box plots', () => {
    expect(run().results.framing).toBe('analysis');
    expect(run().results.synthetic).toBe(false);
    const html = readFileSync(join(run().dir, 'index.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/HER2|Shen/);
    expect(existsSync(join(run().dir, 'table1.csv'))).toBe(true);
  });
});
