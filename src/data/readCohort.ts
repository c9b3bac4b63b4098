/**
 * Cohort ingest: a CSV or XLSX file read through a {@link Codebook} into typed rows, every problem of the
 * file collected in one pass.
 *
 * CSV is parsed with papaparse (dynamicTyping off: every cell is typed by the codebook, never guessed);
 * XLSX with exceljs (formula cells give their cached result, error cells such as `#DIV/0!` are reported,
 * dates become ISO `YYYY-MM-DD` strings in UTC and are reported in numeric columns, merged cells are
 * reported). The input file is only read, never written.
 *
 * R/SPSS users: this is `read.csv(..., colClasses = "character", na.strings = c("", "NA"))` followed by a
 * per-column `factor(levels = …)`/`as.numeric()` in which a value that does not convert is an error with
 * its row and column instead of a silent NA.
 */
import { createHash } from 'node:crypto';
import { InputLimitError } from '../io/errors.ts';
import { readFileLimited } from '../io/limitedRead.ts';
import type { Codebook } from './codebook.ts';
import { CohortValidator } from './cohortValidator.ts';
import { type CsvFileFacts, type CsvLimits, DEFAULT_CSV_LIMITS, inputLimits, readCsvRecords } from './csvRecords.ts';
import { DataError, type DataIssue } from './errors.ts';
import { type CellIssue, IssueSink } from './issueSink.ts';

/** A parsed cell: categorical → level code, numeric → number, missing → null. */
export type CohortValue = string | number | null;
export type CohortRow = Record<string, CohortValue>;

/** A validated cohort table. `columns` are the codebook columns present in the file, in file order. */
export interface Cohort {
  readonly file: string;
  readonly columns: string[];
  readonly rows: CohortRow[];
  /** Non-fatal findings (BOM removed, unknown column ignored, semicolon delimiter, …). */
  readonly warnings: DataIssue[];
  /** SHA-256 (hex) of the file's bytes as read (the report's provenance; no second read of the file). */
  readonly sha256: string;
}

export interface ReadCohortOptions {
  /** Accept a group level with zero rows (e.g. a subset file). @default false */
  allowEmptyGroups?: boolean;
  /** XLSX only: worksheet name or 1-based index. @default 1 (the first worksheet) */
  sheet?: string | number;
  /**
   * Resource limits: bytes read (`--max-input-mb`), data rows (`--max-rows`), characters in one CSV record
   * (`--max-line-kb`). Exceeding one throws {@link InputLimitError} (exit 2). @default {@link inputLimits}()
   */
  limits?: Partial<CsvLimits>;
}

export { type CsvLimits, DEFAULT_CSV_LIMITS };

const limitsOf = (options: ReadCohortOptions): CsvLimits => ({ ...inputLimits(), ...options.limits });

/** A raw worksheet: header and rows of string cells (null = empty cell), each with its worksheet row number. */
interface RawTable {
  header: string[];
  headerLine: number;
  rows: { cells: (string | null)[]; line: number }[];
  /** Cells with a problem found by the reader itself (Excel errors, …), keyed `${rowIndex}:${colIndex}`. */
  cellIssues: Map<string, CellIssue>;
  /** SHA-256 (hex) of the workbook's bytes. */
  sha256: string;
}

const isXlsx = (path: string): boolean => /\.(xlsx|xlsm)$/i.test(path);

/**
 * Reads a cohort CSV through a codebook (synchronous), streaming: the file is read and checked record by
 * record, and only the typed rows are kept. For XLSX files use {@link readCohortAsync} (exceljs reads
 * workbooks asynchronously).
 * @param path CSV file (comma, semicolon or tab separated; UTF-8 with or without BOM; LF, CRLF or CR)
 * @param codebook from {@link loadCodebook}
 * @param options see {@link ReadCohortOptions}
 * @returns the typed cohort and its warnings
 * @throws DataError with every error and warning of the file when there is at least one error
 * @throws InputLimitError (exit 2) when the file exceeds a limit of `options.limits`
 */
