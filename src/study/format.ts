/** Number formatting as the paper prints it (SPSS-style fixed decimals, "< 0.001"). */

/** Fixed decimals, with "-0.000" normalised to "0.000". */
export function fixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'NA';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const s = x.toFixed(digits);
  return /^-0(?:\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** p-value as printed: "< 0.001" below 0.001, else three decimals ("1.000" at the cap). */
export function formatP(p: number | null): string {
  if (p === null) return 'NA';
  return p < 0.001 ? '< 0.001' : fixed(p, 3);
}

/** A p as a statement: "p = 0.012", "p < 0.001" (never "p = < 0.001"), "p = NA"; `name` for "unadjusted p". */
export function pStatement(p: number | null, name = 'p'): string {
  const shown = formatP(p);
  return shown.startsWith('<') ? `${name} ${shown}` : `${name} = ${shown}`;
}

export const formatPercent = (x: number): string => fixed(x, 1);

/** Decimal places of a printed number ("0.970" → 3, "95.12" → 2, "13" → 0). */
export function printedDecimals(printed: string): number {
  const m = /(\d+)\.(\d+)/.exec(printed);
  return m ? m[2].length : 0;
}
