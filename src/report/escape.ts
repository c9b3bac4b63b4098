/**
 * HTML escaping for every string that reaches the report (labels from specs and codebooks, level codes,
 * patient ids, warnings, printed numbers). Escapes the five HTML-significant characters, so text can go
 * into element content and into double- or single-quoted attribute values alike.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A text cell that a spreadsheet reads as a plain number ("-0.25", "+3", "1e-5"), so cannot carry a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** First characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text cell starting with
 * `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so a spreadsheet shows it as text instead
 * of running it as a formula (OWASP "CSV injection"), unless the whole cell is a plain number such as
 * "-0.25". Numbers are written in full precision (shortest round-trip form); ±Inf and NaN as R writes them.
 *
 * Used by every CSV restudy writes (report tables, sensitivity panel, features.csv).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    return value > 0 ? 'Inf' : value < 0 ? '-Inf' : 'NaN';
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
