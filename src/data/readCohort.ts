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
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { missingCodes, type Codebook, type CodebookColumn } from './codebook.ts';
import { DataError, type DataIssue, type DataIssueCode, type DataIssueSeverity } from './errors.ts';
import { textPositions } from './textPosition.ts';

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
}

export interface ReadCohortOptions {
  /** Accept a group level with zero rows (e.g. a subset file). @default false */
  allowEmptyGroups?: boolean;
  /** XLSX only: worksheet name or 1-based index. @default 1 (the first worksheet) */
  sheet?: string | number;
}

/** A raw table: header and rows of string cells (null = empty cell), each with its physical line. */
interface RawTable {
  header: string[];
  headerLine: number;
  rows: { cells: (string | null)[]; line: number }[];
  /** Cells with a problem found by the reader itself (Excel errors, …), keyed `${rowIndex}:${colIndex}`. */
  cellIssues: Map<string, Omit<DataIssue, 'file' | 'row' | 'line' | 'column'>>;
  decimalComma: boolean;
}

class IssueSink {
  readonly issues: DataIssue[] = [];
  constructor(readonly file: string) {}
  add(
    severity: DataIssueSeverity,
    code: DataIssueCode,
    at: { row?: number | null; line?: number | null; column?: string | null; value?: string | null },
    expected: string,
    message: string,
  ): void {
    this.issues.push({
      file: this.file,
      row: at.row ?? null,
      line: at.line ?? null,
      column: at.column ?? null,
      value: at.value ?? null,
      expected,
      message,
      severity,
      code,
    });
  }
  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

const isXlsx = (path: string): boolean => /\.(xlsx|xlsm)$/i.test(path);

/**
 * Reads a cohort CSV through a codebook (synchronous). For XLSX files use {@link readCohortAsync}
 * (exceljs reads workbooks asynchronously).
 * @param path CSV file (comma, semicolon or tab separated; UTF-8 with or without BOM; LF, CRLF or CR)
 * @param codebook from {@link loadCodebook}
 * @param options see {@link ReadCohortOptions}
 * @returns the typed cohort and its warnings
 * @throws DataError with every error and warning of the file when there is at least one error
 */
export function readCohort(path: string, codebook: Codebook, options: ReadCohortOptions = {}): Cohort {
  const sink = new IssueSink(path);
  if (isXlsx(path)) {
    sink.add('error', 'file_unreadable', {}, 'a CSV file', 'readCohort reads CSV synchronously; use readCohortAsync for XLSX workbooks');
    throw new DataError(path, sink.issues);
  }
  const table = readCsvTable(path, sink);
  if (table === undefined) throw new DataError(path, sink.issues);
  return validateTable(table, codebook, sink, options);
}

/**
 * Reads a cohort CSV or XLSX file through a codebook.
 * @param path `.csv`/`.tsv`/`.txt` or `.xlsx`/`.xlsm`
 * @throws DataError as {@link readCohort}
 */
export async function readCohortAsync(path: string, codebook: Codebook, options: ReadCohortOptions = {}): Promise<Cohort> {
  if (!isXlsx(path)) return readCohort(path, codebook, options);
  const sink = new IssueSink(path);
  const table = await readXlsxTable(path, sink, options.sheet ?? 1);
  if (table === undefined) throw new DataError(path, sink.issues);
  return validateTable(table, codebook, sink, options);
}

// ---------------------------------------------------------------------------------------------- CSV

function readCsvTable(path: string, sink: IssueSink): RawTable | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    sink.add('error', 'file_unreadable', {}, 'a readable file', `cannot read file: ${(error as Error).message}`);
    return undefined;
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    sink.add('error', 'encoding', { line: 1 }, 'UTF-8 text', 'file is UTF-16 encoded (byte-order mark FF FE / FE FF); save it as UTF-8 CSV');
    return undefined;
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    sink.add('error', 'encoding', { line: 1 }, 'a text CSV file', 'file is a ZIP container (an XLSX workbook?) but does not end in .xlsx');
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const lineOfBad = bytes.subarray(0, bad).toString('latin1').split('\n').length;
    sink.add('error', 'encoding', { line: lineOfBad, value: `0x${bytes[bad]?.toString(16).padStart(2, '0') ?? '??'}` }, 'UTF-8 text',
      `file is not valid UTF-8 (byte offset ${bad}); re-save it as "CSV UTF-8" (Latin-1/Windows-1252 is not read)`);
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    sink.add('warning', 'bom', { line: 1 }, 'no byte-order mark', 'file starts with a UTF-8 byte-order mark (as Excel writes it); it was removed before reading the header');
  }
  if (text.trim() === '') {
    sink.add('error', 'empty_file', {}, 'a header line and data rows', 'file is empty');
    return undefined;
  }
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
  if (kinds > 1) {
    sink.add('warning', 'line_endings', {}, 'one line-ending convention',
      `file mixes line endings (${crlf} CRLF, ${lf} LF, ${cr} CR); each was read as one line break`);
  } else if (cr > 0) {
    sink.add('warning', 'line_endings', {}, 'LF or CRLF line endings', 'file uses classic Mac OS CR line endings; read as line breaks');
  }
  // Every line break (CRLF, LF, CR) becomes LF in memory (the file itself is never touched): one line break
  // stays one line, so line numbers are those an editor shows.
  if (crlf > 0 || cr > 0) text = text.replace(/\r\n?/g, '\n');
  const newline = '\n';

  // Line starts, for 1-based physical line numbers of every record.
  const positions = textPositions(text);
  const lineStarts = positions.lineStarts;
  const lineAt = (offset: number): number => positions.at(offset).line;

  const firstLine = text.slice(0, lineStarts[1] ?? text.length);
  const delimiter = detectDelimiter(firstLine);
  if (delimiter === ';') {
    sink.add('warning', 'delimiter', { line: 1 }, 'comma-separated values',
      'file is semicolon-separated (as Excel writes CSV in decimal-comma locales); read with ";" as the separator and "," accepted as the decimal mark in numeric columns');
  } else if (delimiter === '\t') {
    sink.add('warning', 'delimiter', { line: 1 }, 'comma-separated values', 'file is tab-separated; read with TAB as the separator');
  }

  const records: { cells: string[]; start: number }[] = [];
  const parseErrors: { message: string; start: number }[] = [];
  let previousCursor = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    newline,
    quoteChar: '"',
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (result) => {
      const start = previousCursor;
      previousCursor = result.meta.cursor;
      records.push({ cells: result.data, start });
      for (const e of result.errors) parseErrors.push({ message: `${e.message} (${e.code})`, start });
    },
  });
  for (const e of parseErrors) sink.add('error', 'ragged_row', { line: lineAt(e.start) }, 'well-formed CSV quoting', `CSV syntax: ${e.message}`);

  // drop trailing blank records (the final newline)
  while (records.length > 0 && isBlankRecord(records[records.length - 1].cells)) records.pop();
  if (records.length === 0) {
    sink.add('error', 'empty_file', {}, 'a header line', 'file has no header line');
    return undefined;
  }
  const [headerRecord, ...body] = records;
  const rows: RawTable['rows'] = [];
  for (const record of body) {
    const line = lineAt(record.start);
    if (isBlankRecord(record.cells)) {
      sink.add('warning', 'blank_row', { line }, 'a data row', 'blank line inside the table was skipped');
      continue;
    }
    rows.push({ cells: record.cells.map((c) => c), line });
  }
  return { header: headerRecord.cells, headerLine: 1, rows, cellIssues: new Map(), decimalComma: delimiter === ';' };
}

