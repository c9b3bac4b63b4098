/**
 * 1-based line and column of character offsets in a text whose line breaks are LF (callers normalise
 * CRLF/CR first). Binary search over the line starts: O(log lines) per lookup.
 */
export interface TextPositions {
  /** Offset of the first character of each line; lineStarts[0] = 0. */
  readonly lineStarts: readonly number[];
  /** Line and column (both 1-based) of a character offset. */
  at(offset: number): { line: number; column: number };
}

export function textPositions(text: string): TextPositions {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return {
    lineStarts,
    at(offset: number) {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
    },
  };
}
