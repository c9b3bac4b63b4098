import type { ProseTestKind } from './types.ts';

/** Degrees of freedom read from the parenthesis after a label, or why they cannot be read. */
export type DfReading =
  | {
      readonly ok: true;
      readonly df1?: number;
      readonly df2?: number;
      readonly sampleSize?: number;
      readonly notes: string[];
    }
  | { readonly ok: false; readonly reason: string };

/** "l" or "I" printed for 1 (a common OCR / font misreading); thousands separators; decimal dfs. */
const DF_TOKEN = String.raw`(?:[\dlI]{1,3}(?:,\d{3}){1,3}|[\dlI]{1,7}(?:\.\d{1,3})?)`;

const TWO_DFS = new RegExp(String.raw`^(${DF_TOKEN})\s{0,3}[,;]\s{0,3}(${DF_TOKEN})$`);
const SAMPLE_SIZE = String.raw`\s{0,3}[,;]\s{0,3}[Nn]\s{0,3}=\s{0,3}(\d{1,3}(?:,\d{3}){1,3}|\d{1,9})`;
const DF_AND_N = new RegExp(`^(${DF_TOKEN})(?:${SAMPLE_SIZE})?$`);
const ONE_DF = new RegExp(`^(${DF_TOKEN})$`);

function dfValue(token: string, notes: string[]): number {
  let t = token;
  if (/[lI]/.test(t)) {
    notes.push(`letter "${t}" in the df read as ${t.replace(/[lI]/g, '1')}`);
    t = t.replace(/[lI]/g, '1');
  }
  if (/,\d{3}/.test(t)) notes.push(`df ${t}: comma read as a thousands separator`);
  return Number(t.replace(/,/g, ''));
}

/**
 * Reads the df of each test kind.
 * - t, r, z: one df ("28", "df = 28", "27.85"). "t(2,28)" (no space, one or two digits after the comma)
 *   is a decimal comma: df = 2.28 (a Welch df written the European way), never df = 2; "t(1,224)" is
 *   df 1224 (thousands). "t(2, 28)" with a space has two dfs and is not a t-test: not read.
 * - F: two dfs ("1, 76", "l, 76", "2, 1,224").
 * - χ², Q: one df, optionally ", N = 81" / ", n = 1,224".
 */
export function readDf(test: ProseTestKind, raw: string | undefined): DfReading {
  const notes: string[] = [];
  if (raw === undefined) return test === 'z' ? { ok: true, notes } : { ok: false, reason: 'no degrees of freedom' };
  const s = raw.trim().replace(/^df\s{0,3}=\s{0,3}/, '');
  let m: RegExpExecArray | null;
  if (test === 'F') {
    m = TWO_DFS.exec(s);
    if (!m) m = /^([\dlI]{1,3}),([\dlI]{1,3})$/.exec(s);
    if (!m) return { ok: false, reason: `F needs two dfs; got "(${raw})"` };
    return { ok: true, df1: dfValue(m[1], notes), df2: dfValue(m[2], notes), notes };
  }
  if (test === 'chisq' || test === 'Q') {
    m = DF_AND_N.exec(s);
    if (!m) return { ok: false, reason: `χ² needs one df (and optionally N); got "(${raw})"` };
    const sampleSize = m[2] === undefined ? undefined : Number(m[2].replace(/,/g, ''));
    return { ok: true, df1: dfValue(m[1], notes), ...(sampleSize === undefined ? {} : { sampleSize }), notes };
  }
  if ((m = /^([\dlI]{1,3}),(\d{1,2})$/.exec(s))) {
    notes.push(`"(${s})" read as a decimal comma: df = ${m[1]}.${m[2]} (not df = ${m[1]})`);
    return { ok: true, df1: Number(`${dfValue(m[1], notes)}.${m[2]}`), notes };
  }
  m = ONE_DF.exec(s);
  if (!m) return { ok: false, reason: `${test} needs one df; got "(${raw})"` };
  return { ok: true, df1: dfValue(m[1], notes), notes };
}
