/**
 * What a document reader returns: the prose as numbered lines and the tables as cells, each with
 * where it was read (page and line), so that every finding can point at the text as printed.
 */

/** The formats `restudy audit` and `restudy extract` read. */
export const DOCUMENT_FORMATS = ['pdf', 'html', 'docx', 'md', 'txt'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** One line of prose. `page` is 1 for formats without pages; `line` counts from 1 within the page. */
export interface DocumentLine {
  readonly page: number;
  readonly line: number;
  readonly text: string;
}

/** One table cell as printed (sub- and superscripts joined as `_x` and `^x`). */
export interface DocumentCell {
  readonly text: string;
  /** columns this cell spans (HTML colspan; PDF: header cells over several columns) */
  readonly span: number;
  /** rows this cell spans (HTML rowspan); the rows below leave its columns out */
  readonly rowSpan?: number;
}

/** One table: its caption (e.g. "Table 2. Qualitative MRI features …") and rows of cells. */
export interface DocumentTable {
  /** 1-based order of the table in the document */
  readonly index: number;
  readonly caption: string;
  /** page the table starts on (1 for formats without pages) */
  readonly page: number;
  readonly rows: readonly (readonly DocumentCell[])[];
}

/** A document read into prose lines and tables. Readers never throw for odd but readable content. */
export interface ReadDocument {
  readonly format: DocumentFormat;
  readonly pages: number;
  /** prose lines in reading order (table text is in `tables`, not here) */
  readonly lines: readonly DocumentLine[];
  readonly tables: readonly DocumentTable[];
  /** what was odd: no text layer on a page, a table whose columns could not be aligned, … */
  readonly warnings: readonly string[];
}

/** Limits a reader honours so that a hostile document cannot hang the audit. */
export interface ReadLimits {
  /** pages read at most (PDF); more pages give a warning and are skipped. @default 500 */
  readonly maxPages?: number;
  /** characters of text kept at most; more gives a warning. @default 20_000_000 */
  readonly maxChars?: number;
}

/** Thrown when a document cannot be read at all (corrupt, encrypted, not the claimed format). */
export class DocumentReadError extends Error {
  override readonly name = 'DocumentReadError';
  constructor(
    message: string,
    readonly reason: 'corrupt' | 'encrypted' | 'no-text' | 'unsupported' | 'too-large',
  ) {
    super(message);
  }
}
