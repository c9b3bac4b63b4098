/**
 * The page's summary table ("Table 1"): the study runner's own `summary-table` kind
 * (src/study/kinds/summaryTable.ts, the module `restudy run` uses) fed with what the page knows — the dropped
 * table's rows, the column types the user confirmed, the grouping column and its order, a built-in preset —
 * so its numbers, its test choices (`test: auto`) and its method texts are the runner's.
 */
import { BUILT_IN_PRESETS } from '../src/study/conventions.ts';
import { runSummaryTable, type SummaryTableResult } from '../src/study/kinds/summaryTable.ts';
import type { Row, ColumnInfo as StudyColumn } from '../src/study/types.ts';
import type { ColumnType, RawRow } from './columns.ts';

/** The built-in presets the page offers, with the words shown beside them. */
export const PAGE_PRESETS = ['spss', 'r'] as const;
export type PagePreset = (typeof PAGE_PRESETS)[number];

/** Numeric rows' summary (the study language's names; `median_iqr` is its default). */
export type NumericSummary = 'median_iqr' | 'mean_sd' | 'median_range';

export interface SummaryColumn {
  readonly name: string;
  readonly type: Extract<ColumnType, 'numeric' | 'categorical'>;
  /** numeric columns: this row's summary, overriding the table's `numericSummary` */
  readonly summary?: NumericSummary;
}

export interface SummaryRequest {
  /** the file the rows came from, named in errors */
  readonly file: string;
  readonly rows: readonly RawRow[];
  readonly groupColumn: string;
  /** the groups shown and their order (the spec's `by.levels`); default: every value, sorted */
  readonly groupOrder?: readonly string[];
  readonly columns: readonly SummaryColumn[];
  readonly preset: PagePreset;
  readonly numericSummary: NumericSummary;
  /** pairwise p's of every pair of groups (the spec's `pairwise: { pairs: all }`) */
  readonly pairwise: boolean;
  /** the data row of the first row, for exclusion lists (2 when a header line precedes it) @default 2 */
  readonly firstDataRow?: number;
}

/** A request the table cannot be made from (shown in the page). */
export class SummaryInputError extends Error {
  override readonly name = 'SummaryInputError';
}

const byNatural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/** The distinct values of a column, sorted naturally ("2" before "10"). */
export function distinctValues(rows: readonly RawRow[], column: string): string[] {
  const values = new Set<string>();
  for (const r of rows) if (r[column] !== null && r[column] !== undefined) values.add(String(r[column]));
  return [...values].sort(byNatural);
}

/** Most groups a grouping column may have (more is an identifier or a number, not groups). */
export const MAX_GROUPS = 20;

/**
 * Builds the table with the runner's summary-table kind.
 * @throws SummaryInputError for a grouping column with fewer than 2 or more than 20 groups, or a group order
 *   naming a value the column does not have; SpecError (from the kind) for anything else it refuses
 */
export function summaryTable(req: SummaryRequest): SummaryTableResult {
  const { groupColumn } = req;
  const present = distinctValues(req.rows, groupColumn);
  const order = req.groupOrder?.length ? [...req.groupOrder] : present;
  const unknown = order.filter((c) => !present.includes(c));
  if (unknown.length) {
    const list = unknown.map((c) => `"${c}"`).join(', ');
    throw new SummaryInputError(
      `group order: ${list} ${unknown.length === 1 ? 'is not a value' : 'are not values'} of "${groupColumn}" (have ${present.join(', ')})`,
    );
  }
  const twice = order.find((c, i) => order.indexOf(c) !== i);
  if (twice !== undefined) throw new SummaryInputError(`group order: "${twice}" is listed twice`);
  if (order.length < 2) {
    throw new SummaryInputError(
      `grouping column "${groupColumn}" has ${order.length} group(s) with data; a summary table compares at least two`,
    );
  }
  if (present.length > MAX_GROUPS) {
    throw new SummaryInputError(
      `grouping column "${groupColumn}" has ${present.length} distinct values; pick a categorical column (at most ${MAX_GROUPS} groups)`,
    );
  }
  const columns = new Map<string, StudyColumn>();
  const describe = (name: string, type: SummaryColumn['type']): StudyColumn =>
    type === 'categorical'
      ? { name, label: name, type, levels: distinctValues(req.rows, name).map((code) => ({ code, label: code })) }
      : { name, label: name, type };
  columns.set(groupColumn, describe(groupColumn, 'categorical'));
  const chosen = req.columns.filter((c) => c.name !== groupColumn);
  for (const c of chosen) columns.set(c.name, describe(c.name, c.type));
  const preset = BUILT_IN_PRESETS.get(req.preset);
  if (!preset)
    throw new SummaryInputError(`no preset "${req.preset}" (have ${[...BUILT_IN_PRESETS.keys()].join(', ')})`);
  const firstDataRow = req.firstDataRow ?? 2;
  return runSummaryTable({
    spec: {
      id: 'summary',
      kind: 'summary-table',
      title: `Summary by ${groupColumn}`,
      subgroup: 'all',
      by: { variable: groupColumn, levels: order },
      total: true,
      ...(req.pairwise ? { pairwise: { pairs: 'all' as const } } : {}),
      rows: chosen.map((c) =>
        c.type === 'numeric' ? { variable: c.name, summary: c.summary ?? req.numericSummary } : { variable: c.name },
      ),
    },
    data: req.rows as readonly Row[],
    columns,
    conventions: preset.conventions,
    alpha: 0.05,
    rowId: (_row, i) => `row ${i + firstDataRow}`,
    file: `${req.file} (the page's table settings)`,
  });
}
