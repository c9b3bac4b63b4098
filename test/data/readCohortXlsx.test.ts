import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DataError, type DataIssue, parseCodebook, readCohort, readCohortAsync } from '../../src/data/index.ts';
import { GOOD_HEADER, GOOD_ROWS, MINI_CODEBOOK, tempDir } from './_tmp.ts';

const codebook = parseCodebook(parseYaml(MINI_CODEBOOK), 'mini.yaml');
const dir = tempDir('restudy-xlsx-');
let counter = 0;

/** Writes a workbook whose first sheet holds the header and rows (cells typed as numbers where numeric). */
async function workbook(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('cohort');
  for (const row of rows) ws.addRow(row);
  edit?.(ws);
  const path = join(dir, `w${counter++}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}
const typed = (line: string): unknown[] =>
  line.split(',').map((c) => (c === '' ? null : /^\d+(\.\d+)?$/.test(c) ? Number(c) : c));
const goodRows = (): unknown[][] => [GOOD_HEADER.split(','), ...GOOD_ROWS.map(typed)];

async function issuesOf(path: string): Promise<DataIssue[]> {
  try {
    await readCohortAsync(path, codebook);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).issues.filter((i) => i.severity === 'error');
  }
  throw new Error('expected rejection');
}

describe('readCohortAsync: XLSX', () => {
  it('reads typed cells like the CSV reader (numbers, strings, empty and NA cells)', async () => {
    const path = await workbook(goodRows());
    const cohort = await readCohortAsync(path, codebook);
    expect(cohort.rows[0]).toMatchObject({ patient_id: 'P1', age: 45, size_mm: 21.5, mass_shape: 'irregular' });
    expect(cohort.rows[1].mass_shape).toBeNull();
    expect(cohort.rows[2].ki67).toBe(55);
    expect(cohort.warnings).toEqual([]);
    expect(cohort.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('uses the cached result of formula cells', async () => {
    const path = await workbook(goodRows(), (ws) => {
      ws.getCell('C2').value = { formula: '40+5', result: 45 };
    });
    const cohort = await readCohortAsync(path, codebook);
    expect(cohort.rows[0].age).toBe(45);
  });

  it('reports error cells, formulas without results, dates in numeric columns and merged cells', async () => {
    const path = await workbook(goodRows(), (ws) => {
      ws.getCell('C2').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      ws.getCell('I3').value = new Date(Date.UTC(2024, 0, 18));
      ws.getCell('C4').value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
      ws.mergeCells('D3:E3');
    });
    const issues = await issuesOf(path);
    const byCode = Object.fromEntries(issues.map((i) => [i.code, i]));
    expect(byCode.excel_error).toMatchObject({ row: 1, line: 2, column: 'age', value: '#DIV/0!' });
    expect(byCode.excel_date).toMatchObject({ row: 2, line: 3, column: 'size_mm', value: '2024-01-18' });
    expect(byCode.excel_formula).toMatchObject({ row: 3, line: 4, column: 'age' });
    expect(byCode.excel_merged).toMatchObject({ row: 2, line: 3, column: 'pr' });
  });

  it('accepts a date in a text column as an ISO date string', async () => {
    const rows = goodRows();
    rows[0].push('note');
    rows[1].push(new Date(Date.UTC(2019, 4, 2)));
    const cohort = await readCohortAsync(await workbook(rows), codebook);
    expect(cohort.rows[0].note).toBe('2019-05-02');
    expect(cohort.rows[1].note).toBeNull();
  });

  it('reports bad values with the worksheet row as line', async () => {
    const rows = goodRows();
    rows[2][2] = '4O';
    const [issue] = await issuesOf(await workbook(rows));
    expect(issue).toMatchObject({ code: 'wrong_type', row: 2, line: 3, column: 'age', value: '4O' });
  });

  it('skips blank rows inside the sheet with a warning and keeps row numbering by data row', async () => {
    const rows = goodRows();
    const path = await workbook([rows[0], rows[1], [], rows[2], rows[3]]);
    const cohort = await readCohortAsync(path, codebook);
    expect(cohort.rows.map((r) => r.patient_id)).toEqual(['P1', 'P2', 'P3']);
    expect(cohort.warnings).toMatchObject([{ code: 'blank_row', line: 3 }]);
  });

  it('names a missing worksheet and leaves the workbook unchanged', async () => {
    const path = await workbook(goodRows());
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    await expect(readCohortAsync(path, codebook, { sheet: 'nope' })).rejects.toThrow(
      /no worksheet "nope" \(sheets: cohort\)/,
    );
    await readCohortAsync(path, codebook);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });

  it('a workbook renamed .csv is named as such', async () => {
    const xlsx = await workbook(goodRows());
    const renamed = join(dir, 'renamed.csv');
    (await import('node:fs')).copyFileSync(xlsx, renamed);
    expect(() => readCohort(renamed, codebook)).toThrow(/ZIP container/);
  });
});
