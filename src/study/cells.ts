/**
 * How an analysis kind makes the numbers it reports: every number is a `Cell` at a location
 * `{table, row, column}`. The runner supplies a factory that also compares each cell with the printed number
 * at that location; the browser (and any caller without printed numbers) uses `plainCells`. Browser-safe.
 */
import type { Cell, ConventionValue, DisplayCell, SensitivityRow } from './types.ts';

export interface CellExtra {
  method?: string;
  conventions?: Record<string, ConventionValue>;
  note?: string;
  /** false: not offered to the text/abstract echoes (the runner registers cells by row|column). */
  register?: boolean;
}

export type CellFactory = (
  table: string,
  row: string,
  column: string,
  value: number | null,
  display: string,
  extra?: CellExtra,
) => Cell;

/** Cells with nothing printed to compare with (status `not-printed`). */
export const plainCells: CellFactory = (table, row, column, value, display, extra = {}) => {
  const cell: Cell = { table, row, column, value, display, published: null, status: 'not-printed' };
  if (extra.method) cell.method = extra.method;
  if (extra.conventions) cell.conventions = extra.conventions;
  if (extra.note) cell.note = extra.note;
  return cell;
};

/** A display cell: one text made of numeric parts, with an optional method tag. */
export const display = (text: string, parts: Cell[], tag?: string): DisplayCell =>
  tag ? { text, parts, tag } : { text, parts };

/** A sensitivity row with `flips` set: true when the α-decisions of its variants are not all the same. */
export function sensitivityRow(row: Omit<SensitivityRow, 'flips'>): SensitivityRow {
  const decided = row.variants.filter((v) => v.decision !== null).map((v) => v.decision);
  const flips = decided.length > 1 && decided.some((d) => d !== decided[0]);
  return { ...row, flips };
}
