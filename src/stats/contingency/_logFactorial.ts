import factorialln from '@stdlib/math-base-special-factorialln';

/** log(k!) for k = 0..n as a Float64Array (stdlib factorialln: accurate to ~1 ulp, no accumulated error). */
export function logFactorialTable(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = factorialln(k);
  return table;
}
