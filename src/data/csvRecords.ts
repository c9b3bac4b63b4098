/**
 * A streaming CSV reader: the file is read in 1 MiB chunks, decoded as strict UTF-8 and split into records
 * (RFC 4180 quoting) as it comes, so memory holds one record at a time, not the file (issue 14, item 4:
 * a 176 MB cohort used 3.3 GB when the whole text and every cell string were kept).
 *
 * Every line break (CRLF, LF, CR) is one break: physical line numbers are those an editor shows, and a
 * break inside a quoted field becomes LF in the cell. Limits on bytes, rows and record length stop an
 * endless input (`/dev/zero`, a pipe) with an {@link InputLimitError} naming the flag that raises them.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputLimitError } from '../io/errors.ts';

/** Resource limits of one cohort read. */
export interface CsvLimits {
  /** Most bytes read from the file. Flag: `--max-input-mb`. */
  readonly maxBytes: number;
  /** Most data rows (the header not counted). Flag: `--max-rows`. */
  readonly maxRows: number;
  /** Most characters in one record (all its fields). Flag: `--max-line-kb`. */
  readonly maxRecordChars: number;
}

/** Generous enough for 1e6 patients × 200 columns; small enough that /dev/zero ends in well under a second. */
export const DEFAULT_CSV_LIMITS: CsvLimits = Object.freeze({
  maxBytes: 2 * 1024 ** 3 - 1,
  maxRows: 2_000_000,
  maxRecordChars: 1024 ** 2,
});

let processLimits: CsvLimits = DEFAULT_CSV_LIMITS;

/**
 * The limits a read uses when its caller passes none: {@link DEFAULT_CSV_LIMITS} unless the command line
 * raised them (`--max-input-mb`, `--max-rows`, `--max-line-kb`, set once by src/cli/commands.ts before the
 * command runs, so every reader behind the command honours them).
 */
export function inputLimits(): CsvLimits {
  return processLimits;
}

/** Sets the limits of {@link inputLimits} for this process (the CLI's flags). */
export function configureInputLimits(limits: Partial<CsvLimits>): void {
  processLimits = Object.freeze({ ...processLimits, ...limits });
}

/** What the reader tells its caller, in file order. */
export interface CsvEvents {
  /** The first line was read: the delimiter chosen from it. */
  delimiter(delimiter: string): void;
  /** A record (the header first) with the 1-based physical line it starts on. */
  record(cells: string[], line: number): void;
  /** A quoting error, located at the line of the record it is in. */
  syntaxError(message: string, line: number): void;
}

/** File-level facts found while reading (for warnings and errors). */
export interface CsvFileFacts {
  /** `'utf16'`, `'zip'` or `'utf8'` when the bytes are not UTF-8 text; null when they are. */
  readonly badEncoding: null | { kind: 'utf16' } | { kind: 'zip' } | Utf8Failure;
  readonly bom: boolean;
  /** True when the text holds nothing but whitespace. */
  readonly blank: boolean;
  readonly lineEndings: { crlf: number; lf: number; cr: number };
  /** SHA-256 (hex) of the bytes read: of the whole file when it was read to the end. */
  readonly sha256: string;
}

const CHUNK_BYTES = 1 << 20;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Reads `path` as CSV, calling `events` for each record. Stops early (without records) when the bytes are
 * UTF-16, a ZIP container or not UTF-8, and says so in the returned facts.
 *
 * @param chunkBytes - bytes per read (tests use tiny chunks to cross every boundary)
 * @throws InputLimitError when the file passes `limits` (bytes, rows, record length).
 * @throws the file-system error when the file cannot be opened or read.
 */
