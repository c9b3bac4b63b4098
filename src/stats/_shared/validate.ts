import { InputError } from './errors.ts';
import type { Alternative } from './result.ts';

/** Throws unless `x` is a non-empty array of finite numbers; returns it as a Float64Array copy. */
export function finiteSample(x: ArrayLike<number>, param: string, minLength = 1): Float64Array {
  if (x === null || x === undefined || typeof (x as ArrayLike<number>).length !== 'number') {
    throw new InputError(param, 'an array of finite numbers', x);
  }
  if (x.length < minLength) {
    throw new InputError(param, `an array of at least ${minLength} finite number${minLength === 1 ? '' : 's'}`, x);
  }
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(`${param}[${i}]`, 'a finite number', v);
    }
    out[i] = v;
  }
  return out;
}

/** Throws unless `level` is in (0, 1). */
export function confidenceLevel(level: number, param = 'confLevel'): number {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new InputError(param, 'a number strictly between 0 and 1', level);
  }
  return level;
}

/** Throws unless `alt` is one of the three alternatives. */
export function alternativeOption(alt: unknown, param = 'alternative'): Alternative {
  if (alt === 'two-sided' || alt === 'less' || alt === 'greater') return alt;
  throw new InputError(param, "one of 'two-sided', 'less', 'greater'", alt);
}

/**
 * Validates a contingency table of non-negative integer counts, rectangular, at least `minRows` × `minCols`.
 * Returns a copy as plain number[][].
 */
export function countTable(
  table: readonly (readonly number[])[],
  param = 'table',
  minRows = 2,
  minCols = 2,
): number[][] {
  if (!Array.isArray(table) || table.length < minRows) {
    throw new InputError(param, `a matrix with at least ${minRows} rows`, table);
  }
  const cols = Array.isArray(table[0]) ? table[0].length : -1;
  if (cols < minCols) throw new InputError(`${param}[0]`, `a row with at least ${minCols} columns`, table[0]);
  return table.map((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new InputError(`${param}[${i}]`, `a row of ${cols} counts (the table must be rectangular)`, row);
    }
    return row.map((v, j) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new InputError(`${param}[${i}][${j}]`, 'a non-negative integer count', v);
      }
      return v;
    });
  });
}
