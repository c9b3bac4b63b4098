/** The summary-table kind in the registry: follows `rowsFrom`, and hands the runner's context to runSummaryTable. */
import type { AnalysisOutput, CheckContext, Kind, KindContext } from './_kind.ts';
import { parseRows, type RowItem, type SummaryTableSpec, summaryTableSchema } from './summaryTable.schema.ts';
import { checkSummaryTable, runSummaryTable } from './summaryTable.ts';

/** The rows of a table, following `rowsFrom` through earlier summary tables. */
function rowsOf(spec: SummaryTableSpec, earlier: CheckContext['earlier']): { rows: RowItem[]; problems: string[] } {
  if (spec.rows) return parseRows(spec.rows);
  if (!spec.rowsFrom) return { rows: [], problems: ['rows: give rows or rowsFrom'] };
  const src = earlier.get(spec.rowsFrom);
  if (src?.kind !== 'summary-table')
    return { rows: [], problems: [`rowsFrom: "${spec.rowsFrom}" is not an earlier summary-table analysis`] };
  const parsed = rowsOf(src.spec as SummaryTableSpec, earlier);
  return { rows: parsed.rows, problems: parsed.problems.length ? [`rowsFrom: ${spec.rowsFrom} has problems`] : [] };
}

function check(spec: SummaryTableSpec, ctx: CheckContext): string[] {
  const { rows, problems } = rowsOf(spec, ctx.earlier);
  if (problems.length) return problems;
  return checkSummaryTable({ spec, rows, columns: ctx.columns, subgroups: ctx.subgroups });
}

function run(spec: SummaryTableSpec, ctx: KindContext): AnalysisOutput {
  const { rows } = rowsOf(spec, ctx.earlier);
  const summary = runSummaryTable({
    spec,
    rows,
    data: ctx.data,
    columns: ctx.columns,
    conventions: ctx.conv,
    alpha: ctx.alpha,
    subgroups: ctx.subgroups,
    cells: ctx.cells,
    rowId: (r) => ctx.rowId(r),
    file: ctx.file,
    nextSeed: ctx.nextSeed,
  });
  ctx.sensitivity.push(...summary.sensitivity);
  ctx.exclusions.push(...summary.exclusions);
  return { id: spec.id, kind: spec.kind, table: summary.table, summary };
}

export const summaryTableKind: Kind<SummaryTableSpec> = {
  schema: summaryTableSchema,
  sources: (s) => (s.rowsFrom ? [s.rowsFrom] : []),
  check,
  run,
};
