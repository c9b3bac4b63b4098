/**
 * Word matching between prose (or a caption) and the labels a table prints, shared by the group-size
 * inference and the prose linker. Matching is on lower-case letter/digit runs, so "Ki-67" matches a
 * row "Ki67", "ADCmean" a row "ADC_Mean" and "HER2-overexpression" a column "HER2-Over".
 */

/** A letter/digit run of a text with its character span. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The lower-case letter/digit runs of a text. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ text: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** A label without its parentheses and sub/superscript markers, as one lower-case letter/digit string. */
export function compactLabel(label: string): string {
  const bare = label.replace(/\([^()]*\)/g, ' ').trim() || label;
  return tokenize(bare)
    .map((t) => t.text)
    .join('');
}

/** A span of tokens [from, to) that matched. */
export interface Match {
  readonly from: number;
  readonly to: number;
}

/** Endings a word may take or drop and still name the same group, longest first: "overexpress-ion"/"-ed". */
const ENDINGS = ['ions', 'ion', 'ing', 'ed', 'es', 's', 'e'];
/** Shortest stem an ending may leave, so that short words stay as they are ("lower" is not "low"). */
const MIN_STEM = 4;

/**
 * A word without one inflectional ending: "overexpression", "overexpressed" → "overexpress"; "doses",
 * "dose" → "dose". Deliberately light (no "-er", "-ment", "-ive"): a looser stem would join words that
 * name different groups ("low"/"lower", "treated"/"treatment").
 */
export function wordStem(word: string): string {
  for (const ending of ENDINGS)
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length);
  return word;
}

/**
 * Where consecutive tokens spell `compact` exactly (token boundaries on both ends). With `tolerantLast`,
 * for group names, the last token may continue beyond it ("over" matches "overexpression") or share its
 * stem (`wordStem`: "overexpressed" matches "overexpression").
 */
export function findCompact(tokens: readonly Token[], compact: string, tolerantLast = false): Match[] {
  const out: Match[] = [];
  if (!compact) return out;
  for (let i = 0; i < tokens.length; i++) {
    let acc = '';
    for (let j = i; j < tokens.length && acc.length < compact.length; j++) {
      const t = tokens[j].text;
      const rest = compact.slice(acc.length);
      const prefix = rest.length >= 3 && t.startsWith(rest) && j > i;
      if (t === rest || (tolerantLast && (prefix || sameStem(t, rest)))) {
        out.push({ from: i, to: j + 1 });
        break;
      }
      if (!rest.startsWith(t)) break;
      acc += t;
    }
  }
  return out;
}

function sameStem(a: string, b: string): boolean {
  return wordStem(a) === wordStem(b);
}

/** Drops matches inside a longer match (so "NME" does not count where "NME related" matched). */
export function outermost<T extends Match>(matches: readonly T[]): T[] {
  return matches.filter(
    (m) => !matches.some((o) => o !== m && o.from <= m.from && o.to >= m.to && o.to - o.from > m.to - m.from),
  );
}
