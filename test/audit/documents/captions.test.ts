/**
 * Tables whose captions are not "Table N." above them, and row labels wrapped over two lines: HTML
 * written here, read as HTML and as the PDF Chromium prints from it (`--print-to-pdf`).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, printToPdf } from '../../../scripts/render-shen2025.ts';
import { extractTables } from '../../../src/audit/documents/auditDocument.ts';
import { captionKey } from '../../../src/audit/documents/captions.ts';
import { readHtml } from '../../../src/audit/documents/html.ts';
import { readPdf } from '../../../src/audit/documents/pdf.ts';
import { joinWrappedLabels } from '../../../src/audit/documents/pdfTables.ts';
import type { ReadDocument } from '../../../src/audit/documents/types.ts';

const hasChromium = existsSync(CHROMIUM) || Boolean(process.env.CI);

const head = '<tr><th>Characteristic</th><th>Arm A (n = 40)</th><th>Arm B (n = 50)</th><th>p-Value</th></tr>';
const body = (label: string) =>
  `<tr><td>${label}</td><td>12 (30.0%)</td><td>20 (40.0%)</td><td>0.310</td></tr>` +
  '<tr><td>Age, years</td><td>51.2 ± 9.8</td><td>49.9 ± 10.4</td><td>0.540</td></tr>';
const table = (rows: string) => `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
const prose = (text: string) => `<p>${text} The arms were compared with the tests named in the methods section.</p>`;

/** Five tables: upper-case caption, "Tab.", caption below, supplementary and appendix numbers, a wrapped label. */
const HTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font: 10pt/1.4 "DejaVu Serif", serif; } table { border-collapse: collapse; margin: 8pt 0; }
th, td { padding: 2pt 10pt; text-align: left; vertical-align: top; } .narrow td:first-child { width: 95pt; }
@page { size: A4; margin: 20mm; }
</style></head><body>
${prose('First.')}
<p>TABLE 2</p><p>Baseline characteristics by arm</p>
${table(body('Smokers'))}
${prose('Second.')}
<p>Tab. 3: Characteristics at follow-up.</p>
${table(body('Current smokers'))}
${prose('Third.')}
${table(body('Former smokers'))}
<p>Table 4. A caption set below its table.</p>
${prose('Fourth.')}
<p>Supplementary Table 7. Sensitivity analysis.</p>
${table(body('Never smokers'))}
${prose('Fifth.')}
<p>Table 12. Wrapped labels.</p>
<table class="narrow"><thead>${head}</thead><tbody>${body('Progesterone receptor positive on biopsy')}</tbody></table>
${prose('The end.')}
</body></html>`;

const EXPECTED_KEYS = ['table2', 'table3', 'table4', 'tableS7', 'table12'];

function summary(doc: ReadDocument) {
  const { tables } = extractTables(doc);
  return tables.map((t) => ({
    key: t.table,
    rows: Object.values(t.rowLabels ?? {}),
    groups: t.context.groups,
    cells: t.numbers.length,
  }));
}

describe('caption keys', () => {
  it('each way journals number a table', () => {
    const keys = [
      'TABLE 2',
      'Tab. 3: x',
      'Table 2 Baseline',
      'Supplementary Table 7.',
      'Table S7:',
      'eTable 2.',
      'Table A1.',
      'TABLE II.',
      'Table 12.',
    ].map((c) => captionKey(c)?.key);
    expect(keys).toEqual([
      'table2',
      'table3',
      'table2',
      'tableS7',
      'tableS7',
      'tableE2',
      'tableA1',
      'table2',
      'table12',
    ]);
    expect(['Table 2 shows the arms', 'table 2.', 'Table 1000.', 'Tables 2 and 3'].map(captionKey)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('wrapped row labels', () => {
  const cell = (text: string) => ({ text, span: 1 });
  const row = (...t: string[]) => t.map(cell);
  it('a lower-case label line joins the row above or below; a capitalised one stays a variable', () => {
    const rows = [
      row('Characteristic', 'A', 'B'),
      row('Progesterone receptor', '12 (30.0%)', '20 (40.0%)'),
      row('positive', '', ''),
      row('Hormone receptor', '', ''),
      row('(HR) status', '3', '4'),
      row('Sex', '', ''),
      row('Female', '5', '6'),
    ];
    expect(joinWrappedLabels(rows, 1).map((r) => r[0].text)).toEqual([
      'Characteristic',
      'Progesterone receptor positive',
      'Hormone receptor (HR) status',
      'Sex',
      'Female',
    ]);
  });
});

describe('the same tables from HTML', () => {
  it('captions above (two lines, "Tab."), below, supplementary and two-digit numbers', () => {
    const tables = summary(readHtml(HTML));
    expect(tables.map((t) => t.key)).toEqual(EXPECTED_KEYS);
    expect(tables.every((t) => t.groups?.a === 40 && t.groups?.b === 50 && t.cells === 12)).toBe(true);
  });
});

describe.skipIf(!hasChromium)('the same tables printed to PDF by Chromium', () => {
  let doc: ReadDocument;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restudy-captions-'));
    writeFileSync(join(dir, 'captions.html'), HTML);
    printToPdf(join(dir, 'captions.html'), join(dir, 'captions.pdf'));
    doc = await readPdf(new Uint8Array(readFileSync(join(dir, 'captions.pdf'))));
  }, 180_000);
  it('every table found with its key, group sizes and all 12 numbers; the wrapped label joined', () => {
    const tables = summary(doc);
    expect(tables.map((t) => t.key)).toEqual(EXPECTED_KEYS);
    for (const t of tables) {
      expect(t.groups).toEqual({ a: 40, b: 50 });
      expect(t.cells).toBe(12);
    }
    expect(tables[2].rows).toEqual(['Former smokers', 'Age, years']);
    expect(tables[4].rows).toEqual(['Progesterone receptor positive on biopsy', 'Age, years']);
    // the caption set below Table 4 is not left in the prose, the prose is
    expect(doc.lines.some((l) => /caption set below/.test(l.text))).toBe(false);
    expect(doc.lines.some((l) => /^Fourth\./.test(l.text))).toBe(true);
  });
});
