import { CAPTION } from './captions.ts';
import { cleanText } from './cleanText.ts';
import { tokenizeHtml } from './htmlTokens.ts';
import type { DocumentCell, DocumentLine, DocumentTable, ReadDocument, ReadLimits } from './types.ts';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'dt',
  'dd',
  'dl',
  'hr',
  'body',
  'main',
  'aside',
  'nav',
  'tr',
  'table',
]);

interface TableBuilder {
  caption: string;
  rows: DocumentCell[][];
  cell: { text: string; span: number; rowSpan: number } | null;
  inCaption: boolean;
}

/**
 * Reads journal full text or the HTML of a DOCX: block elements become prose lines (page 1, lines
 * numbered in reading order); each outermost `<table>` becomes a table of cells (a nested table's
 * text joins its cell). In cells, `<sub>x</sub>` reads as `_x` and `<sup>x</sup>` as `^x`, so that
 * "K<sub>Mean</sub>" and "p<sup>1</sup>" keep their structure; in prose they join plainly ("χ2").
 * A table without `<caption>` takes the prose line just before it when that starts with "Table".
 */
export function readHtml(bytes: Uint8Array | string, limits: ReadLimits = {}): ReadDocument {
  const maxChars = limits.maxChars ?? 20_000_000;
  const warnings: string[] = [];
  let html = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8').decode(bytes);
  if (html.length > maxChars) {
    warnings.push(`the document has ${html.length} characters; only the first ${maxChars} were read`);
    html = html.slice(0, maxChars);
  }
  const lines: DocumentLine[] = [];
  const tables: DocumentTable[] = [];
  let current = '';
  // a table without a caption takes a "Table N." line right after it (a caption set below the table),
  // unless a table follows that line directly (then it is that table's caption, above it)
  let captionless: number | null = null;
  let below: number | null = null;
  const takeBelow = (): void => {
    if (below !== null) tables[below] = { ...tables[below], caption: lines.pop()!.text };
    below = null;
  };
  const flush = (): void => {
    const text = cleanText(current);
    current = '';
    if (!text) return;
    takeBelow();
    lines.push({ page: 1, line: lines.length + 1, text });
    if (captionless !== null && CAPTION.test(text)) below = captionless;
    captionless = null;
  };
  let table: TableBuilder | null = null;
  let depth = 0; // nesting of <table>
  const append = (s: string): void => {
    if (table && depth === 1) {
      if (table.inCaption) table.caption += s;
      else if (table.cell) table.cell.text += s;
    } else if (table) {
      if (table.cell) table.cell.text += s; // nested table: its text joins the outer cell
    } else current += s;
  };
  const closeCell = (): void => {
    if (table?.cell) {
      if (table.rows.length === 0) table.rows.push([]);
      const row = table.rows[table.rows.length - 1];
      row.push({
        text: cleanText(table.cell.text),
        span: table.cell.span,
        ...(table.cell.rowSpan > 1 ? { rowSpan: table.cell.rowSpan } : {}),
      });
      table.cell = null;
    }
  };
  for (const token of tokenizeHtml(html)) {
    if (token.type === 'text') {
      append(token.text);
      continue;
    }
    const { name } = token;
    if (token.type === 'open') {
      if (name === 'table') {
        depth++;
        if (depth === 1) {
          flush();
          const previous = lines[lines.length - 1];
          table = { caption: '', rows: [], cell: null, inCaption: false };
          const label = lines[lines.length - 2];
          if (previous && CAPTION.test(previous.text)) {
            table.caption = previous.text;
            lines.pop();
            below = null;
          } else if (previous && label && CAPTION.test(label.text) && !label.text.replace(CAPTION, '').trim()) {
            // "TABLE 2" on its own line, the title on the next
            table.caption = `${label.text} ${previous.text}`;
            lines.length -= 2;
            below = null;
          }
          captionless = null;
        } else append(' ');
        continue;
      }
      if (table && depth === 1) {
        if (name === 'tr') {
          closeCell();
          table.rows.push([]);
        } else if (name === 'td' || name === 'th') {
          closeCell();
          table.cell = { text: '', span: token.colspan, rowSpan: token.rowspan };
        } else if (name === 'caption') {
          table.inCaption = true;
          table.caption = '';
        } else if (name === 'sub') append(table.inCaption ? '' : '_');
        else if (name === 'sup') append(table.inCaption ? '' : '^');
        else if (BLOCK.has(name)) append(' ');
        continue;
      }
      if (BLOCK.has(name) && !table) flush();
      else if (table) append(' ');
      continue;
    }
    // closing tags
    if (name === 'table' && depth > 0) {
      depth--;
      if (depth === 0 && table) {
        closeCell();
        const rows = table.rows.filter((r) => r.length > 0);
        if (rows.length > 0) {
          tables.push({ index: tables.length + 1, caption: cleanText(table.caption), page: 1, rows });
          captionless = tables[tables.length - 1].caption ? null : tables.length - 1;
        } else warnings.push(`table ${tables.length + 1} has no cells`);
        table = null;
      }
      continue;
    }
    if (table && depth === 1) {
      if (name === 'td' || name === 'th') closeCell();
      else if (name === 'caption') table.inCaption = false;
      else if (name === 'tr') closeCell();
      else if (BLOCK.has(name)) append(' ');
      continue;
    }
    if (BLOCK.has(name) && !table) flush();
  }
  if (table) {
    closeCell();
    const rows = table.rows.filter((r) => r.length > 0);
    if (rows.length > 0) tables.push({ index: tables.length + 1, caption: cleanText(table.caption), page: 1, rows });
    warnings.push('a <table> is not closed before the end of the document');
  }
  flush();
  takeBelow();
  return { format: 'html', pages: 1, lines, tables, warnings };
}
