import { CAPTION } from './captions.ts';
import { cleanText } from './cleanText.ts';
import { groupLines, type LayoutLine, readingOrder, type TextRun } from './pdfLayout.ts';
import { assembleTable, isTabular, isValueCell } from './pdfTables.ts';
import {
  type DocumentLine,
  DocumentReadError,
  type DocumentTable,
  type ReadDocument,
  type ReadLimits,
} from './types.ts';

/** Options of the PDF reader beyond the common limits. */
export interface PdfReadOptions extends ReadLimits {
  /** stop reading pages after this many milliseconds (a warning says so). @default 60_000 */
  readonly timeBudgetMs?: number;
  /** URL of pdf.worker.mjs for browsers; Node runs pdfjs without a worker. */
  readonly workerSrc?: string;
}

interface OpenTable {
  caption: string;
  page: number;
  lines: LayoutLine[];
}

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

function runsOf(items: readonly unknown[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const raw of items) {
    const item = raw as Partial<PdfTextItem>;
    if (typeof item.str !== 'string' || !item.transform || item.str.trim() === '') continue;
    const [a, b, c, d, x, y] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
    if (Math.abs(b) > 0.01 * Math.abs(a) + 1e-9) continue; // rotated text (margins, watermarks) is not prose
    runs.push({ text: item.str, x, y, width: item.width ?? 0, size });
  }
  return runs;
}

const hasValues = (line: LayoutLine): boolean => line.segments.slice(1).some((s) => isValueCell(s.plain));
const keyOf = (line: LayoutLine): string => line.segments.map((s) => s.text).join('|');
function headerLinesOf(table: OpenTable): LayoutLine[] {
  const first = table.lines.findIndex(hasValues);
  return first === -1 ? table.lines : table.lines.slice(0, first);
}
const lineText = (line: LayoutLine): string => cleanText(line.segments.map((s) => s.plain).join(' '));

/**
 * The table right above a caption line (a caption set below its table): the nearby lines above it
 * back to the first that is neither tabular nor a short label line, starting at a tabular line (the
 * header), with at least two rows of numbers; else none.
 */
function rowsAbove(prose: readonly LayoutLine[], caption: LayoutLine): LayoutLine[] {
  let k = prose.length;
  let y = caption.y;
  while (k > 0) {
    const l = prose[k - 1];
    const short = l.segments.length <= 2 && lineText(l).length < 60;
    // the caption may sit a paragraph gap below the last row; rows are closer
    if (l.y - y > (y === caption.y ? 4 : 2.4) * l.size || !(isTabular(l) || short)) break;
    y = l.y;
    k--;
  }
  while (k < prose.length && !isTabular(prose[k])) k++;
  const run = prose.slice(k);
  return run.filter(hasValues).length >= 2 ? run : [];
}

/** Splits a page's lines into table regions (from a "Table N." caption) and prose lines. */
function splitPage(
  lines: readonly LayoutLine[],
  page: number,
  carried: OpenTable | null,
): { prose: LayoutLine[]; tables: OpenTable[]; open: OpenTable | null } {
  const prose: LayoutLine[] = [];
  const tables: OpenTable[] = [];
  let current: OpenTable | null = carried;
  let previousY = Number.NaN;
  let repeating = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const first = line.segments[0]?.text ?? '';
    if (line.segments.length === 1 && CAPTION.test(first)) {
      if (current) tables.push(current);
      current = { caption: cleanText(line.segments[0].plain), page, lines: [] };
      previousY = line.y;
      // a caption wrapped onto a second line
      const next = lines[i + 1];
      if (
        next &&
        next.segments.length === 1 &&
        !isTabular(next) &&
        // a bare "TABLE 2" takes its title from the next line even across a paragraph gap
        line.y - next.y < (current.caption.replace(CAPTION, '').trim() ? 1.6 : 3.2) * line.size &&
        !/[.:]\s*$/.test(current.caption.replace(CAPTION, ''))
      ) {
        current.caption += ` ${cleanText(next.segments[0].plain)}`;
        previousY = next.y;
        i++;
      }
      const above = rowsAbove(prose, line);
      const after = lines[i + 1];
      if (above.length && !(after && isTabular(after) && previousY - after.y < 2.4 * after.size)) {
        // the caption is set below its table
        prose.length -= above.length;
        tables.push({ ...current, lines: above });
        current = null;
      }
      continue;
    }
    if (current) {
      const gap = Number.isNaN(previousY) ? 0 : previousY - line.y;
      const nearby = gap < 2.4 * line.size;
      // before the first row of numbers every nearby line is header (headers wrap: "(Low" / "vs." / "Zero)");
      // so is a header that the browser repeats at the top of a continuation page
      const headerKeys = headerLinesOf(current).map(keyOf);
      if (headerKeys.includes(keyOf(line)) && (nearby || Number.isNaN(previousY))) repeating = true;
      else if (hasValues(line)) repeating = false;
      const inHeader =
        (nearby || Number.isNaN(previousY)) &&
        current.lines.length > 0 &&
        (repeating || !current.lines.some(hasValues));
      const labelOnly =
        line.segments.length <= 2 &&
        nearby &&
        (current.lines[0] ? line.segments[0].x0 < current.lines[0].segments[1]?.x0 : true) &&
        lineText(line).length < 60;
      if (
        (isTabular(line) && (nearby || current.lines.length === 0 || Number.isNaN(previousY))) ||
        labelOnly ||
        inHeader
      ) {
        current.lines.push(line);
        previousY = line.y;
        continue;
      }
      tables.push(current);
      current = null;
    }
    prose.push(line);
  }
  return { prose, tables, open: current };
}

