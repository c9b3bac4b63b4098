/** Shared helpers: RunInputs built from the hand-made mini cohort (no cohort file), with optional overrides. */
import { loadCodebook } from '../../src/data/index.ts';
import { columnsOf } from '../../src/study/load.ts';
import type { RunInputs } from '../../src/study/run.ts';
import { type LoadedStudy, loadStudy } from '../../src/study/spec.ts';
import type { ColumnInfo } from '../../src/study/types.ts';
import { type MiniRow, miniCohort } from './_miniCohort.ts';

/** The Shen codebook's columns, with level labels replaced where `relabel` says (column → code → label). */
export function shenColumns(relabel: Record<string, Record<string, string>> = {}): Map<string, ColumnInfo> {
  const columns = columnsOf(loadCodebook('data/shen2025/codebook.yaml'));
  for (const [name, labels] of Object.entries(relabel)) {
    const col = columns.get(name)!;
    columns.set(name, { ...col, levels: col.levels!.map((l) => ({ code: l.code, label: labels[l.code] ?? l.label })) });
  }
  return columns;
}

export function miniInputs(
  opts: { rows?: MiniRow[]; loaded?: LoadedStudy; relabel?: Record<string, Record<string, string>> } = {},
): RunInputs {
  const rows = opts.rows ?? miniCohort(7);
  return {
    loaded: opts.loaded ?? loadStudy('analyses/shen2025'),
    rows,
    columns: shenColumns(opts.relabel),
    idColumn: 'patient_id',
    published: [
      {
        id: 'table1/age/p',
        location: { table: 'table1', row: 'age', column: 'p' },
        printed: '0.709',
        value: 0.709,
        interval: [0.7085, 0.7095],
        kind: 'p',
      },
      {
        id: 'table1/er/p',
        location: { table: 'table1', row: 'er', column: 'p' },
        printed: '< 0.001',
        value: 0.001,
        interval: [0, 0.001],
        bound: 'upper',
        kind: 'p',
      },
      {
        id: 'table1/age/p1',
        location: { table: 'table1', row: 'age', column: 'p1' },
        printed: 'NA',
        value: null,
        interval: null,
        kind: 'p',
      },
      {
        id: 'table2/fgt:a_b/zero',
        location: { table: 'table2', row: 'fgt:a_b', column: 'zero' },
        printed: '13/60 (21.7%)',
        value: 13,
        interval: [13, 13],
        kind: 'count',
      },
      {
        id: 'abstract/er/p1',
        location: { table: 'abstract', row: 'er', column: 'p1' },
        printed: '< 0.001',
        value: 0.001,
        interval: [0, 0.001],
        bound: 'upper',
        kind: 'p',
      },
    ],
    input: {
      cohort: 'mini',
      cohortSha256: '0'.repeat(64),
      rows: rows.length,
      codebook: 'mini',
      published: 'inline',
      publishedCount: 5,
    },
  };
}