const isBlankRecord = (cells: string[]): boolean => cells.length === 0 || (cells.length === 1 && cells[0].trim() === '');

/** Picks ',', ';' or TAB: the one that occurs most often outside quotes in the header line (',' on ties). */
function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return bytes.length;
}

// --------------------------------------------------------------------------------------------- XLSX

async function readXlsxTable(path: string, sink: IssueSink, sheet: string | number): Promise<RawTable | undefined> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    sink.add('error', 'file_unreadable', {}, 'an XLSX workbook', `cannot read workbook: ${(error as Error).message}`);
    return undefined;
  }
  const worksheet = typeof sheet === 'number' ? workbook.worksheets[sheet - 1] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    sink.add('error', 'file_unreadable', { value: String(sheet) }, `a worksheet of: ${names}`, `workbook has no worksheet ${JSON.stringify(sheet)} (sheets: ${names})`);
    return undefined;
  }
  const cellIssues: RawTable['cellIssues'] = new Map();
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
        cellIssues.set(key, { value: text, expected: 'one value per cell', message: `cell ${cell.address} is part of a merged range (master ${cell.master.address}); unmerge and fill it explicitly`, severity: 'error', code: 'excel_merged' });
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
      sink.add('warning', 'blank_row', { line: record.line }, 'a data row', 'blank worksheet row inside the table was skipped');
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
    decimalComma: false,
  };
}