/** The page's prose in reading order (`readingOrder`): tables and captions set aside, their place kept. */
function proseInOrder(lines: readonly LayoutLine[], prose: readonly LayoutLine[], pageWidth: number): string[] {
  const isProse = new Set(prose);
  const setAside = new Set(lines.filter((l) => !isProse.has(l)));
  return readingOrder(lines, pageWidth, setAside)
    .map((segments) => cleanText(segments.map((s) => s.plain).join(' ')))
    .filter(Boolean);
}

/**
 * Without a worker pdfjs imports its worker module itself; importing the minified build once here is
 * several times faster to load (under tsx the 2.4 MB unminified file is transformed on every run).
 */
async function preloadWorker(): Promise<void> {
  const g = globalThis as { pdfjsWorker?: unknown };
  // a variable specifier: the module has no type declarations, and bundles for browsers pass workerSrc instead
  const worker = 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
  if (g.pdfjsWorker === undefined) g.pdfjsWorker = await import(worker);
}

function pdfError(error: unknown): DocumentReadError {
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as Error)?.message ?? String(error);
  if (name === 'PasswordException')
    return new DocumentReadError(
      'the PDF is encrypted (password protected); restudy cannot read its text',
      'encrypted',
    );
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return new DocumentReadError(`not a readable PDF (${message})`, 'corrupt');
  }
  return new DocumentReadError(`the PDF could not be read: ${message}`, 'corrupt');
}

/**
 * Reads a PDF's text layer with pdfjs-dist (no canvas, `isEvalSupported: false`): runs are grouped
 * into lines by baseline (super/subscripts joined to their line), lines into segments by gaps;
 * a two-column page is read column by column between full-width lines; a "Table N." caption starts
 * a table whose columns come from the x-positions of its cells (continued across a page break).
 * Ligatures, soft hyphens and Unicode minus are normalised (`cleanText`).
 * @throws DocumentReadError for an encrypted, corrupt or text-less (scanned) PDF.
 */
export async function readPdf(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<ReadDocument> {
  const maxPages = options.maxPages ?? 500;
  const budget = options.timeBudgetMs ?? 60_000;
  const started = Date.now();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  if (options.workerSrc) pdfjs.GlobalWorkerOptions.workerSrc = options.workerSrc;
  else await preloadWorker();
  const warnings: string[] = [];
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    // pdfjs may detach the buffer it is given: pass a copy so the caller's bytes stay intact
    doc = await pdfjs.getDocument({
      data: bytes.slice(),
      isEvalSupported: false,
      verbosity: 0,
      stopAtErrors: false,
      useSystemFonts: false,
      disableFontFace: true,
    }).promise;
  } catch (error) {
    throw pdfError(error);
  }
  try {
    const lines: DocumentLine[] = [];
    const tables: DocumentTable[] = [];
    let open: OpenTable | null = null;
    let emptyPages = 0;
    const pages = Math.min(doc.numPages, maxPages);
    if (doc.numPages > maxPages)
      warnings.push(`the PDF has ${doc.numPages} pages; only the first ${maxPages} were read`);
    const finish = (t: OpenTable): void => {
      const { rows, warnings: w } = assembleTable(t.lines);
      for (const message of w) warnings.push(`${t.caption || `table on page ${t.page}`}: ${message}`);
      if (rows.length > 0) tables.push({ index: tables.length + 1, caption: t.caption, page: t.page, rows });
    };
    let pagesRead = 0;
    for (let p = 1; p <= pages; p++) {
      if (Date.now() - started > budget) {
        warnings.push(`stopped after ${pagesRead} of ${pages} pages: the time budget of ${budget} ms was used`);
        break;
      }
      let runs: TextRun[];
      let width: number;
      try {
        const page = await doc.getPage(p);
        width = page.getViewport({ scale: 1 }).width;
        runs = runsOf((await page.getTextContent()).items);
        page.cleanup();
      } catch (error) {
        warnings.push(`page ${p} could not be read: ${(error as Error).message}`);
        continue;
      }
      pagesRead++;
      if (runs.length === 0) {
        emptyPages++;
        continue;
      }
      const pageLines = groupLines(runs);
      const split = splitPage(pageLines, p, open);
      for (const t of split.tables) finish(t);
      open = split.open;
      proseInOrder(pageLines, split.prose, width).forEach((text, i) => lines.push({ page: p, line: i + 1, text }));
    }
    if (open) finish(open);
    if (emptyPages === pagesRead && pagesRead > 0) {
      throw new DocumentReadError(
        `no text layer on any of the ${pagesRead} pages (a scanned PDF?): run OCR first, e.g. ocrmypdf`,
        'no-text',
      );
    }
    if (emptyPages > 0)
      warnings.push(`${emptyPages} page${emptyPages === 1 ? '' : 's'} without a text layer (scanned?) skipped`);
    return { format: 'pdf', pages: doc.numPages, lines, tables, warnings };
  } finally {
    await doc.destroy();
  }
}