export function readCsvRecords(
  path: string,
  events: CsvEvents,
  limits: CsvLimits = inputLimits(),
  chunkBytes = CHUNK_BYTES,
): CsvFileFacts {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    const tooManyBytes = (): InputLimitError =>
      new InputLimitError(path, 'the cohort table', limits.maxBytes, 'bytes', '--max-input-mb');
    if (stats.isFile() && stats.size > limits.maxBytes) throw tooManyBytes();
    const hash = createHash('sha256');
    const parser = new CsvParser(path, events, limits, hash);
    const decoder = new Utf8Pieces();
    let bytesRead = 0;
    let first = true;
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      bytesRead += read;
      if (bytesRead > limits.maxBytes) throw tooManyBytes();
      const bytes = chunk.subarray(0, read);
      hash.update(bytes);
      if (first) {
        first = false;
        if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
          return parser.facts({ kind: 'utf16' });
        }
        if (read >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
          return parser.facts({ kind: 'zip' });
        }
      }
      const text = decoder.decode(bytes);
      if (typeof text !== 'string') return parser.facts(text);
      parser.feed(text);
    }
    const rest = decoder.end();
    if (typeof rest !== 'string') return parser.facts(rest);
    parser.feed(rest);
    parser.end();
    return parser.facts(null);
  } finally {
    closeSync(fd);
  }
}

type Utf8Failure = { kind: 'utf8'; offset: number; line: number; byte: number };

/** Strict UTF-8 decoding of consecutive chunks; a sequence split between chunks is carried over. */
class Utf8Pieces {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private carry: Buffer = Buffer.alloc(0);
  private offset = 0;
  private lineFeeds = 0;

  decode(chunk: Buffer): string | Utf8Failure {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = bytes.length - incompleteTailLength(bytes);
    const whole = bytes.subarray(0, cut);
    this.carry = Buffer.from(bytes.subarray(cut));
    return this.decodeWhole(whole);
  }

  end(): string | Utf8Failure {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return this.decodeWhole(rest);
  }

  private decodeWhole(bytes: Buffer): string | Utf8Failure {
    try {
      const text = this.decoder.decode(bytes);
      this.offset += bytes.length;
      for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) this.lineFeeds++;
      return text;
    } catch {
      const bad = firstInvalidUtf8(bytes);
      let line = this.lineFeeds + 1;
      for (let i = bytes.indexOf(LF); i !== -1 && i < bad; i = bytes.indexOf(LF, i + 1)) line++;
      return { kind: 'utf8', offset: this.offset + bad, line, byte: bytes[bad] ?? 0 };
    }
  }
}