type ExcelCell = import('exceljs').Cell;

function normaliseExcelCell(cell: ExcelCell): { text: string | null; problem?: Omit<DataIssue, 'file' | 'row' | 'line' | 'column'> } {
  const value = cell.value as unknown;
  const fromScalar = (v: unknown, context: string): { text: string | null; problem?: Omit<DataIssue, 'file' | 'row' | 'line' | 'column'> } => {
    if (v === null || v === undefined) return { text: null };
    if (typeof v === 'number') return { text: String(v) };
    if (typeof v === 'string') return { text: v };
    if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
    if (v instanceof Date) {
      const iso = v.toISOString();
      const text = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
      return { text, problem: { value: text, expected: 'a number or a level code, not a date', message: `${context}cell ${cell.address} holds a date (${text}); Excel turned a number or code into a date — format the column as text or number`, severity: 'error', code: 'excel_date' } };
    }
    if (typeof v === 'object' && v !== null && 'error' in v) {
      const code = String((v as { error: unknown }).error);
      return { text: code, problem: { value: code, expected: 'a value, not an Excel error', message: `${context}cell ${cell.address} holds the Excel error ${code}`, severity: 'error', code: 'excel_error' } };
    }
    if (typeof v === 'object' && v !== null && 'richText' in v) {
      return { text: ((v as { richText: { text: string }[] }).richText).map((p) => p.text).join('') };
    }
    if (typeof v === 'object' && v !== null && 'text' in v) return { text: String((v as { text: unknown }).text) };
    return { text: String(v) };
  };
  if (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)) {
    const f = value as { formula?: string; sharedFormula?: string; result?: unknown };
    if (f.result === undefined) {
      const text = `=${f.formula ?? f.sharedFormula ?? ''}`;
      return { text, problem: { value: text, expected: 'a computed value', message: `cell ${cell.address} holds a formula without a cached result; open and save the workbook in Excel, or paste values`, severity: 'error', code: 'excel_formula' } };
    }
    return fromScalar(f.result, 'formula result in ');
  }
  const out = fromScalar(value, '');
  // Dates in a date-formatted cell: the validator decides whether the column wants them (never for cohorts).
  return out;
}

// ------------------------------------------------------------------------------------- validation

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

function describeRange(column: CodebookColumn): string {
  const r = column.range;
  if (!r) return '';
  const lo = r.min === undefined ? '' : `${r.minExclusive ? '>' : '≥'} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.maxExclusive ? '<' : '≤'} ${r.max}`;
  return [lo, hi].filter(Boolean).join(' and ');
}

