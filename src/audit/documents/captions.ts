/**
 * One definition of a reference to a table, as journals number them — "Table 2", "TABLE 2", "Tab. 2",
 * "Table S5", "Supplementary Table 3", "eTable 2", "Table A1", "Table II" — read by the caption readers
 * (`CAPTION`, `captionKey`) and by the prose linker (`tableCitations`), so that a sentence citing
 * "eTable 2" speaks of the table captioned "eTable 2." (both key `tableE2`).
 */
const SUPPLEMENT = '(?<supplement>Supplementa(?:l|ry)\\s+)?';
/** a Roman numeral, or a letter and up to three digits; `at` names the groups apart */
const number = (at: string): string =>
  `(?:(?<roman${at}>[IVX]{1,6})\\b|(?<letter${at}>[A-Z]?)(?<digits${at}>\\d{1,3})(?!\\d))`;
const CAPTION_WORD = '(?<word>Table|TABLE|Tab\\.)';
/** in prose also "table 2" and "Tables 2 and 3" */
const CITATION_WORD = '(?<word>[Tt]ables?|TABLES?|Tab\\.)';
const reference = (word: string): string => `${SUPPLEMENT}(?<e>e?)${word}\\s+${number('')}`;

/**
 * Table captions: a table reference at the start of the line, then ".", ":", "|", the end, or a word
 * starting with a capital, a digit or "(". Not "Table 2 shows …" (prose citing a table starts with a
 * lower-case word after the number).
 */
export const CAPTION = new RegExp(`^${reference(CAPTION_WORD)}(?:\\s*[.:|]|\\s*$|(?=\\s+[\\p{Lu}\\d(]))`, 'u');
const CITATION = new RegExp(`(?<![\\p{L}\\p{N}])${reference(CITATION_WORD)}`, 'gu');
/** ", 3", " and 3", ", and 3", " & 3" after "Tables 2" */
const LISTED = new RegExp(`^\\s*(?:,\\s*(?:and\\s+|&\\s*)?|and\\s+|&\\s*)${number('L')}`, 'u');

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };
function fromRoman(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]];
    n += i + 1 < s.length && ROMAN[s[i + 1]] > v ? -v : v;
  }
  return n;
}

/** how far after "Tables 2" a list is read (so that many "Tables" in one text stay linear) */
const LIST_REACH = 200;

type Groups = Readonly<Record<string, string | undefined>>;

/**
 * The key of a matched reference: the number (Roman numerals as digits) after the letter it prints
 * (or `inherited`, the letter of "Tables S1 and 2"), else "S" for "Supplementary", "E" for "eTable";
 * null for table 0.
 */
function keyOf(g: Groups, at = '', inherited = ''): string | null {
  const roman = g[`roman${at}`];
  const value = roman ? fromRoman(roman) : Number(g[`digits${at}`]);
  if (value < 1) return null; // (the pattern allows at most three digits or six Roman numerals)
  return `table${g[`letter${at}`] || inherited || (g.supplement ? 'S' : g.e ? 'E' : '')}${value}`;
}

/**
 * The published-numbers key of a caption and its name as printed: "Table 2." → table2 ("Table 2"),
 * "Supplementary Table 3" and "Table S3" → tableS3, "eTable 2" → tableE2, "Table A1" → tableA1,
 * "TABLE II" → table2; null when the text does not start with a caption.
 */
export function captionKey(caption: string): { key: string; name: string } | null {
  const m = CAPTION.exec(caption);
  const key = m?.groups ? keyOf(m.groups) : null;
  return m && key ? { key, name: m[0].replace(/[\s.:|]+$/, '') } : null;
}

/**
 * The tables a sentence cites, as the keys `captionKey` gives their captions, in order: "(Table 3)",
 * "eTable 2", "Supplementary Table S3", "Table A1", "Table II", "Tables 2 and 3", "table 4". Linear:
 * each reference is matched once, and the list after "Tables" by an anchored pattern on what follows.
 */
export function tableCitations(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CITATION)) {
    const g: Groups = m.groups ?? {};
    const key = keyOf(g);
    if (key) out.push(key);
    if (!/s$/i.test(g.word ?? '')) continue;
    const end = (m.index ?? 0) + m[0].length;
    let rest = text.slice(end, end + LIST_REACH);
    for (let l = LISTED.exec(rest); l?.groups; l = LISTED.exec(rest)) {
      const listed = keyOf({ ...g, ...l.groups }, 'L', g.letter);
      if (listed) out.push(listed);
      rest = rest.slice(l[0].length);
    }
  }
  return out;
}
