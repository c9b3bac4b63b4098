import type { Interval } from './types.ts';

/**
 * Interval helpers. Intervals are closed: a printed 0.970 stands for [0.9695, 0.9705] and both ends
 * count as attainable (round-half-even and binary floating point can land a value on either end),
 * so a check never fails because of how a tie was rounded. A relative slack of 1e-9 absorbs float
 * error in the recomputation itself.
 */
export const SLACK = 1e-9;

export function contains(iv: Interval, x: number): boolean {
  const tol = SLACK * Math.max(1, Math.abs(x));
  return x >= iv[0] - tol && x <= iv[1] + tol;
}

export function overlaps(a: Interval, b: Interval): boolean {
  const tol = SLACK * Math.max(1, Math.abs(a[0]), Math.abs(a[1]), Math.abs(b[0]), Math.abs(b[1]));
  return a[0] <= b[1] + tol && b[0] <= a[1] + tol;
}

export function exact(x: number): Interval {
  return [x, x];
}

/** Formats a number with up to `digits` significant decimals, trimming trailing zeros. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : 'NaN';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-4) return x.toExponential(2);
  const decimals = Math.max(0, digits - Math.max(0, Math.floor(Math.log10(a)) + 1));
  return Number(x.toFixed(Math.min(decimals + 1, 10))).toString();
}

export function fmtIv(iv: Interval, digits = 5): string {
  return iv[0] === iv[1] ? fmt(iv[0], digits) : `[${fmt(iv[0], digits)}, ${fmt(iv[1], digits)}]`;
}

/** Sum of intervals. */
export function sumIv(ivs: readonly Interval[]): Interval {
  let lo = 0;
  let hi = 0;
  for (const [a, b] of ivs) {
    lo += a;
    hi += b;
  }
  return [lo, hi];
}

/** Every corner of a box (2^k points); k is small (≤ 8) in every caller. */
export function corners(ivs: readonly Interval[]): number[][] {
  let out: number[][] = [[]];
  for (const iv of ivs) {
    const next: number[][] = [];
    for (const c of out) {
      next.push([...c, iv[0]]);
      if (iv[1] !== iv[0]) next.push([...c, iv[1]]);
    }
    out = next;
  }
  return out;
}

/** "p = 0.012" or "p < 0.001" for a printed p. */
export function pText(printed: string): string {
  return /^[<>≤≥]/.test(printed.trim()) ? `p ${printed.trim()}` : `p = ${printed}`;
}