/** Bytes at the end of `bytes` that start a UTF-8 sequence not yet complete (0–3). */
function incompleteTailLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= bytes.length || ((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return bytes.length;
}

/** Picks ',', ';' or TAB: the one that occurs most often outside quotes in the header line (',' on ties). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** The record state machine, fed with decoded text pieces. */
class CsvParser {
  private delimiterCode = -1;
  /** Text held until the first line break is seen (the delimiter is chosen from the first line). */
  private firstLine: string | null = '';
  private state = State.FieldStart;
  private cells: string[] = [];
  private field = '';
  private line = 1;
  private recordLine = 1;
  private recordChars = 0;
  private records = 0;
  private afterCR = false;
  private bom = false;
  private blank = true;
  private readonly endings = { crlf: 0, lf: 0, cr: 0 };

  constructor(
    private readonly path: string,
    private readonly events: CsvEvents,
    private readonly limits: CsvLimits,
    private readonly hash: ReturnType<typeof createHash>,
  ) {}

  facts(badEncoding: CsvFileFacts['badEncoding']): CsvFileFacts {
    const sha256 = this.hash.digest('hex');
    return { badEncoding, bom: this.bom, blank: this.blank, lineEndings: { ...this.endings }, sha256 };
  }

  feed(piece: string): void {
    let text = piece;
    if (this.firstLine !== null) {
      if (this.firstLine === '' && this.records === 0 && text.charCodeAt(0) === 0xfeff && !this.bom) {
        this.bom = true;
        text = text.slice(1);
      }
      const held = this.firstLine + text;
      const breakAt = held.search(/[\r\n]/);
      if (breakAt === -1) {
        if (held.length > this.limits.maxRecordChars) throw this.recordTooLong();
        this.firstLine = held;
        return;
      }
      this.firstLine = null;
      const delimiter = detectDelimiter(held.slice(0, breakAt));
      this.delimiterCode = delimiter.charCodeAt(0);
      this.events.delimiter(delimiter);
      text = held;
    }
    this.scan(text);
  }

  end(): void {
    if (this.firstLine !== null) {
      const held = this.firstLine;
      this.firstLine = null;
      const delimiter = detectDelimiter(held);
      this.delimiterCode = delimiter.charCodeAt(0);
      this.events.delimiter(delimiter);
      this.scan(held);
    }
    if (this.afterCR) this.endings.cr++;
    this.afterCR = false;
    if (this.state === State.Quoted) {
      this.events.syntaxError('Quoted field unterminated (MissingQuotes)', this.recordLine);
    }
    if (this.state !== State.FieldStart) {
      this.cells.push(this.field);
      this.field = '';
      this.endRecord();
    } else if (this.cells.length > 0) {
      this.cells.push(''); // a trailing delimiter at the end of the file
      this.endRecord();
    }
  }

  private scan(text: string): void {
    const n = text.length;
    const delimiter = this.delimiterCode;
    let runStart = 0;
    let i = 0;
    if (this.afterCR) {
      this.afterCR = false;
      if (n > 0 && text.charCodeAt(0) === LF) {
        this.endings.crlf++;
        i = 1;
        runStart = 1;
      } else {
        this.endings.cr++;
      }
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.blank && c > 32) this.blank = false;
      const isBreak = c === LF || c === CR;
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            runStart = i + 1;
          } else if (c === delimiter) {
            this.cells.push('');
            runStart = i + 1;
          } else if (isBreak) {
            this.cells.push('');
            i = this.lineBreak(text, i);
            this.endRecord(i + 1);
            runStart = i + 1;
          } else {
            this.state = State.Unquoted;
            runStart = i;
          }
          break;
        case State.Unquoted:
          if (c === delimiter) {
            this.cells.push(this.field + text.slice(runStart, i));
            this.field = '';
            this.state = State.FieldStart;
            runStart = i + 1;
          } else if (isBreak) {
            this.cells.push(this.field + text.slice(runStart, i));
            this.field = '';
            i = this.lineBreak(text, i);
            this.endRecord(i + 1);
            runStart = i + 1;
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(runStart, i);
            this.state = State.QuoteInQuoted;
            runStart = i + 1;
          } else if (isBreak) {
            this.field += `${text.slice(runStart, i)}\n`;
            i = this.lineBreak(text, i);
            runStart = i + 1;
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            runStart = i + 1;
          } else if (c === delimiter) {
            this.cells.push(this.field);
            this.field = '';
            this.state = State.FieldStart;
            runStart = i + 1;
          } else if (isBreak) {
            this.cells.push(this.field);
            this.field = '';
            i = this.lineBreak(text, i);
            this.endRecord(i + 1);
            runStart = i + 1;
          } else {
            this.events.syntaxError('Trailing quote on quoted field is malformed (InvalidQuotes)', this.recordLine);
            this.field += '"';
            this.state = State.Unquoted;
            runStart = i;
          }
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += text.slice(runStart, n);
    this.recordChars += n;
    if (this.recordChars > this.limits.maxRecordChars) throw this.recordTooLong();
  }

  /** Consumes the break at `i` (CRLF as one); returns the index of its last character. */
  private lineBreak(text: string, i: number): number {
    this.line++;
    if (text.charCodeAt(i) === LF) {
      this.endings.lf++;
      return i;
    }
    if (i + 1 < text.length) {
      if (text.charCodeAt(i + 1) === LF) {
        this.endings.crlf++;
        return i + 1;
      }
      this.endings.cr++;
      return i;
    }
    this.afterCR = true; // the LF of a CRLF may start the next piece
    return i;
  }

  /** Emits the record in `cells`; `nextStart` is where the next record begins in the current piece. */
  private endRecord(nextStart = 0): void {
    if (this.recordChars + nextStart > this.limits.maxRecordChars) throw this.recordTooLong();
    this.state = State.FieldStart;
    const cells = this.cells;
    this.cells = [];
    this.records++;
    if (this.records > this.limits.maxRows + 1) {
      throw new InputLimitError(this.path, 'the cohort table', this.limits.maxRows, 'rows', '--max-rows');
    }
    this.events.record(cells, this.recordLine);
    this.recordLine = this.line;
    // scan() adds the piece length at its end: the next record's characters in this piece remain
    this.recordChars = -nextStart;
  }

  private recordTooLong(): InputLimitError {
    const what = `the record starting on line ${this.recordLine} (no line break or closing quote)`;
    return new InputLimitError(this.path, what, this.limits.maxRecordChars, 'bytes', '--max-line-kb');
  }
}