export function readCohort(path: string, codebook: Codebook, options: ReadCohortOptions = {}): Cohort {
  const sink = new IssueSink(path);
  if (isXlsx(path)) {
    sink.add(
      'error',
      'file_unreadable',
      {},
      'a CSV file',
      'readCohort reads CSV synchronously; use readCohortAsync for XLSX workbooks',
    );
    throw new DataError(path, sink.issues);
  }
  const cohort = readCsvCohort(path, codebook, sink, options);
  if (cohort === undefined || sink.hasErrors) throw new DataError(path, sink.issues);
  return cohort;
}

/**
 * Reads a cohort CSV or XLSX file through a codebook.
 * @param path `.csv`/`.tsv`/`.txt` or `.xlsx`/`.xlsm`
 * @throws DataError as {@link readCohort}
 * @throws InputLimitError as {@link readCohort}
 */
export async function readCohortAsync(
  path: string,
  codebook: Codebook,
  options: ReadCohortOptions = {},
): Promise<Cohort> {
  if (!isXlsx(path)) return readCohort(path, codebook, options);
  const sink = new IssueSink(path);
  const table = await readXlsxTable(path, sink, options.sheet ?? 1, limitsOf(options));
  if (table === undefined) throw new DataError(path, sink.issues);
  const validator = new CohortValidator(codebook, sink, options, false);
  validator.header(table.header, table.headerLine);
  table.rows.forEach((record, index) => {
    validator.row(record.cells, record.line, (column) => table.cellIssues.get(`${index}:${column}`));
  });
  const cohort = validator.finish(table.sha256);
  if (sink.hasErrors) throw new DataError(path, sink.issues);
  return cohort;
}

// ---------------------------------------------------------------------------------------------- CSV

function readCsvCohort(
  path: string,
  codebook: Codebook,
  sink: IssueSink,
  options: ReadCohortOptions,
): Cohort | undefined {
  let validator: CohortValidator | undefined;
  let decimalComma = false;
  /** Blank lines seen since the last record: a warning if a record follows, dropped at the end of the file. */
  const pendingBlankLines: number[] = [];
  const syntaxErrors: { message: string; line: number }[] = [];
  let facts: CsvFileFacts;
  try {
    facts = readCsvRecords(
      path,
      {
        delimiter(delimiter) {
          decimalComma = delimiter === ';';
          if (delimiter === ';') {
            sink.add(
              'warning',
              'delimiter',
              { line: 1 },
              'comma-separated values',
              'file is semicolon-separated (as Excel writes CSV in decimal-comma locales); read with ";" as the ' +
                'separator and "," accepted as the decimal mark in numeric columns',
            );
          } else if (delimiter === '\t') {
            sink.add(
              'warning',
              'delimiter',
              { line: 1 },
              'comma-separated values',
              'file is tab-separated; read with TAB as the separator',
            );
          }
        },
        record(cells, line) {
          if (validator === undefined) {
            validator = new CohortValidator(codebook, sink, options, decimalComma);
            validator.header(cells, line);
            return;
          }
          if (cells.length === 0 || (cells.length === 1 && (cells[0] as string).trim() === '')) {
            pendingBlankLines.push(line);
            return;
          }
          for (const blank of pendingBlankLines.splice(0)) {
            sink.add('warning', 'blank_row', { line: blank }, 'a data row', 'blank line inside the table was skipped');
          }
          validator.row(cells, line);
        },
        syntaxError(message, line) {
          syntaxErrors.push({ message, line });
        },
      },
      limitsOf(options),
    );
  } catch (error) {
    if (error instanceof InputLimitError) throw error;
    sink.add('error', 'file_unreadable', {}, 'a readable file', `cannot read file: ${(error as Error).message}`);
    return undefined;
  }
  const bad = facts.badEncoding;
  if (bad !== null) {
    if (bad.kind === 'utf16') {
      sink.add(
        'error',
        'encoding',
        { line: 1 },
        'UTF-8 text',
        'file is UTF-16 encoded (byte-order mark FF FE / FE FF); save it as UTF-8 CSV',
      );
    } else if (bad.kind === 'zip') {
      sink.add(
        'error',
        'encoding',
        { line: 1 },
        'a text CSV file',
        'file is a ZIP container (an XLSX workbook?) but does not end in .xlsx',
      );
    } else if (bad.kind === 'utf8') {
      const byte = `0x${bad.byte.toString(16).padStart(2, '0')}`;
      sink.add(
        'error',
        'encoding',
        { line: bad.line, value: byte },
        'UTF-8 text',
        `file is not valid UTF-8 (byte offset ${bad.offset}); ` +
          're-save it as "CSV UTF-8" (Latin-1/Windows-1252 is not read)',
      );
    }
    return undefined;
  }
  // file-level findings come first, as a reader of the file meets them; quoting errors after the delimiter's
  const fileFindings = new IssueSink(path);
  if (facts.bom) {
    fileFindings.add(
      'warning',
      'bom',
      { line: 1 },
      'no byte-order mark',
      'file starts with a UTF-8 byte-order mark (as Excel writes it); it was removed before reading the header',
    );
  }
  if (facts.blank) {
    fileFindings.add('error', 'empty_file', {}, 'a header line and data rows', 'file is empty');
    sink.insertAt(0, fileFindings.issues);
    return undefined;
  }
  const { crlf, lf, cr } = facts.lineEndings;
  const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
  if (kinds > 1) {
    fileFindings.add(
      'warning',
      'line_endings',
      {},
      'one line-ending convention',
      `file mixes line endings (${crlf} CRLF, ${lf} LF, ${cr} CR); each was read as one line break`,
    );
  } else if (cr > 0) {
    fileFindings.add(
      'warning',
      'line_endings',
      {},
      'LF or CRLF line endings',
      'file uses classic Mac OS CR line endings; read as line breaks',
    );
  }
  sink.insertAt(0, fileFindings.issues);
  const firstOther = sink.issues.findIndex((i) => !['bom', 'line_endings', 'delimiter'].includes(i.code));
  const syntax = new IssueSink(path);
  for (const e of syntaxErrors) {
    syntax.add('error', 'ragged_row', { line: e.line }, 'well-formed CSV quoting', `CSV syntax: ${e.message}`);
  }
  sink.insertAt(firstOther === -1 ? sink.issues.length : firstOther, syntax.issues);
  if (validator === undefined) {
    sink.add('error', 'empty_file', {}, 'a header line', 'file has no header line');
    return undefined;
  }
  return validator.finish(facts.sha256);
}

