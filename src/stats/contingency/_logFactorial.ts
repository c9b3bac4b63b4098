import factorialln from '@stdlib/math-base-special-factorialln';

let cached = new Float64Array([0, 0]);

/**
 * log(k!) for k = 0..n (at least) as a Float64Array (stdlib factorialln: accurate to ~1 ulp, no accumulated
 * error). The table is module-level and only grows, so repeated tests do not recompute it; callers must
 * not write to it.
 */
export function logFactorialTable(n: number): Float64Array {
  if (n < cached.length) return cached;
  const size = Math.max(n + 1, Math.min(2 * cached.length, 1 << 22));
  const table = new Float64Array(size);
  table.set(cached);
  for (let k = cached.length; k < size; k++) table[k] = factorialln(k);
  cached = table;
  return cached;
}
