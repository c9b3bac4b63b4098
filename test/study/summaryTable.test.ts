/**
 * The summary-table kind against R (test/fixtures/r/study/generate_summary_table.R computes every number of
 * the three specs below with base R), and its bad paths: every name that matches nothing is a SpecError
 * naming the field, a summary that does not fit the column is an error (never zeros), a degenerate row gives
 * NA and a warning while the table goes on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PRESETS, type Conventions } from '../../src/study/conventions.ts';
import { SpecError } from '../../src/study/errors.ts';
import { runSummaryTable, type SummaryTableResult, summaryTableSchema } from '../../src/study/kinds/summaryTable.ts';
import type { Cell, ColumnInfo, Row } from '../../src/study/types.ts';
import { expectClose } from '../helpers/expectClose.ts';
import type { RCase } from './_rcase.ts';

const fixture = JSON.parse(readFileSync('test/fixtures/r/study/summary_table.json', 'utf8')) as {
  rows: Row[];
  cases: RCase[];
};

const cat = (name: string, codes: string[]): ColumnInfo => ({
  name,
  label: name.toUpperCase(),
  type: 'categorical',
  levels: codes.map((code) => ({ code, label: `L-${code}` })),
});
const num = (name: string): ColumnInfo => ({ name, label: name.toUpperCase(), type: 'numeric' });
const COLUMNS = new Map<string, ColumnInfo>([
  ['id', { name: 'id', label: 'id', type: 'text' }],
  ['grp2', cat('grp2', ['neg', 'pos'])],
  ['grp3', cat('grp3', ['I', 'II', 'III'])],
  ['site', cat('site', ['s1', 's2', 's3'])],
  ['c1', cat('c1', ['lo', 'mid', 'hi'])],
  ['c2', cat('c2', ['yes', 'no'])],
  ['x', num('x')],
  ['y', num('y')],
  ['w', num('w')],
]);
const SUBGROUPS = new Map([['s1', { label: 'Site 1', where: { site: ['s1'] } }]]);
const preset = (name: string): Conventions => BUILT_IN_PRESETS.get(name)!.conventions;

const SPECS: Record<string, { preset: string; spec: unknown }> = {
  t1: {
    preset: 'r',
    spec: {
      id: 't1',
      kind: 'summary-table',
      title: 'T1',
      by: 'grp2',
      rows: [
        { variable: 'x', summary: 'mean_sd' },
        { variable: 'x', summary: 'median_iqr', test: 'none' },
        { variable: 'x', summary: 'median_range', test: 'none' },
        { variable: 'y', summary: 'mean_sd', test: 'mann-whitney' },
        { variable: 'y', summary: 'median_range', test: 'none' },
        { variable: 'y', summary: 'median_iqr', test: 'none' },
        { variable: 'w', summary: 'mean_sd', test: 'mann-whitney', subgroup: 's1' },
        { variable: 'w', summary: 'median_iqr', test: 'none', subgroup: 's1' },
        { variable: 'w', summary: 'median_range', test: 'none', subgroup: 's1' },
        'c1',
        { variable: 'c2' },
        { variable: 'c2', test: 'fisher', published: 'c2_fisher' },
        { variable: 'c2', test: 'chisq-pearson', published: 'c2_pearson' },
        { variable: 'c2', test: 'chisq-yates', published: 'c2_yates' },
      ],
    },
  },
  t2: {
    preset: 'r',
    spec: {
      id: 't2',
      kind: 'summary-table',
      title: 'T2',
      by: 'grp3',
      pairwise: { pairs: 'all' },
      rows: [
        { variable: 'y', test: 'kruskal' },
        { variable: 'x', test: 'anova', published: 'x_anova' },
        { variable: 'x', test: 'welch-anova', published: 'x_welch' },
        { variable: 'c1', test: 'chisq' },
      ],
    },
  },
  t3: {
    preset: 'spss',
    spec: {
      id: 't3',
      kind: 'summary-table',
      title: 'T3',
      by: { variable: 'grp2', labels: { pos: 'Positive' } },
      rows: [
        { variable: 'x', test: 't' },
        { variable: 'y', test: 'mann-whitney', summary: 'mean_sd' },
        { variable: 'y', summary: 'median_iqr', test: 'none' },
        { variable: 'y', summary: 'median_range', test: 'none' },
      ],
    },
  },
};

function run(
  id: string,
  data: readonly Row[] = fixture.rows,
  spec: unknown = SPECS[id].spec,
  conv = preset(SPECS[id].preset),
): SummaryTableResult {
  return runSummaryTable({
    spec: summaryTableSchema.parse(spec),
    data,
    columns: COLUMNS,
    conventions: conv,
    alpha: 0.05,
    subgroups: SUBGROUPS,
    rowId: (r) => String(r.id),
  });
}

function cellsOf(r: SummaryTableResult): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const row of r.table.rows)
    for (const c of Object.values(row.cells))
      for (const p of c.parts) if (!out.has(`${p.row}|${p.column}`)) out.set(`${p.row}|${p.column}`, p);
  return out;
}

describe('summary-table against R', () => {
  for (const id of Object.keys(SPECS)) {
    it(`${id}: every number agrees with R`, () => {
      const cells = cellsOf(run(id));
      const cases = fixture.cases.filter((c) => c.table === id);
      expect(cases.length).toBeGreaterThan(10);
      for (const c of cases) {
        const cell = cells.get(`${c.row}|${c.column}`);
        expect(cell, `${id} ${c.row}|${c.column} (${c.what})`).toBeDefined();
        // Fisher's network and Dunn/χ² p's are closed forms here; 1e-9 throughout
        expectClose(
          cell!.value as number,
          c.value as number,
          { rtol: 1e-9, atol: 1e-12 },
          `${id} ${c.row}|${c.column} (${c.what})`,
        );
      }
    });
  }

  it('prints the auto choice and the Mann–Whitney rule in the method', () => {
    const cells = cellsOf(run('t1'));
    expect(cells.get('x|p')!.method).toMatch(/chosen by Shapiro–Wilk .* → Welch t/);
    expect(cells.get('w|p')!.method).toMatch(/exact/i);
    expect(cells.get('c2|p')!.method).toMatch(/Fisher's exact test .*smallest expected count/);
  });

  it('counts missing values per row and names the excluded rows', () => {
    const r = run('t1');
    const x = r.variables.find((v) => v.rowKey === 'x')!;
    expect(x.missing).toBe(5);
    expect(r.table.columns[0]).toEqual({ key: 'n', label: 'n used' });
    expect(r.exclusions.find((e) => e.variable === 'x')!.patientIds).toHaveLength(5);
    expect(r.table.notes.join(' ')).toMatch(/Missing values, left out of that row only: X 5; .*C1 3/);
  });

  it('uses labels, never codes, for groups and levels', () => {
    const r = run('t3');
    expect(r.table.columns.map((c) => c.label)).toContain(`Positive (n = ${r.groups[1].n})`);
    const t1 = run('t1');
    expect(t1.table.rows.find((row) => row.key === 'c1:lo')!.label).toBe('L-lo');
  });

  it('is deterministic and leaves its inputs alone', () => {
    const frozen = Object.freeze(fixture.rows.map((r) => Object.freeze({ ...r })));
    expect(JSON.stringify(run('t2', frozen))).toBe(JSON.stringify(run('t2', frozen)));
  });
});

describe('summary-table: no silent losses', () => {
  const problemsOf = (spec: unknown, data: readonly Row[] = fixture.rows): string[] => {
    try {
      run('t1', data, spec);
    } catch (error) {
      if (error instanceof SpecError) return error.problems;
      throw error;
    }
    throw new Error('expected a SpecError');
  };
  const base = { id: 'bad', kind: 'summary-table', title: 'Bad', by: 'grp2' };

  it('a group level that matches nothing (poor for Poor) names the field', () => {
    expect(problemsOf({ ...base, by: { variable: 'grp2', levels: ['neg', 'Pos'] }, rows: ['x'] })).toEqual([
      'by.levels.1: "Pos" is not a level of grp2 (have neg, pos)',
    ]);
  });
  it('a variable that matches nothing, or a name of Object.prototype, is an error', () => {
    expect(problemsOf({ ...base, rows: ['no_such_column'] })[0]).toMatch(
      /^rows\.0\.variable: no column "no_such_column"/,
    );
    expect(problemsOf({ ...base, rows: ['constructor', '__proto__', 'toString'] })).toHaveLength(3);
    expect(problemsOf({ ...base, by: 'constructor', rows: ['x'] })[0]).toMatch(
      /^by\.variable: no column "constructor"/,
    );
  });
  it('an unknown test lists the allowed names', () => {
    expect(problemsOf({ ...base, rows: [{ variable: 'x', test: 'mannwhitney' }] })[0]).toBe(
      'rows.0.test: unknown test "mannwhitney"; allowed: auto, chisq, chisq-pearson, chisq-yates, fisher, mann-whitney, t, t-student, t-welch, kruskal, anova, welch-anova, none',
    );
  });
  it('a test that does not fit the row or the number of groups is an error', () => {
    expect(problemsOf({ ...base, rows: [{ variable: 'c1', test: 'kruskal' }] })[0]).toMatch(
      /rows\.0\.test: kruskal does not apply to a categorical variable/,
    );
    expect(problemsOf({ ...base, by: 'grp3', rows: [{ variable: 'x', test: 'mann-whitney' }] })[0]).toMatch(
      /compares two groups; this table has 3/,
    );
  });
  it('a summary that does not fit the column type is an error, not zeros', () => {
    expect(problemsOf({ ...base, rows: [{ variable: 'y', summary: 'n_percent' }] })[0]).toMatch(
      /^rows\.0\.summary: n_percent needs a categorical column; "y" is numeric/,
    );
    expect(problemsOf({ ...base, rows: [{ variable: 'c1', summary: 'mean_sd' }] })[0]).toMatch(
      /^rows\.0\.summary: mean_sd needs a numeric column/,
    );
  });
  it('a listed level that is not a codebook level, or data outside the listed levels, is an error', () => {
    expect(problemsOf({ ...base, rows: [{ variable: 'c1', levels: ['lo', 'Mid'] }] })[0]).toMatch(
      /^rows\.0\.levels\.1: "Mid" is not a level of c1/,
    );
    expect(problemsOf({ ...base, rows: [{ variable: 'c1', levels: ['lo', 'mid'] }] })[0]).toMatch(
      /^rows\.0\.levels: \d+ row\(s\) of c1 have a level not listed \(hi\)/,
    );
  });
  it('pairs and subgroups that match nothing are errors', () => {
    expect(problemsOf({ ...base, pairwise: { pairs: [['neg', 'maybe']] }, rows: ['x'] })[0]).toMatch(
      /^pairwise\.pairs\.0: "maybe" is not a group/,
    );
    expect(problemsOf({ ...base, subgroup: 'constructor', rows: ['x'] })[0]).toMatch(
      /^subgroup: no subgroup "constructor"/,
    );
  });
});

describe('summary-table: degenerate data', () => {
  it('a group constant in one row gives that row NA and a warning; the other rows are computed', () => {
    const data = fixture.rows.map((r) => (r.grp3 === 'I' ? { ...r, w: 3 } : r));
    const spec = {
      id: 'deg',
      kind: 'summary-table',
      title: 'Deg',
      by: 'grp3',
      rows: [
        { variable: 'w', test: 'welch-anova' },
        { variable: 'y', test: 'kruskal' },
      ],
    };
    const r = run('t2', data, spec);
    expect(cellsOf(r).get('w|p')!.display).toBe('NA');
    expect(cellsOf(r).get('w|p')!.method).toMatch(/^not computed: groups\[0\] must be/);
    expect(r.table.warnings[0]).toMatch(
      /^W: p not computed \(.*\); the row shows NA and the rest of the report goes on$/,
    );
    expect(cellsOf(r).get('y|p')!.value).toBeGreaterThan(0);
  });
  it('a group with no values gives NA, names the group, and goes on', () => {
    const data = fixture.rows.map((r) => (r.grp2 === 'pos' ? { ...r, x: null } : r));
    const r = run('t1', data, { id: 'e', kind: 'summary-table', title: 'E', by: 'grp2', rows: ['x', 'y'] });
    expect(cellsOf(r).get('x|p')!.display).toBe('NA');
    expect(r.table.warnings[0]).toMatch(/X: p not computed \(group L-pos has no values\)/);
    expect(cellsOf(r).get('y|p')!.value).toBeGreaterThan(0);
  });
  it('above 5 000 values, auto chooses the rank test without Shapiro–Wilk and says why', () => {
    const big: Row[] = [];
    for (let i = 0; i < 10_400; i++)
      big.push({ id: `B${i}`, grp2: i % 2 ? 'pos' : 'neg', x: (i * 7919) % 1000, y: i % 13 });
    const r = run('t1', big, { id: 'big', kind: 'summary-table', title: 'Big', by: 'grp2', rows: ['x'] });
    expect(cellsOf(r).get('x|p')!.method).toMatch(
      /5200 values > 5000, where Shapiro–Wilk is not defined .*Mann–Whitney chosen without a normality test/,
    );
  });
});

describe('summary-table: one column without a grouping', () => {
  it('summarises every row in an "All" column with no test', () => {
    const r = run('t1', fixture.rows, { id: 'one', kind: 'summary-table', title: 'One', rows: ['x', 'c1'] });
    expect(r.table.columns.map((c) => c.key)).toEqual(['n', 'total']);
    expect(r.table.columns[1].label).toBe(`All (n = ${fixture.rows.length})`);
    expect(cellsOf(r).get('x|p')).toBeUndefined();
  });
});
