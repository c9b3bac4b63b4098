import { InputError } from '../_shared/errors.ts';
import { countTable } from '../_shared/validate.ts';

/** A validated count table with its margins, after empty rows and columns were removed. */
export interface ReducedTable {
  /** counts of the kept rows and columns */
  counts: number[][];
  rowTotals: number[];
  colTotals: number[];
  n: number;
  /** 0-based indices (into the input) of the rows and columns kept */
  keptRows: number[];
  keptColumns: number[];
  /** 0-based indices of the empty rows/columns dropped */
  droppedRows: number[];
  droppedColumns: number[];
}

/** Validates a table of non-negative integer counts (≥ 2 × 2, total > 0) and drops all-zero rows and columns. */
export function reduceTable(table: readonly (readonly number[])[], param = 'table'): ReducedTable {
  const counts = countTable(table, param, 2, 2);
  const rowAll = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colAll = counts[0].map((_, j) => counts.reduce((a, row) => a + row[j], 0));
  const n = rowAll.reduce((a, b) => a + b, 0);
  if (n === 0) throw new InputError(param, 'a table with at least one positive count', table);
  if (!Number.isSafeInteger(n)) throw new InputError(param, 'a table whose total is a safe integer (≤ 2^53 − 1)', n);
  const keptRows = rowAll.flatMap((t, i) => (t > 0 ? [i] : []));
  const keptColumns = colAll.flatMap((t, j) => (t > 0 ? [j] : []));
  return {
    counts: keptRows.map((i) => keptColumns.map((j) => counts[i][j])),
    rowTotals: keptRows.map((i) => rowAll[i]),
    colTotals: keptColumns.map((j) => colAll[j]),
    n,
    keptRows,
    keptColumns,
    droppedRows: rowAll.flatMap((t, i) => (t > 0 ? [] : [i])),
    droppedColumns: colAll.flatMap((t, j) => (t > 0 ? [] : [j])),
  };
}

/** The warning for dropped empty rows/columns ("" when none), 1-based as users count rows. */
export function droppedWarning(t: ReducedTable, what: string): string[] {
  const parts: string[] = [];
  if (t.droppedRows.length)
    parts.push(`row${t.droppedRows.length > 1 ? 's' : ''} ${t.droppedRows.map((i) => i + 1).join(', ')}`);
  if (t.droppedColumns.length)
    parts.push(`column${t.droppedColumns.length > 1 ? 's' : ''} ${t.droppedColumns.map((j) => j + 1).join(', ')}`);
  if (!parts.length) return [];
  return [`empty ${parts.join(' and ')} (all counts 0) dropped before ${what}, as SPSS does (R would return NaN)`];
}
