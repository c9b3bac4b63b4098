/**
 * Reads a dropped CSV/TSV or XLSX file into a header and string cells, with the checks the CLI's cohort reader
 * makes (UTF-8 only, BOM removed, a ZIP that is not named .xlsx, duplicate or empty header names, ragged rows),
 * each error naming the file, row and what was expected.
 */
import Papa from 'papaparse';
import { readXlsx } from './xlsx.ts';

export interface RawTable {
  readonly file: string;
  readonly header: string[];
  readonly cells: (string | null)[][];
  /** the file row of the first data row (1-based; the header is row 1) */
  readonly firstDataRow: number;
  readonly warnings: string[];
}

export class TableReadError extends Error {
  override readonly name = 'TableReadError';
}

const isZip = (b: Uint8Array): boolean =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Reads CSV (comma, semicolon or tab; detected) or XLSX (first worksheet). @throws TableReadError */
export async function readTable(file: string, bytes: Uint8Array): Promise<RawTable> {
  const warnings: string[] = [];
  let rows: (string | null)[][];
  if (/\.(xlsx|xlsm)$/i.test(file)) {
    if (!isZip(bytes))
      throw new TableReadError(`${file}: named .xlsx but is not a ZIP workbook (an old .xls? save it as .xlsx or CSV)`);
    const sheet = await readXlsx(bytes, file);
    warnings.push(`read the first worksheet, "${sheet.sheet}"`);
    rows = sheet.rows;
  } else if (/\.xls$/i.test(file)) {
    throw new TableReadError(`${file}: the old binary .xls format is not read; save it as .xlsx or CSV`);
  } else {
    rows = readCsv(file, bytes, warnings);
  }
  while (rows.length && rows[rows.length - 1].every((c) => c === null || c.trim() === '')) rows.pop();
  if (rows.length === 0) throw new TableReadError(`${file}: the file is empty (expected a header row and data rows)`);
  const header = (rows[0] ?? []).map((h, j) => (h ?? '').trim() || `(column ${j + 1})`);
  const unnamed = (rows[0] ?? []).map((h, j) => ((h ?? '').trim() ? null : j + 1)).filter((j) => j !== null);
  if (unnamed.length)
    throw new TableReadError(
      `${file}: row 1, column${unnamed.length > 1 ? 's' : ''} ${unnamed.join(', ')}: empty header name (every column needs a name)`,
    );
  const seen = new Map<string, number>();
  header.forEach((h, j) => {
    if (seen.has(h))
      throw new TableReadError(
        `${file}: row 1: column name "${h}" appears twice (columns ${seen.get(h)! + 1} and ${j + 1})`,
      );
    seen.set(h, j);
  });
  const cells = rows.slice(1);
  if (cells.length === 0) throw new TableReadError(`${file}: a header but no data rows`);
  cells.forEach((row, i) => {
    if (row.length > header.length && row.slice(header.length).some((c) => c !== null && c.trim() !== '')) {
      throw new TableReadError(
        `${file}: row ${i + 2}: ${row.length} cells but the header names ${header.length} columns`,
      );
    }
  });
  return { file, header, cells: cells.map((row) => header.map((_, j) => row[j] ?? null)), firstDataRow: 2, warnings };
}

function readCsv(file: string, bytes: Uint8Array, warnings: string[]): (string | null)[][] {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new TableReadError(`${file}: UTF-16 text (byte-order mark); save it as "CSV UTF-8"`);
  }
  if (isZip(bytes)) throw new TableReadError(`${file}: a ZIP container (an XLSX workbook?) that does not end in .xlsx`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new TableReadError(`${file}: not valid UTF-8; save it as "CSV UTF-8" (Latin-1/Windows-1252 is not read)`);
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    warnings.push('a UTF-8 byte-order mark (as Excel writes it) was removed');
  }
  if (text.trim() === '') throw new TableReadError(`${file}: the file is empty (expected a header row and data rows)`);
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: false,
    dynamicTyping: false,
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal)
    throw new TableReadError(`${file}: row ${(fatal.row ?? 0) + 1}: ${fatal.message} (expected a closing quote)`);
  if (parsed.meta.delimiter !== ',')
    warnings.push(`columns separated by ${parsed.meta.delimiter === '\t' ? 'tabs' : `"${parsed.meta.delimiter}"`}`);
  return parsed.data.map((row) => row.map((c) => c));
}
