/**
 * Light column typing for a dropped table (no codebook on the page): each column is numeric, categorical, an
 * identifier or empty, with the reason, so the user can see and change it. Cells are read the way the CLI reads
 * a cohort: `read.csv(colClasses = "character", na.strings = c("", "NA"))`, then a column is numeric only when
 * every non-missing cell converts (never a silent NA for a cell that does not).
 */

/** A typed cell: numeric columns give numbers, the others strings; missing is null. */
export type RawValue = string | number | null;
export type RawRow = Record<string, RawValue>;

export type ColumnType = 'numeric' | 'categorical' | 'id' | 'empty';

export interface ColumnInfo {
  readonly name: string;
  readonly type: ColumnType;
  /** why this type was inferred, shown beside the column */
  readonly reason: string;
  readonly distinct: number;
  readonly missing: number;
}

/** Cells read as missing (R's na.strings plus the usual spreadsheet spellings). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'NaN', '.', '#N/A']);

/** At most this many distinct values for a text column to be categorical (more: an identifier or free text). */
export const MAX_LEVELS = 20;

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Parses a cell as R's as.numeric would on a trimmed string; null when it is not a number. */
export function parseNumber(cell: string): number | null {
  const s = cell.trim();
  return NUMBER.test(s) ? Number(s) : null;
}

export function isMissing(cell: string | null | undefined): boolean {
  return cell === null || cell === undefined || MISSING_TOKENS.has(cell.trim());
}

/** Infers the type of each column from its string cells. */
export function inferColumns(header: readonly string[], cells: readonly (readonly (string | null)[])[]): ColumnInfo[] {
  return header.map((name, j) => {
    const values = cells
      .map((row) => row[j])
      .filter((v): v is string => !isMissing(v))
      .map((v) => v.trim());
    const missing = cells.length - values.length;
    const distinct = new Set(values).size;
    const info = (type: ColumnType, reason: string): ColumnInfo => ({ name, type, reason, distinct, missing });
    if (values.length === 0) return info('empty', 'no values');
    const numeric = values.every((v) => parseNumber(v) !== null);
    if (numeric) {
      if (distinct <= 2)
        return info(
          'categorical',
          `numbers with ${distinct} distinct value${distinct === 1 ? '' : 's'}: read as levels`,
        );
      return info('numeric', 'every value is a number');
    }
    const firstText = values.find((v) => parseNumber(v) === null) ?? '';
    if (distinct === values.length && values.length > MAX_LEVELS)
      return info('id', 'every value differs: an identifier');
    if (/^(?:id|.*_id|patient.*|subject.*|record.*)$/i.test(name) && distinct === values.length)
      return info('id', 'named like an identifier, every value differs');
    if (distinct > MAX_LEVELS)
      return info('categorical', `text ("${firstText}") with ${distinct} distinct values: check it`);
    return info('categorical', `text values ("${firstText}")`);
  });
}

/** Typed rows: numeric columns as numbers, others as trimmed strings, missing tokens as null. */
export function typedRows(
  header: readonly string[],
  cells: readonly (readonly (string | null)[])[],
  types: Readonly<Record<string, ColumnType>>,
): RawRow[] {
  return cells.map((row) => {
    const out: RawRow = {};
    header.forEach((name, j) => {
      const v = row[j];
      if (isMissing(v)) out[name] = null;
      else if (types[name] === 'numeric') out[name] = parseNumber(v as string);
      else out[name] = (v as string).trim();
    });
    return out;
  });
}

/** Numeric cells that do not convert, for a column the user typed as numeric (named by row and column). */
export function nonNumericCells(
  header: readonly string[],
  cells: readonly (readonly (string | null)[])[],
  column: string,
  firstDataLine: number,
): string[] {
  const j = header.indexOf(column);
  const bad: string[] = [];
  cells.forEach((row, i) => {
    const v = row[j];
    if (!isMissing(v) && parseNumber(v as string) === null) bad.push(`row ${firstDataLine + i}: "${v}"`);
  });
  return bad;
}
