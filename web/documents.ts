/**
 * Reads what the reviewer gives the page and audits it exactly as `restudy audit FILE` does: the document
 * readers of src/audit/documents/ (PDF through pdfjs, HTML, DOCX through mammoth, Markdown, text), then
 * `auditDocument` (the table checks on reconstructed tables and the prose audit) with the CLI's contingency
 * tests. Pasted text is read as a .txt file would be (`restudy audit --text paper.txt`).
 */
import {
  auditDocument,
  type DocumentAudit,
  DocumentReadError,
  defaultContingencyTests,
  formatOfName,
  type ProseOptions,
  type ReadDocument,
  readDocument,
  readText,
} from '../src/browser.ts';

export { DocumentReadError };

/** A read document and its audit. */
export interface PageAudit {
  readonly document: ReadDocument;
  readonly audit: DocumentAudit;
}

/**
 * pdfjs runs its worker code on the main thread when `globalThis.pdfjsWorker` holds the worker module (its
 * "fake worker"): the page bundles that module instead of loading a worker file, which a single file opened
 * from disk, under a CSP without workers, could not do.
 */
async function providePdfWorker(): Promise<void> {
  const g = globalThis as { pdfjsWorker?: unknown };
  g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.min.mjs');
}

function audited(document: ReadDocument, source: string, prose: Partial<ProseOptions>): PageAudit {
  return { document, audit: auditDocument(document, source, { prose, tests: defaultContingencyTests }) };
}

/** Audits pasted text as `restudy audit --text` audits a .txt file. */
export function auditPasted(text: string, prose: Partial<ProseOptions>): PageAudit {
  return audited(readText(text, 'txt'), 'pasted text', prose);
}

/**
 * Reads and audits a dropped document by its extension (and checks the bytes agree with it).
 * @throws DocumentReadError naming the file: corrupt, encrypted or scanned PDF, a format the audit does not read
 */
export async function auditDropped(file: string, bytes: Uint8Array, prose: Partial<ProseOptions>): Promise<PageAudit> {
  const format = formatOfName(file);
  if (!format)
    throw new DocumentReadError(
      `${file}: not a format the audit reads; drop a PDF, HTML, DOCX, Markdown or text file, or paste the text`,
      'unsupported',
    );
  if (format === 'pdf') await providePdfWorker();
  let document: ReadDocument;
  try {
    document = await readDocument(bytes, format);
  } catch (e) {
    if (e instanceof DocumentReadError) throw new DocumentReadError(`${file}: ${e.message}`, e.reason);
    throw e;
  }
  return audited(document, file, prose);
}
