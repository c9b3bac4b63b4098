import type { PublishedKind } from './types.ts';

/**
 * Parsing of printed number text into values and rounding intervals.
 *
 * A printed number stands for every value that rounds to it: "0.970" is [0.9695, 0.9705]. This is
 * the basis of every audit check (a check fails only when no values inside the intervals reproduce
 * the printed result — statcheck's logic, made exact).
 */

/** A single printed decimal: its value, number of decimals and rounding interval. */
export interface PrintedDecimal {
  readonly text: string;
  readonly value: number;
  /** digits after the decimal point (0 for "40") */
  readonly decimals: number;
  /** [value − ½·10^−decimals, value + ½·10^−decimals], not yet clipped to a domain */
  readonly interval: readonly [number, number];
}

/** The recognised shapes of a printed cell. */
export type PrintedCell =
  | { readonly form: 'na'; readonly text: string }
  | { readonly form: 'number'; readonly number: PrintedDecimal; readonly percentSign: boolean }
  | {
      readonly form: 'inequality';
      readonly relation: '<' | '<=' | '>' | '>=';
      readonly number: PrintedDecimal;
      readonly percentSign: boolean;
    }
  | { readonly form: 'count'; readonly count: number; readonly denominator?: number; readonly percent?: PrintedDecimal }
  | { readonly form: 'mean_sd'; readonly mean: PrintedDecimal; readonly sd: PrintedDecimal }
  | {
      readonly form: 'center_pair';
      readonly center: PrintedDecimal;
      readonly first: PrintedDecimal;
      readonly second: PrintedDecimal;
      readonly separator: 'comma' | 'dash';
      readonly percentSign: boolean;
    }
  | {
      readonly form: 'range';
      readonly first: PrintedDecimal;
      readonly second: PrintedDecimal;
      readonly percentSign: boolean;
    };

/** Thrown when a printed text is not one of the recognised shapes. */
export class PrintedParseError extends Error {
  override readonly name = 'PrintedParseError';
  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(`cannot parse printed number ${JSON.stringify(text)}: ${reason}`);
  }
}

const NUM = String.raw`[-+]?(?:\d+(?:\.\d+)?|\.\d+)`;
const INT = String.raw`\d+`;

/** Unicode minus, dashes, spaces and comparison signs to a canonical ASCII-ish form. */
export function normalizePrinted(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2212\u2012\uFE63\uFF0D]/g, '-') // minus signs → hyphen-minus
    .replace(/[\u2013\u2014]/g, '–') // en/em dash → en dash (range separator)
    .replace(/\u2264/g, '<=')
    .replace(/\u2265/g, '>=')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses one printed decimal ("0.970", "-1.5", ".04", "40") with its rounding interval. */
export function parseDecimal(text: string): PrintedDecimal {
  const t = normalizePrinted(text);
  if (!new RegExp(`^${NUM}$`).test(t)) throw new PrintedParseError(text, 'not a decimal number');
  const value = Number(t);
  const dot = t.indexOf('.');
  const decimals = dot === -1 ? 0 : t.length - dot - 1;
  return { text: t, value, decimals, interval: roundingInterval(value, decimals) };
}

/**
 * [value − h, value + h] with h = ½·10^−decimals, computed so that the ends are the shortest decimals
 * (0.970 → [0.9695, 0.9705], not 0.96949999…).
 */
export function roundingInterval(value: number, decimals: number): [number, number] {
  const half = 0.5 * 10 ** -decimals;
  const lo = Number((value - half).toFixed(decimals + 1));
  const hi = Number((value + half).toFixed(decimals + 1));
  return [lo, hi];
}

/**
 * Recognises the shape of a printed cell: "NA", "0.970", "< 0.001", "50/91 (54.9%)", "23 (38.3%)",
 * "47.87 ± 10.40", "40% (25%, 60%)", "0.763 (0.667–0.859)", "0.543–0.794", "95.12", "25.9%".
 * @throws PrintedParseError for anything else.
 */
export function parsePrinted(text: string): PrintedCell {
  const t = normalizePrinted(text);
  if (/^(?:NA|N\/A|n\/a|NR|-|–)$/.test(t)) return { form: 'na', text: t };
  let m: RegExpExecArray | null;
  // inequality: "< 0.001", "<0.001", "p < .05" is not a cell (the "p" belongs to prose)
  if ((m = new RegExp(`^(<=|>=|<|>)\\s*(${NUM})(%?)$`).exec(t))) {
    return {
      form: 'inequality',
      relation: m[1] as '<' | '<=' | '>' | '>=',
      number: parseDecimal(m[2]),
      percentSign: m[3] === '%',
    };
  }
  // k/n (x%) or k/n
  if ((m = new RegExp(`^(${INT})\\s*/\\s*(${INT})(?:\\s*\\((${NUM})\\s*%\\))?$`).exec(t))) {
    const count = Number(m[1]);
    const denominator = Number(m[2]);
    return m[3] === undefined
      ? { form: 'count', count, denominator }
      : { form: 'count', count, denominator, percent: parseDecimal(m[3]) };
  }
  // k (x%)
  if ((m = new RegExp(`^(${INT})\\s*\\((${NUM})\\s*%\\)$`).exec(t))) {
    return { form: 'count', count: Number(m[1]), percent: parseDecimal(m[2]) };
  }
  // mean ± sd
  if ((m = new RegExp(`^(${NUM})\\s*(?:±|\\+/-|\\+-)\\s*(${NUM})$`).exec(t))) {
    return { form: 'mean_sd', mean: parseDecimal(m[1]), sd: parseDecimal(m[2]) };
  }
  // x (a, b) / x% (a%, b%) / x (a–b) / x (a - b) / x (a to b)
  if (
    (m = new RegExp(
      `^(${NUM})(%?)\\s*\\(\\s*(${NUM})\\s*(%?)\\s*(,|;|–| - | to |-(?=\\d))\\s*(${NUM})\\s*(%?)\\s*\\)$`,
    ).exec(t))
  ) {
    return {
      form: 'center_pair',
      center: parseDecimal(m[1]),
      first: parseDecimal(m[3]),
      second: parseDecimal(m[6]),
      separator: m[5] === ',' || m[5] === ';' ? 'comma' : 'dash',
      percentSign: m[2] === '%' || m[4] === '%' || m[7] === '%',
    };
  }
  // a–b, a - b, a to b (a plain hyphen only with spaces around it, or between two unsigned numbers)
  if ((m = new RegExp(`^(${NUM})(%?)\\s*(?:–| - | to |-(?=\\d))\\s*(${NUM})(%?)$`).exec(t))) {
    return {
      form: 'range',
      first: parseDecimal(m[1]),
      second: parseDecimal(m[3]),
      percentSign: m[2] === '%' || m[4] === '%',
    };
  }
  if ((m = new RegExp(`^(${NUM})(%?)$`).exec(t))) {
    return { form: 'number', number: parseDecimal(m[1]), percentSign: m[2] === '%' };
  }
  throw new PrintedParseError(
    text,
    'not one of: NA, number, "< x", "k/n (x%)", "k (x%)", "m ± s", "x (a, b)", "x (a–b)", "a–b"',
  );
}

