import type { ProseLine } from './types.ts';

/** Splits a text into numbered lines (LF, CRLF or CR); a `ProseLine[]` passes through unchanged. */
export function toProseLines(input: string | readonly ProseLine[]): readonly ProseLine[] {
  if (typeof input !== 'string') return input;
  return input.split(/\r\n|\r|\n/).map((text, i) => ({ text, line: i + 1 }));
}
