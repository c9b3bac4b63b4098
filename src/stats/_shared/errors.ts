/**
 * The one error type of the statistical core: invalid input (wrong shape, NaN, negative counts, …).
 * Valid but degenerate input (all ties, an empty cell, separation) never throws: the result carries
 * a `warnings` entry instead.
 *
 * Messages follow "<param> must be …; got <value>" so a caller can show them unchanged.
 */
export class InputError extends RangeError {
  override readonly name = 'InputError';
  /** The parameter that was invalid, e.g. `"table"` or `"x[3]"`. */
  readonly param: string;
  constructor(param: string, expected: string, got: unknown) {
    super(`${param} must be ${expected}; got ${describeValue(got)}`);
    this.param = param;
  }
}

/** An internal invariant failed: a bug in restudy, never a user's fault. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}

/** Short, printable rendering of an offending value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const shown = value
      .slice(0, 6)
      .map((v) => describeValue(v))
      .join(', ');
    return `[${shown}${value.length > 6 ? `, … (${value.length} items)` : ''}]`;
  }
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
