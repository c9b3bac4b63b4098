/**
 * A DOCX manuscript made here with the `docx` package: a results paragraph (a t-test whose p does not
 * fit, an OR whose CI is consistent) and a table with group sizes in its header, a count row whose
 * percentages do not fit its n, and a p row. Read by mammoth, audited end to end.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { defaultContingencyTests } from '../../../src/audit/contingencyTests.ts';
import { auditDocument } from '../../../src/audit/documents/auditDocument.ts';
import { readDocument } from '../../../src/audit/documents/readDocument.ts';
import { DocumentReadError } from '../../../src/audit/documents/types.ts';

const row = (cells: string[]): TableRow =>
  new TableRow({ children: cells.map((text) => new TableCell({ children: [new Paragraph(text)] })) });

async function manuscript(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: 'Results', bold: true })] }),
          new Paragraph(
            'Patients in the treated group scored higher, t(28) = 2.10, p = .010. Smoking predicted relapse (OR = 2.00, 95% CI: 1.00–4.00, p = 0.050).',
          ),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            children: [new TextRun('Table 1. Baseline characteristics.')],
          }),
          new Table({
            rows: [
              row(['Characteristic', 'Treated (n = 40)', 'Control (n = 40)', 'p-Value']),
              row(['Sex', '', '', '0.500']),
              row(['Female', '20 (50.0%)', '10 (25.0%)', '']),
              row(['Male', '20 (50.0%)', '30 (80.0%)', '']),
              row(['Age', '51.20 ± 8.10', '49.90 ± 9.30', '0.520']),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('DOCX manuscripts', () => {
  it('reads the results paragraph as prose and the Word table as a table', async () => {
    const doc = await readDocument(await manuscript(), 'docx');
    expect(doc.format).toBe('docx');
    expect(doc.lines.map((l) => l.text)).toContain(
      'Patients in the treated group scored higher, t(28) = 2.10, p = .010. Smoking predicted relapse (OR = 2.00, 95% CI: 1.00–4.00, p = 0.050).',
    );
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0].caption).toBe('Table 1. Baseline characteristics.');
    expect(doc.tables[0].rows[3].map((c) => c.text)).toEqual(['Male', '20 (50.0%)', '30 (80.0%)', '']);
  });

  it('audits both: the t-test p and the 30 (80.0%) of n = 40 are inconsistent, each named where it was read', async () => {
    const audit = auditDocument(await readDocument(await manuscript(), 'docx'), 'm.docx', {
      tests: defaultContingencyTests,
    });
    const bad = audit.checks.filter((c) => c.status === 'inconsistent');
    const test = bad.find((c) => c.kind === 'reported-test');
    expect(test?.where[0]).toMatch(/^line \d+, column \d+: "t\(28\) = 2\.10, p = \.010"/);
    const percent = bad.find((c) => c.kind === 'percent' && c.location.row === 'sex:male');
    expect(percent?.location).toEqual({ table: 'table1', row: 'sex:male', column: 'control_pct' });
    expect(percent?.where).toEqual(['Table 1, row "Male", column "Control (n = 40)": "30 (80.0%)"']);
    // 30 + 10 = 40 and the OR's CI is symmetric on the log scale: no alarm there
    expect(audit.checks.find((c) => c.kind === 'odds-ratio')?.status).toBe('consistent');
    expect(audit.checks.find((c) => c.id === 'count-sum:table1/sex/control')?.status).toBe('consistent');
  });

  it('a file named .docx that is not a zip package, or a zip without a document, is a clear error', async () => {
    await expect(readDocument(new TextEncoder().encode('hello'), 'docx')).rejects.toThrow(DocumentReadError);
    await expect(readDocument(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 'docx')).rejects.toThrow(
      /not a readable DOCX/,
    );
  });
});
