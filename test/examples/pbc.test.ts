/**
 * analyses/pbc (survival::pbc by histologic stage) against its independent R computation
 * (test/fixtures/r/examples/pbc/generate.R: kruskal.test, Dunn's z written out with p.adjust, chisq.test,
 * fisher.test, quantile type 7). Every number is a closed form or an exact count, compared at rtol 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadCodebook } from '../../src/data/codebook.ts';
import { readCohort } from '../../src/data/readCohort.ts';
import { BUILT_IN_PRESETS } from '../../src/study/conventions.ts';
import { runSummaryTable, summaryTableSchema } from '../../src/study/kinds/summaryTable.ts';
import type { Row } from '../../src/study/types.ts';
import { columnsOf } from './_columns.ts';
import { expectAgreesWithR, fixtureOf, type ReportLike } from './_agreement.ts';

const codebook = loadCodebook('data/pbc/codebook.yaml');
const cohort = readCohort('data/pbc/pbc.csv', codebook);
const columns = columnsOf(codebook);

function report(): ReportLike {
  const outputs = ['table1', 'table2'].map((id) =>
    runSummaryTable({
      spec: summaryTableSchema.parse(parseYaml(readFileSync(`analyses/pbc/${id}.yaml`, 'utf8'))),
      data: cohort.rows as Row[],
      columns,
      conventions: BUILT_IN_PRESETS.get('r')!.conventions,
      alpha: 0.05,
      rowId: (r) => String(r.id),
    }),
  );
  return { tables: outputs.map((o) => o.table), exclusions: outputs.flatMap((o) => o.exclusions) };
}

describe('analyses/pbc agrees with R', () => {
  const cases = fixtureOf('pbc');
  const result = report();

  it('Table 1 by stage: summaries, Kruskal–Wallis + Dunn (Holm), χ² and Fisher r × 4 with pairwise sub-tables', () => {
    expect(expectAgreesWithR(result, cases, ['table1'])).toBeGreaterThan(400);
  });

  it('Table 2 by oedema: Kruskal–Wallis + Dunn (Bonferroni)', () => {
    expect(expectAgreesWithR(result, cases, ['table2'])).toBeGreaterThan(40);
  });

  it('the six patients without a stage are left out of Table 1 and named', () => {
    const ex = result.exclusions.find((e) => e.table === 'table1' && e.variable === 'stage');
    expect(ex?.patientIds).toEqual(['313', '317', '319', '322', '334', '337']);
  });
});