function expectedFor(column: CodebookColumn): string {
  switch (column.type) {
    case 'categorical':
      return `one of ${(column.levels ?? []).map((l) => l.code).join(', ')}`;
    case 'integer':
      return `an integer${column.range ? ` ${describeRange(column)}` : ''}`;
    case 'number':
      return `a number${column.range ? ` ${describeRange(column)}` : ''}`;
    case 'percent':
      return `a percentage${column.range ? ` ${describeRange(column)}` : ''}`;
    default:
      return 'text';
  }
}

type CellResult = { ok: true; value: CohortValue } | { ok: false; code: DataIssueCode; message: string };

function parseCell(raw: string, column: CodebookColumn, decimalComma: boolean): CellResult {
  if (column.type === 'string') return { ok: true, value: raw };
  if (column.type === 'categorical') {
    const levels = column.levels ?? [];
    if (levels.some((l) => l.code === raw)) return { ok: true, value: raw };
    const lower = raw.toLowerCase();
    const hint = levels.find((l) => l.code.toLowerCase() === lower || l.label.toLowerCase() === lower);
    return {
      ok: false,
      code: 'unknown_level',
      message: `unknown level ${JSON.stringify(raw)}; expected ${expectedFor(column)}${hint ? ` (did you mean "${hint.code}"?)` : ''}`,
    };
  }
  let text = raw;
  if (column.type === 'percent' && text.endsWith('%')) text = text.slice(0, -1).trimEnd();
  if (decimalComma && DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
  if (!NUMBER.test(text)) {
    const commaHint = DECIMAL_COMMA.test(text) ? ' (a decimal comma? only semicolon-separated files may use one)' : '';
    const ohHint = /^[+-]?[\dOoIl.]+$/.test(text) && /[OoIl]/.test(text) ? ' (a letter O/I/l typed for a digit?)' : '';
    return { ok: false, code: 'wrong_type', message: `${JSON.stringify(raw)} is not ${column.type === 'integer' ? 'an integer' : 'a number'}${commaHint}${ohHint}; expected ${expectedFor(column)}` };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, code: 'wrong_type', message: `${JSON.stringify(raw)} is not a finite number; expected ${expectedFor(column)}` };
  if (column.type === 'integer' && !Number.isInteger(value)) {
    return { ok: false, code: 'wrong_type', message: `${JSON.stringify(raw)} is not an integer; expected ${expectedFor(column)}` };
  }
  const r = column.range;
  if (r) {
    const belowMin = r.min !== undefined && (r.minExclusive ? !(value > r.min) : !(value >= r.min));
    const aboveMax = r.max !== undefined && (r.maxExclusive ? !(value < r.max) : !(value <= r.max));
    if (belowMin || aboveMax) {
      return { ok: false, code: 'out_of_range', message: `${raw} is out of range; expected ${expectedFor(column)}${column.unit ? ` (${column.unit})` : ''}` };
    }
  }
  return { ok: true, value: value === 0 ? 0 : value };
}

function validateTable(table: RawTable, codebook: Codebook, sink: IssueSink, options: ReadCohortOptions): Cohort {
  const byName = new Map(codebook.columns.map((c) => [c.name, c] as const));
  const lowerNames = new Map(codebook.columns.map((c) => [c.name.toLowerCase(), c.name] as const));

  // ---- header
  const positions = new Map<string, number>();
  const header = table.header.map((h, index) => {
    const trimmed = h.trim();
    if (trimmed !== h) {
      sink.add('warning', 'whitespace', { line: table.headerLine, column: trimmed, value: h }, 'no surrounding spaces', `header ${JSON.stringify(h)} has surrounding whitespace; read as ${JSON.stringify(trimmed)}`);
    }
    if (trimmed === '') {
      const allEmpty = table.rows.every((r) => (r.cells[index] ?? '').trim() === '');
      sink.add(allEmpty ? 'warning' : 'error', 'empty_header', { line: table.headerLine, column: `#${index + 1}` }, 'a column name',
        allEmpty ? `column ${index + 1} has no name and no values; ignored` : `column ${index + 1} has values but no name in the header`);
    }
    return trimmed;
  });
  header.forEach((name, index) => {
    if (name === '') return;
    if (positions.has(name)) {
      sink.add('error', 'duplicate_column', { line: table.headerLine, column: name }, 'unique column names', `column "${name}" appears twice in the header (columns ${(positions.get(name) ?? 0) + 1} and ${index + 1})`);
      return;
    }
    positions.set(name, index);
    if (!byName.has(name)) {
      const guess = lowerNames.get(name.toLowerCase());
      sink.add('warning', 'unknown_column', { line: table.headerLine, column: name }, 'a column declared in the codebook',
        `column "${name}" is not in the codebook "${codebook.study}"; ignored${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
  });
  const present: CodebookColumn[] = [];
  for (const column of codebook.columns) {
    if (positions.has(column.name)) present.push(column);
    else if (column.required) {
      sink.add('error', 'missing_column', { line: table.headerLine, column: column.name }, `a column "${column.name}" (${column.label})`, `required column "${column.name}" is missing from the header`);
    }
  }
  present.sort((a, b) => (positions.get(a.name) ?? 0) - (positions.get(b.name) ?? 0));
  const idColumn = codebook.columns.find((c) => c.role === 'id');
  const groupColumn = codebook.columns.find((c) => c.role === 'group');

  // ---- cells
  const rows: CohortRow[] = [];
  const rowLines: number[] = [];
  const rowNumbers: number[] = [];
  const validCells: boolean[][] = [];
  const firstSeenId = new Map<string, { row: number; line: number }>();
  const width = header.length;
  table.rows.forEach((record, index) => {
    const rowNumber = index + 1;
    const at = (column: string | null, value: string | null) => ({ row: rowNumber, line: record.line, column, value });
    if (record.cells.length !== width) {
      sink.add('error', 'ragged_row', at(null, null), `${width} fields (as in the header)`,
        `row has ${record.cells.length} field${record.cells.length === 1 ? '' : 's'} but the header has ${width}; its cells were not read (a stray separator or a missing quote?)`);
      return;
    }
    const row: CohortRow = {};
    const ok: boolean[] = [];
    for (const column of present) {
      const colIndex = positions.get(column.name) ?? 0;
      const readerIssue = table.cellIssues.get(`${index}:${colIndex}`);
      const raw = record.cells[colIndex];
      if (readerIssue && !(readerIssue.code === 'excel_date' && column.type === 'string')) {
        sink.add(readerIssue.severity, readerIssue.code, at(column.name, readerIssue.value), readerIssue.expected, readerIssue.message);
        row[column.name] = null;
        ok.push(false);
        continue;
      }
      let text = raw ?? '';
      const codes = missingCodes(codebook, column);
      if (text !== text.trim() && text.trim() !== '') {
        sink.add('warning', 'whitespace', at(column.name, text), 'no surrounding spaces', `value ${JSON.stringify(text)} has surrounding whitespace; read as ${JSON.stringify(text.trim())}`);
      }
      text = text.trim();
      if (raw === null || codes.includes(text) || text === '') {
        row[column.name] = null;
        ok.push(true);
        if (column.role === 'id' || column.role === 'group') {
          sink.add('error', 'missing_value', at(column.name, raw ?? ''), expectedFor(column), `${column.role === 'id' ? 'patient ID' : 'group'} is missing`);
          ok[ok.length - 1] = false;
        }
        continue;
      }
      const parsed = parseCell(text, column, table.decimalComma);
      if (parsed.ok) {
        row[column.name] = parsed.value;
        ok.push(true);
      } else {
        sink.add('error', parsed.code, at(column.name, text), expectedFor(column), parsed.message);
        row[column.name] = null;
        ok.push(false);
      }
    }
    if (idColumn && positions.has(idColumn.name)) {
      const id = row[idColumn.name];
      if (typeof id === 'string') {
        const first = firstSeenId.get(id);
        if (first) {
          sink.add('error', 'duplicate_id', at(idColumn.name, id), 'a unique patient ID', `duplicate patient ID ${JSON.stringify(id)} (first seen in data row ${first.row}, line ${first.line})`);
        } else {
          firstSeenId.set(id, { row: rowNumber, line: record.line });
        }
      }
    }
    rows.push(row);
    rowLines.push(record.line);
    rowNumbers.push(rowNumber);
    validCells.push(ok);
  });

  // ---- cross-column rules (only where all cells involved parsed)
  const presentIndex = new Map(present.map((c, i) => [c.name, i] as const));
  const isValid = (r: number, name: string): boolean => {
    const i = presentIndex.get(name);
    return i !== undefined && validCells[r][i];
  };
  rows.forEach((row, r) => {
    const rowNumber = rowNumbers[r];
    const at = (column: string, value: CohortValue) => ({ row: rowNumber, line: rowLines[r], column, value: value === null ? '' : String(value) });
    for (const column of present) {
      const value = row[column.name];
      if (!isValid(r, column.name)) continue;
      const rule = column.derivedFrom;
      if (rule && value !== null) {
        let expected: string | null | undefined;
        let because = '';
        if (rule.kind === 'map') {
          if (isValid(r, rule.from) && row[rule.from] !== null) {
            expected = rule.map[String(row[rule.from])];
            because = `${rule.from} = ${row[rule.from]}`;
          }
        } else if (rule.kind === 'thresholds') {
          const x = row[rule.from];
          if (isValid(r, rule.from) && typeof x === 'number') {
            let k = 0;
            while (k < rule.breaks.length && x >= rule.breaks[k]) k++;
            expected = column.levels?.[k]?.code;
            because = `${rule.from} = ${x} (breaks ${rule.breaks.join(', ')}; level i covers [break i−1, break i))`;
          }
        } else {
          const sources = rule.from.map((s) => (isValid(r, s) ? row[s] : undefined));
          if (sources.some((s) => s === rule.level)) {
            expected = rule.then;
          } else if (sources.every((s) => s !== null && s !== undefined)) {
            expected = rule.otherwise;
          }
          because = rule.from.map((s, k) => `${s} = ${sources[k] ?? 'NA'}`).join(', ');
        }
        if (expected !== undefined && expected !== null && expected !== value) {
          sink.add('error', 'inconsistent_derived', at(column.name, value), `${expected} (because ${because})`,
            `${column.name} = ${value} contradicts ${because}; expected ${expected}`);
        }
      }
      const when = column.presentWhen;
      if (when && value !== null && isValid(r, when.column)) {
        const condition = row[when.column];
        if (condition !== null && condition !== undefined && !when.in.includes(String(condition))) {
          sink.add('error', 'not_applicable', at(column.name, value), `missing (${column.name} applies only when ${when.column} is ${when.in.join(' or ')})`,
            `${column.name} = ${value} is recorded although ${when.column} = ${condition}; it applies only when ${when.column} is ${when.in.join(' or ')}`);
        }
      }
    }
  });

  // ---- empty groups
  if (groupColumn && positions.has(groupColumn.name) && !options.allowEmptyGroups) {
    for (const level of groupColumn.levels ?? []) {
      const n = rows.filter((row) => row[groupColumn.name] === level.code).length;
      if (n === 0) {
        sink.add('error', 'empty_group', { column: groupColumn.name, value: level.code }, `at least one row per group`,
          `group ${groupColumn.name} = ${level.code} (${level.label}) has no rows`);
      }
    }
  }
  if (rows.length === 0 && !sink.hasErrors) {
    sink.add('error', 'empty_file', {}, 'at least one data row', 'file has a header but no data rows');
  }
  if (sink.hasErrors) throw new DataError(sink.file, sink.issues);
  return {
    file: sink.file,
    columns: present.map((c) => c.name),
    rows,
    warnings: sink.issues,
  };
}
