import { readHtml } from './html.ts';
import { DocumentReadError, type ReadDocument, type ReadLimits } from './types.ts';

/**
 * Reads a DOCX manuscript with mammoth (to HTML, images dropped), then as HTML: paragraphs are prose
 * lines, Word tables are tables (a caption paragraph "Table 1. …" just before a table is its caption).
 * @throws DocumentReadError when the bytes are not a DOCX (not a zip, no word/document.xml).
 */
export async function readDocx(bytes: Uint8Array, limits: ReadLimits = {}): Promise<ReadDocument> {
  const mammoth = (await import('mammoth')).default;
  let html: string;
  const warnings: string[] = [];
  try {
    const copy = bytes.slice().buffer;
    // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; both accept the bytes
    const input = { arrayBuffer: copy, buffer: copy } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
    const result = await mammoth.convertToHtml(input, {
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    });
    html = result.value;
    for (const m of result.messages) if (m.type === 'error') warnings.push(`DOCX: ${m.message}`);
  } catch (error) {
    throw new DocumentReadError(`not a readable DOCX (${(error as Error).message})`, 'corrupt');
  }
  const doc = readHtml(html, limits);
  return { ...doc, format: 'docx', warnings: [...warnings, ...doc.warnings] };
}
