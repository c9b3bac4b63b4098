import { CAPTION } from './captions.ts';
import { cleanText } from './cleanText.ts';
import type { DocumentCell, DocumentLine, DocumentTable, ReadDocument, ReadLimits } from './types.ts';

/** Decodes UTF-8 (dropping a BOM); UTF-16 with a BOM is decoded as such. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
}

function inline(text: string, inCell: boolean): string {
  return text
    .replace(/<sub>/gi, inCell ? '_' : '')
    .replace(/<sup>/gi, inCell ? '^' : '')
    .replace(/<\/su[bp]>/gi, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\\([_*|\\])/g, '$1');
}

const TABLE_LINE = /^\s*\|.*\|\s*$/;
const RULE_LINE = /^\s*\|(?:\s*:?-{2,}:?\s*\|)+\s*$/;

function cellsOf(line: string): DocumentCell[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => ({ text: cleanText(inline(c, true)), span: 1 }));
}

/**
 * Reads plain text or Markdown: each line is a prose line (page 1, numbered as in the file, so a
 * finding's line is the editor's line). In Markdown, pipe tables (`| a | b |`) are read as tables
 * and the line before them starting with "Table" is their caption; `**`, backticks and
 * `<sub>/<sup>` are dropped from prose.
 */
export function readText(bytes: Uint8Array | string, format: 'txt' | 'md', limits: ReadLimits = {}): ReadDocument {
  const maxChars = limits.maxChars ?? 20_000_000;
  const warnings: string[] = [];
  let text = typeof bytes === 'string' ? bytes : decodeText(bytes);
  if (text.length > maxChars) {
    warnings.push(`the document has ${text.length} characters; only the first ${maxChars} were read`);
    text = text.slice(0, maxChars);
  }
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: DocumentLine[] = [];
  const tables: DocumentTable[] = [];
  let lastCaption = '';
  for (let i = 0; i < raw.length; i++) {
    if (format === 'md' && TABLE_LINE.test(raw[i])) {
      const rows: DocumentCell[][] = [];
      let j = i;
      for (; j < raw.length && TABLE_LINE.test(raw[j]); j++) if (!RULE_LINE.test(raw[j])) rows.push(cellsOf(raw[j]));
      tables.push({ index: tables.length + 1, caption: lastCaption, page: 1, rows });
      lastCaption = '';
      i = j - 1;
      continue;
    }
    const line = cleanText(format === 'md' ? inline(raw[i], false).replace(/^#+\s*/, '') : raw[i]);
    if (line) {
      lines.push({ page: 1, line: i + 1, text: line });
      if (CAPTION.test(line)) lastCaption = line;
      else lastCaption = lastCaption && line.length < 200 ? lastCaption : '';
    }
  }
  return { format, pages: 1, lines, tables, warnings };
}