// --------------------------------------------------------------------------------------------- XLSX

async function readXlsxTable(
  path: string,
  sink: IssueSink,
  sheet: string | number,
  limits: CsvLimits,
): Promise<RawTable | undefined> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  let sha256: string;
  try {
    // the workbook's bytes are bounded here; exceljs then holds the sheet in memory (rows bounded below)
    const bytes = readFileLimited(path, { maxBytes: limits.maxBytes, what: 'the cohort workbook' });
    sha256 = createHash('sha256').update(bytes).digest('hex');
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    if (error instanceof InputLimitError) throw error;
    sink.add('error', 'file_unreadable', {}, 'an XLSX workbook', `cannot read workbook: ${(error as Error).message}`);
    return undefined;
  }
  const worksheet = typeof sheet === 'number' ? workbook.worksheets[sheet - 1] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    sink.add(
      'error',
      'file_unreadable',
      { value: String(sheet) },
      `a worksheet of: ${names}`,
      `workbook has no worksheet ${JSON.stringify(sheet)} (sheets: ${names})`,
    );
    return undefined;
  }
  const cellIssues: RawTable['cellIssues'] = new Map();
  if (worksheet.rowCount > limits.maxRows + 1) {
    throw new InputLimitError(path, `worksheet "${worksheet.name}"`, limits.maxRows, 'rows', '--max-rows');
  }
  const lastRow = worksheet.actualRowCount === 0 ? 0 : worksheet.rowCount;
  let width = 0;
  const grid: { cells: (string | null)[]; line: number }[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row = worksheet.getRow(r);
    const cells: (string | null)[] = [];
    const count = row.cellCount;
    for (let c = 1; c <= count; c++) {
      const cell = row.getCell(c);
      const key = `${grid.length - 1}:${c - 1}`;
      const { text, problem } = normaliseExcelCell(cell);
      cells.push(text);
      if (problem) cellIssues.set(key, problem);
      if (cell.isMerged && cell.master !== cell && text !== null) {
        cellIssues.set(key, {
          value: text,
          expected: 'one value per cell',
          message:
            `cell ${cell.address} is part of a merged range (master ${cell.master.address}); ` +
            'unmerge and fill it explicitly',
          severity: 'error',
          code: 'excel_merged',
        });
      }
    }
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    width = Math.max(width, cells.length);
    grid.push({ cells, line: r });
  }
  while (grid.length > 0 && grid[grid.length - 1].cells.length === 0) grid.pop();
  if (grid.length === 0) {
    sink.add('error', 'empty_file', {}, 'a header row', `worksheet "${worksheet.name}" is empty`);
    return undefined;
  }
  const [headerRow, ...body] = grid;
  // header issues are keyed by row index -1
  const rows: RawTable['rows'] = [];
  const remapped: RawTable['cellIssues'] = new Map();
  for (const [key, issue] of cellIssues) {
    const [ri, ci] = key.split(':').map(Number);
    if (ri < 0) {
      sink.add(issue.severity, issue.code, { line: 1, value: issue.value }, issue.expected, `header: ${issue.message}`);
      continue;
    }
    remapped.set(key, issue);
    void ci;
  }
  let index = 0;
  const finalIssues: RawTable['cellIssues'] = new Map();
  for (let i = 0; i < body.length; i++) {
    const record = body[i];
    if (record.cells.every((c) => c === null)) {
      sink.add(
        'warning',
        'blank_row',
        { line: record.line },
        'a data row',
        'blank worksheet row inside the table was skipped',
      );
      continue;
    }
    for (const [key, issue] of remapped) {
      const [ri, ci] = key.split(':').map(Number);
      if (ri === i) finalIssues.set(`${index}:${ci}`, issue);
    }
    // XLSX rows have no ragged-ness: pad to the header width with empty cells
    const cells = record.cells.slice();
    while (cells.length < headerRow.cells.length) cells.push(null);
    rows.push({ cells, line: record.line });
    index++;
  }
  void width;
  return {
    header: headerRow.cells.map((c) => c ?? ''),
    headerLine: headerRow.line,
    rows,
    cellIssues: finalIssues,
    sha256,
  };
}

