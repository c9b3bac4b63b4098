/**
 * Turns a dropped document into the text the audit reads. Today `restudy audit --text` reads plain text, so
 * the page reads .txt and .md; PDF, HTML and DOCX arrive with the document readers of src/audit/documents/.
 */

export class DocumentReadError extends Error {
  override readonly name = 'DocumentReadError';
}

/** The readable text of a document. @throws DocumentReadError for a format the audit cannot read */
export async function documentText(file: string, bytes: Uint8Array): Promise<string> {
  if (/\.(txt|md|markdown|text)$/i.test(file)) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DocumentReadError(`${file}: not valid UTF-8 text`);
    }
  }
  const ext = /\.([^.]+)$/.exec(file)?.[1] ?? '(none)';
  throw new DocumentReadError(`${file}: .${ext} documents are not read yet; paste the text, or drop a .txt or .md file`);
}
