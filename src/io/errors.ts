/**
 * Errors of the file-system layer that the CLI maps to exit code 2 (bad input or usage). They carry
 * `exitCode` so a command handler can exit with it without knowing every error class.
 */

/** Exit code of a usage error or bad input (the same value as `EXIT_BAD_INPUT` in src/cli/exitCodes.ts). */
const EXIT_BAD_INPUT = 2;

/**
 * A usage error: an option or path the user gave that cannot be honoured (an output that would overwrite
 * an input, an `--out` that is a file, a non-empty folder restudy did not write). Exit code 2.
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  readonly exitCode = EXIT_BAD_INPUT;
}

/**
 * An input exceeded a resource limit (bytes read, bytes inflated, rows). The message names the file, the
 * limit and the flag that raises it. Exit code 2.
 */
export class InputLimitError extends UsageError {
  override readonly name: string = 'InputLimitError';
  /** The file (as given by the caller). */
  readonly file: string;
  /** The limit that was exceeded, in the unit of `unit`. */
  readonly limit: number;
  readonly unit: 'bytes' | 'rows';
  /** The command-line flag that raises the limit, e.g. `--max-input-mb`. */
  readonly flag: string;
  constructor(file: string, what: string, limit: number, unit: 'bytes' | 'rows', flag: string) {
    const shown = unit === 'bytes' ? formatBytes(limit) : `${limit} rows`;
    const hint = `raise it with ${flag} if the file is meant to be this large`;
    super(`${file}: ${what} exceeds the limit of ${shown}; ${hint}`);
    this.file = file;
    this.limit = limit;
    this.unit = unit;
    this.flag = flag;
  }
}

/** A file that is not in the format expected (e.g. a corrupt gzip stream). Exit code 2. */
export class InputFormatError extends UsageError {
  override readonly name: string = 'InputFormatError';
}

/** `1536` → `"1.5 KiB"`; whole bytes below 1 KiB. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toPrecision(4))} ${units[unit]}`;
}

/** The exit code an error asks for: its `exitCode` when it is a number, else `fallback`. */
export function exitCodeOf(error: unknown, fallback: number): number {
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === 'number' && Number.isInteger(code) ? code : fallback;
}
