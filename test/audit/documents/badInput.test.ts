/**
 * Issue 12 bad input: an encrypted, a scanned (no text layer) and a corrupt PDF, HTML without tables,
 * a 200-page document → a clear message or a result within seconds, never a crash or a hang.
 */
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../../../src/audit/documents/auditDocument.ts';
import { readDocument } from '../../../src/audit/documents/readDocument.ts';
import { DocumentReadError } from '../../../src/audit/documents/types.ts';
import { makePdf, type PdfTextLine } from './_pdf.ts';

const sentence: PdfTextLine[] = [{ x: 72, y: 700, size: 11, text: 'The groups differed, t(28) = 2.10, p = .045.' }];

async function readError(
  bytes: Uint8Array,
  format: 'pdf' | 'html' | 'docx' | 'txt' = 'pdf',
): Promise<DocumentReadError> {
  try {
    await readDocument(bytes, format);
  } catch (error) {
    if (error instanceof DocumentReadError) return error;
    throw error;
  }
  throw new Error('expected a DocumentReadError');
}

describe('documents restudy cannot read say why', () => {
  it('a plain PDF made by the test writer reads (the writer itself is sound)', async () => {
    const doc = await readDocument(makePdf([sentence]), 'pdf');
    expect(doc.lines.map((l) => l.text)).toEqual(['The groups differed, t(28) = 2.10, p = .045.']);
  });
  it('encrypted: "password protected"', async () => {
    const e = await readError(makePdf([sentence], { encrypted: true }));
    expect(e.reason).toBe('encrypted');
    expect(e.message).toMatch(/encrypted \(password protected\)/);
  });
  it('scanned (no text layer on any page): says so and suggests OCR', async () => {
    const e = await readError(makePdf(['no-text', 'no-text', 'no-text']));
    expect(e.reason).toBe('no-text');
    expect(e.message).toMatch(/no text layer on any of the 3 pages.*OCR/);
  });
  it('some pages scanned: read the rest, with a warning', async () => {
    const doc = await readDocument(makePdf([sentence, 'no-text']), 'pdf');
    expect(doc.lines).toHaveLength(1);
    expect(doc.warnings).toEqual(['1 page without a text layer (scanned?) skipped']);
  });
  it('corrupt: truncated, garbage after the header, not a PDF at all', async () => {
    expect((await readError(makePdf([sentence]).slice(0, 300))).reason).toBe('corrupt');
    expect((await readError(new TextEncoder().encode('%PDF-1.7\n%%garbage that is not a PDF body'))).reason).toBe(
      'corrupt',
    );
    expect((await readError(new TextEncoder().encode('<html>a web page saved as .pdf</html>'))).message).toMatch(
      /not a PDF/,
    );
    expect((await readError(makePdf([sentence]), 'txt')).message).toMatch(/look like a PDF/);
    // a text that only mentions the PDF header is text
    const mention = await readDocument(new TextEncoder().encode('Files start with %PDF-1.7.\n'), 'txt');
    expect(mention.lines.map((l) => l.text)).toEqual(['Files start with %PDF-1.7.']);
  });
  it('HTML without tables: prose audited, a warning that no tables were found', async () => {
    const doc = await readDocument(new TextEncoder().encode('<p>We found t(28) = 2.10, p = .010.</p>'), 'html');
    const audit = auditDocument(doc, 'p.html');
    expect(audit.tables).toHaveLength(0);
    expect(audit.warnings).toContain('no tables found in the document; only its prose was audited');
    expect(audit.checks.map((c) => c.status)).toEqual(['inconsistent']);
  });
  it('a 200-page PDF is read and audited within seconds', async () => {
    const pages = Array.from({ length: 200 }, (_v, p) =>
      Array.from({ length: 40 }, (_w, i) => ({
        x: 72,
        y: 780 - i * 18,
        size: 11,
        text: `Page ${p + 1}, line ${i + 1}: the groups differed, t(58) = 2.${i % 10}1, p = .0${(i % 5) + 1}.`,
      })),
    );
    const t0 = Date.now();
    const doc = await readDocument(makePdf(pages), 'pdf');
    const audit = auditDocument(doc, 'long.pdf');
    const seconds = (Date.now() - t0) / 1000;
    expect(doc.pages).toBe(200);
    expect(doc.lines).toHaveLength(8000);
    expect(audit.checks.length).toBe(8000);
    expect(audit.checks[7999].where[0]).toMatch(/^page 200, line 40, column \d+: "t\(58\) = 2\.91, p = \.05"/);
    expect(seconds).toBeLessThan(30); // ~3 s alone on this machine; the bound allows for a loaded CI box
  });
  it('--max-pages stops early with a warning instead of reading everything', async () => {
    const doc = await readDocument(makePdf(Array.from({ length: 12 }, () => sentence)), 'pdf', { maxPages: 5 });
    expect(doc.lines).toHaveLength(5);
    expect(doc.warnings).toContain('the PDF has 12 pages; only the first 5 were read');
  });
  it('pathological HTML (100 kB of unclosed quotes and tags) is read in well under a second', async () => {
    const evil = `<p a="${'"<'.repeat(25_000)}<table><tr><td>${'<b'.repeat(25_000)}`;
    const t0 = Date.now();
    const doc = await readDocument(new TextEncoder().encode(evil), 'html');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(doc.format).toBe('html');
  });
});
