/**
 * Turns what the reviewer gives the page into the lines the prose audit reads, with the document readers of
 * src/audit/documents/ (the same code `restudy audit FILE` uses): PDF through pdfjs (its worker module is
 * bundled into the page and run on the main thread, so the single file needs no worker file and no network),
 * HTML, Markdown and plain text. Pasted text and .txt files go to the audit whole, as `restudy audit --text`.
 */
import { DocumentReadError, readHtml, readPdf, type ReadDocument } from '../src/browser.ts';

export { DocumentReadError };

/** What the audit reads: the text whole (as `--text`), or a read document's lines. */
export type AuditInput =
  | { readonly kind: 'text'; readonly source: string; readonly text: string }
  | { readonly kind: 'document'; readonly source: string; readonly document: ReadDocument };

/**
 * pdfjs runs its worker code on the main thread when `globalThis.pdfjsWorker` holds the worker module (its
 * "fake worker"): the page bundles that module instead of loading a worker file, which a single file opened
 * from disk, under a CSP without workers, could not do.
 */
async function providePdfWorker(): Promise<void> {
  const g = globalThis as { pdfjsWorker?: unknown };
  g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.min.mjs');
}

/** Text decoded as UTF-8, refusing other encodings with a message naming the file. */
function utf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new DocumentReadError(`${file}: not valid UTF-8 text; save it as UTF-8`, 'unsupported');
  }
}

/**
 * Reads a dropped document by its extension.
 * @throws DocumentReadError naming the file: corrupt, encrypted or scanned PDF, a format the audit does not read
 */
export async function readDropped(file: string, bytes: Uint8Array): Promise<AuditInput> {
  const ext = (/\.([^.]+)$/.exec(file)?.[1] ?? '').toLowerCase();
  const named = (e: unknown): never => {
    if (e instanceof DocumentReadError) throw new DocumentReadError(`${file}: ${e.message}`, e.reason);
    throw e;
  };
  if (ext === 'txt' || ext === 'text' || ext === 'md' || ext === 'markdown') return { kind: 'text', source: file, text: utf8(file, bytes) };
  if (ext === 'pdf') {
    await providePdfWorker();
    return { kind: 'document', source: file, document: await readPdf(bytes).catch(named) };
  }
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') {
    try {
      return { kind: 'document', source: file, document: readHtml(bytes) };
    } catch (e) {
      return named(e);
    }
  }
  throw new DocumentReadError(`${file}: .${ext || '(no extension)'} is not read; drop a PDF, HTML, Markdown or text file, or paste the text`, 'unsupported');
}