/** The closed domain of a kind (p in [0, 1], percent in [0, 100], …). */
export function kindDomain(kind: PublishedKind): readonly [number, number] {
  switch (kind) {
    case 'p':
    case 'auc':
      return [0, 1];
    case 'percent':
      return [0, 100];
    case 'kappa':
    case 'icc':
      return [-1, 1];
    case 'sd':
    case 'n':
    case 'count':
    case 'or':
    case 'df':
      return [0, Number.POSITIVE_INFINITY];
    default:
      return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  }
}

/** The value, interval and bound that one entry of kind `kind` takes from a printed text. */
export interface ParsedPart {
  readonly value: number | null;
  readonly interval: readonly [number, number] | null;
  readonly bound?: 'upper' | 'lower';
  readonly denominator?: number;
  readonly decimals?: number;
}

function clip(iv: readonly [number, number], kind: PublishedKind): [number, number] {
  const [dlo, dhi] = kindDomain(kind);
  return [Math.max(iv[0], dlo), Math.min(iv[1], dhi)];
}

function decimalPart(d: PrintedDecimal, kind: PublishedKind): ParsedPart {
  if (kind === 'n' || kind === 'count') {
    if (!Number.isInteger(d.value) || d.decimals > 0)
      throw new PrintedParseError(d.text, `a ${kind} must be an integer`);
    return { value: d.value, interval: [d.value, d.value], decimals: 0 };
  }
  return { value: d.value, interval: clip(d.interval, kind), decimals: d.decimals };
}

/**
 * Picks the part of a printed text that an entry of kind `kind` stands for, with its interval.
 * "50/91 (54.9%)" as `count` → 50 (exact, denominator 91); as `percent` → 54.9 in [54.85, 54.95].
 * "< 0.001" as `p` → 0.001 with interval [0, 0.001] and bound 'upper'. "NA" → value null.
 * @throws PrintedParseError when the text has no part of that kind.
 */
export function parsePart(text: string, kind: PublishedKind): ParsedPart {
  const cell = parsePrinted(text);
  const wrong = (): never => {
    throw new PrintedParseError(text, `has no part of kind '${kind}' (shape '${cell.form}')`);
  };
  switch (cell.form) {
    case 'na':
      return { value: null, interval: null };
    case 'number':
      return decimalPart(cell.number, kind);
    case 'inequality': {
      const [dlo, dhi] = kindDomain(kind);
      const v = cell.number.value;
      if (cell.relation === '<' || cell.relation === '<=') {
        if (!Number.isFinite(dlo)) wrong();
        return { value: v, interval: [dlo, v], bound: 'upper', decimals: cell.number.decimals };
      }
      if (!Number.isFinite(dhi)) wrong();
      return { value: v, interval: [v, dhi], bound: 'lower', decimals: cell.number.decimals };
    }
    case 'count':
      if (kind === 'count')
        return { value: cell.count, interval: [cell.count, cell.count], denominator: cell.denominator, decimals: 0 };
      if (kind === 'n' && cell.denominator !== undefined)
        return { value: cell.denominator, interval: [cell.denominator, cell.denominator], decimals: 0 };
      if (kind === 'percent' && cell.percent)
        return { ...decimalPart(cell.percent, kind), denominator: cell.denominator };
      return wrong();
    case 'mean_sd':
      if (kind === 'mean') return decimalPart(cell.mean, kind);
      if (kind === 'sd') return decimalPart(cell.sd, kind);
      return wrong();
    case 'center_pair':
      if (kind === 'q1' || kind === 'ci_lower' || kind === 'range_min')
        return decimalPart(cell.first, kind === 'q1' ? 'q1' : kind);
      if (kind === 'q3' || kind === 'ci_upper' || kind === 'range_max') return decimalPart(cell.second, kind);
      if (kind === 'count' || kind === 'n') return wrong();
      return decimalPart(cell.center, kind);
    case 'range':
      if (kind === 'ci_lower' || kind === 'range_min' || kind === 'q1') return decimalPart(cell.first, kind);
      if (kind === 'ci_upper' || kind === 'range_max' || kind === 'q3') return decimalPart(cell.second, kind);
      return wrong();
  }
}
