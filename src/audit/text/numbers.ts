/**
 * Printed numbers of prose: thousands separators, decimal commas and p-values in exponent form.
 *
 * The comma rule (documented in docs/audit.md): a comma followed by exactly three digits is a
 * thousands separator ("11,455", "1,224.08"), a comma followed by one, two or more than three digits
 * is a decimal comma ("2,14", "0,035"), unless the caller knows the result writes decimal commas (its
 * p has one), when "1,224" is 1.224.
 */

/** A printed decimal turned into dot notation, with its value and rounding interval. */
export interface ProseNumber {
  /** dot-decimal text, sign included ("-2.14", "0.0005") */
  readonly text: string;
  readonly value: number;
  /** [value − ½ unit of the last printed digit, value + ½ unit] */
  readonly interval: readonly [number, number];
  readonly decimalComma: boolean;
  readonly thousands: boolean;
}

const THOUSANDS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Reads "1,224.08", "2,14", "−2.1", ".04" (unsigned or signed). Returns null for anything else. */
export function readNumber(printed: string, decimalCommaContext = false): ProseNumber | null {
  const compact = printed.replace(/[ ]/g, '').replace(/^[-–]/, '-');
  const sign = compact.startsWith('-') ? -1 : 1;
  let body = compact.replace(/^[-+]/, '');
  let thousands = false;
  let decimalComma = false;
  if (THOUSANDS.test(body) && !(decimalCommaContext && !body.includes('.') && body.split(',').length === 2)) {
    body = body.replace(/,/g, '');
    thousands = true;
  } else if (/^\d*,\d+$/.test(body)) {
    body = body.replace(',', '.');
    decimalComma = true;
  }
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(body)) return null;
  const dot = body.indexOf('.');
  const decimals = dot === -1 ? 0 : body.length - dot - 1;
  const value = sign * Number(body);
  const text = `${sign < 0 ? '-' : ''}${body}`;
  return { text, value, interval: halfUnit(value, decimals, 0), decimalComma, thousands };
}

function halfUnit(value: number, decimals: number, exponent: number): readonly [number, number] {
  const half = 0.5 * 10 ** (exponent - decimals);
  const digits = Math.max(0, decimals - exponent + 1);
  const round = (x: number) => (digits <= 100 ? Number(x.toFixed(Math.min(100, digits))) : x);
  return [round(value - half), round(value + half)];
}

/** A printed p: ".04", "0,035", ".5e-3", "2.3 × 10-5", "1E-4". */
export function readPValue(printed: string): ProseNumber | null {
  const compact = printed.replace(/[ ]/g, '').replace(/[−–]/g, '-');
  const m = /^(\d*[.,]?\d+)(?:[eE](-?\d{1,3})|[×x·]10\^?(-\d{1,3}))?$/.exec(compact);
  if (!m) return null;
  const mantissa = m[1].replace(',', '.');
  const exponent = Number(m[2] ?? m[3] ?? 0);
  const dot = mantissa.indexOf('.');
  const decimals = dot === -1 ? 0 : mantissa.length - dot - 1;
  const value = Number(mantissa) * 10 ** exponent;
  const text = exponent === 0 ? (mantissa.startsWith('.') ? `0${mantissa}` : mantissa) : `${mantissa}e${exponent}`;
  return {
    text,
    value,
    interval: halfUnit(value, decimals, exponent),
    decimalComma: m[1].includes(','),
    thousands: false,
  };
}
