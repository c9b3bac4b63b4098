import { readDocx } from './docx.ts';
import { readHtml } from './html.ts';
import { type PdfReadOptions, readPdf } from './pdf.ts';
import { readText } from './text.ts';
import { DOCUMENT_FORMATS, type DocumentFormat, DocumentReadError, type ReadDocument } from './types.ts';

/** The format of a file from its name (.pdf, .html/.htm/.xhtml, .docx, .md/.markdown, .txt/.text). */
export function formatOfName(name: string): DocumentFormat | null {
  const m = /\.([A-Za-z]+)$/.exec(name);
  const ext = m ? m[1].toLowerCase() : '';
  const byExt: Record<string, DocumentFormat> = {
    pdf: 'pdf',
    html: 'html',
    htm: 'html',
    xhtml: 'html',
    docx: 'docx',
    md: 'md',
    markdown: 'md',
    txt: 'txt',
    text: 'txt',
  };
  return Object.hasOwn(byExt, ext) ? byExt[ext] : null;
}

/**
 * What the bytes are, from their first bytes: a PDF (its header may follow up to 1 kB of junk, as
 * readers allow), a zip package (DOCX) or text. A text file that merely mentions "%PDF-" is text.
 */
function sniff(bytes: Uint8Array, format: DocumentFormat): 'pdf' | 'zip' | 'text' {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (format === 'pdf' ? head.includes('%PDF-') : head.startsWith('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  return 'text';
}

/**
 * Reads a document of any supported format from its bytes. The format named by the file extension
 * must agree with the bytes (a ".pdf" that is not a PDF is a clear error, not garbage text).
 * @throws DocumentReadError (corrupt, encrypted, no text layer, or bytes that are not the format)
 */
export async function readDocument(
  bytes: Uint8Array,
  format: DocumentFormat,
  options: PdfReadOptions = {},
): Promise<ReadDocument> {
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(format))
    throw new DocumentReadError(`unsupported format ${format}`, 'unsupported');
  const kind = sniff(bytes, format);
  if (format === 'pdf' && kind !== 'pdf')
    throw new DocumentReadError('not a PDF: the file does not start with %PDF-', 'corrupt');
  if (format === 'docx' && kind !== 'zip')
    throw new DocumentReadError('not a DOCX: the file is not a zip package', 'corrupt');
  if ((format === 'html' || format === 'md' || format === 'txt') && kind !== 'text') {
    throw new DocumentReadError(
      `not a text file: the bytes look like ${kind === 'pdf' ? 'a PDF' : 'a zip package (DOCX?)'}`,
      'corrupt',
    );
  }
  switch (format) {
    case 'pdf':
      return readPdf(bytes, options);
    case 'docx':
      return readDocx(bytes, options);
    case 'html':
      return readHtml(bytes, options);
    default:
      return readText(bytes, format, options);
  }
}