type ExcelCell = import('exceljs').Cell;

function normaliseExcelCell(cell: ExcelCell): { text: string | null; problem?: CellIssue } {
  const value = cell.value as unknown;
  const fromScalar = (v: unknown, context: string): { text: string | null; problem?: CellIssue } => {
    if (v === null || v === undefined) return { text: null };
    if (typeof v === 'number') return { text: String(v) };
    if (typeof v === 'string') return { text: v };
    if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
    if (v instanceof Date) {
      const iso = v.toISOString();
      const text = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
      return {
        text,
        problem: {
          value: text,
          expected: 'a number or a level code, not a date',
          message:
            `${context}cell ${cell.address} holds a date (${text}); Excel turned a number or code into a date — ` +
            'format the column as text or number',
          severity: 'error',
          code: 'excel_date',
        },
      };
    }
    if (typeof v === 'object' && v !== null && 'error' in v) {
      const code = String((v as { error: unknown }).error);
      return {
        text: code,
        problem: {
          value: code,
          expected: 'a value, not an Excel error',
          message: `${context}cell ${cell.address} holds the Excel error ${code}`,
          severity: 'error',
          code: 'excel_error',
        },
      };
    }
    if (typeof v === 'object' && v !== null && 'richText' in v) {
      return { text: (v as { richText: { text: string }[] }).richText.map((p) => p.text).join('') };
    }
    if (typeof v === 'object' && v !== null && 'text' in v) return { text: String((v as { text: unknown }).text) };
    return { text: String(v) };
  };
  if (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)) {
    const f = value as { formula?: string; sharedFormula?: string; result?: unknown };
    if (f.result === undefined) {
      const text = `=${f.formula ?? f.sharedFormula ?? ''}`;
      return {
        text,
        problem: {
          value: text,
          expected: 'a computed value',
          message:
            `cell ${cell.address} holds a formula without a cached result; ` +
            'open and save the workbook in Excel, or paste values',
          severity: 'error',
          code: 'excel_formula',
        },
      };
    }
    return fromScalar(f.result, 'formula result in ');
  }
  const out = fromScalar(value, '');
  // Dates in a date-formatted cell: the validator decides whether the column wants them (never for cohorts).
  return out;
}
