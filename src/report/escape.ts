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

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading =, +, @ or tab is
 * prefixed with ' so a spreadsheet does not run it as a formula. Numbers are written in full precision. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'Inf' : value < 0 ? '-Inf' : 'NaN';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  let s = value;
  if (/^[=+@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
