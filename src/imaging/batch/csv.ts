/**
 * CSV cells of the features tables. Text cells that a spreadsheet would run as a formula (leading `=`, `+`, `-`,
 * `@`, tab or carriage return) get a leading apostrophe (OWASP "CSV injection"); numbers stay numbers; null is NA.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when it holds a comma, quote or line break; text neutralised as above. */
export function csvCell(v: string | number | null): string {
  if (v === null) return 'NA';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NA';
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV text: header line, then one line per row, each ending in a newline. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}
