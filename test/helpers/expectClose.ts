import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export interface Tolerance {
  /** relative tolerance, @default 1e-9 (closed forms) */
  rtol?: number;
  /** absolute tolerance, for values near 0, @default 0 */
  atol?: number;
}

/**
 * Asserts |actual − expected| ≤ atol + rtol·|expected|, with a message that shows the case, both
 * values, Δ and the tolerance. Infinity and NaN must match exactly.
 */
export function expectClose(actual: number, expected: number, tol: Tolerance = {}, context = ''): void {
  const rtol = tol.rtol ?? 1e-9;
  const atol = tol.atol ?? 0;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    expect(
      Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)),
      `${context}: got ${actual}, expected ${expected}`,
    ).toBe(true);
    return;
  }
  const delta = Math.abs(actual - expected);
  const allowed = atol + rtol * Math.abs(expected);
  if (!(delta <= allowed)) {
    expect.fail(
      `${context}\n  actual   ${actual}\n  expected ${expected}\n  Δ ${delta.toExponential(3)} > tol ${allowed.toExponential(3)} (rtol ${rtol}, atol ${atol})`,
    );
  }
}

/** Element-wise expectClose for arrays of equal length. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance = {},
  context = '',
): void {
  expect(actual.length, `${context}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], tol, `${context}[${i}]`);
}

/** Reads a committed fixture (path relative to the repo root). */
export function readFixture<T = { _meta: Record<string, unknown>; cases: unknown[] }>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as T;
}
